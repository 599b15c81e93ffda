"""Replications of the staffing model, and the search for the fewest CSOs that meet a target.

Replication r draws its arrivals (when fitted) and its per-call random numbers from the
r-th child of the seed, before any staffing is chosen: every staffing level tried sees
the same calls and the same service and travel times (common random numbers), so a
difference between levels is the staffing's doing, not the dice's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from cso.sim.arrivals import HourOfWeekFit, draw_arrivals, fit_hour_of_week
from cso.sim.history import History
from cso.sim.model import (
    MINUTES_PER_DAY,
    Draws,
    RunOutcome,
    Scenario,
    Staffing,
    draw_randomness,
    simulate_staffing,
)
from cso.sim.report import (
    Estimate,
    Estimates,
    Measures,
    Target,
    aggregate,
    estimate,
    run_measures,
    target_share,
)
from cso.sim.routing import RoutedCalls

ERR_REPLICATIONS = "replications must be a whole number from 1 to {limit}, not {value}"
ERR_SEED = "seed must be a whole number of at least 0, not {value}"
ERR_MAX_CSOS = (
    "the most CSOs per shift to try must be a whole number from 1 to {limit}, not {value}"
)
MAX_REPLICATIONS = 1000
MAX_CSOS_LIMIT = 500


@dataclass(frozen=True)
class Replication:
    """One replication's calls and random numbers, fixed before staffing is chosen."""

    arrivals: npt.NDArray[np.float64]
    calls: RoutedCalls
    draws: Draws


@dataclass(frozen=True)
class Plan:
    """The calls of every replication and the span they cover."""

    replications: tuple[Replication, ...]
    horizon_minutes: float
    days: int


def _whole(value: object, low: int, high: int | None = None) -> bool:
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and value >= low
        and (high is None or value <= high)
    )


def plan_replications(
    history: History, routed: RoutedCalls, fitted_days: int | None, replications: int, seed: int
) -> Plan:
    """Replayed history (fitted_days None) or fitted arrivals over `fitted_days` days."""
    if not _whole(replications, 1, MAX_REPLICATIONS):
        raise ValueError(ERR_REPLICATIONS.format(limit=MAX_REPLICATIONS, value=replications))
    if not _whole(seed, 0):
        raise ValueError(ERR_SEED.format(value=seed))
    fit: HourOfWeekFit | None = None
    if fitted_days is not None:
        fit = fit_hour_of_week(history.minutes, history.weekday_of_first_day, history.days)
    days = history.days if fitted_days is None else fitted_days
    runs: list[Replication] = []
    for child in np.random.SeedSequence(seed).spawn(replications):
        arrival_seed, draw_seed = child.spawn(2)
        if fit is None:
            arrivals, calls = history.minutes, routed
        else:
            arrivals, calls = draw_arrivals(fit, routed, days, np.random.default_rng(arrival_seed))
        draws = draw_randomness(len(calls), np.random.default_rng(draw_seed))
        runs.append(Replication(arrivals, calls, draws))
    return Plan(tuple(runs), float(days * MINUTES_PER_DAY), days)


def run_plan(plan: Plan, staffing: Staffing, scenario: Scenario) -> list[RunOutcome]:
    """Every replication of the plan under one staffing."""
    return [
        simulate_staffing(
            run.arrivals, run.calls, plan.horizon_minutes, staffing, scenario, run.draws
        )
        for run in plan.replications
    ]


def summarize(outcomes: list[RunOutcome], target: Target | None) -> Estimates:
    """Each measure as mean and 95% CI across the replications."""
    measures: list[Measures] = [run_measures(outcome, target) for outcome in outcomes]
    return aggregate(measures)


@dataclass(frozen=True)
class Search:
    """The fewest CSOs per shift meeting the target (None if none up to the limit tried)."""

    csos_per_shift: int | None
    tried: tuple[tuple[int, Estimate], ...]
    staffing: Staffing | None


def target_share_estimate(
    plan: Plan, staffing: Staffing, scenario: Scenario, target: Target
) -> Estimate:
    """Share of CSO calls meeting the target under a staffing, across replications."""
    return estimate([target_share(run, target) for run in run_plan(plan, staffing, scenario)])


def search_csos(
    plan: Plan, staffing: Staffing, scenario: Scenario, target: Target, max_csos: int
) -> Search:
    """Try 0, 1, 2, ... CSOs on each CSO shift; the first whose mean share meets the target."""
    if not _whole(max_csos, 1, MAX_CSOS_LIMIT):
        raise ValueError(ERR_MAX_CSOS.format(limit=MAX_CSOS_LIMIT, value=max_csos))
    tried: list[tuple[int, Estimate]] = []
    # Counted up from zero rather than bisected: waits need not fall strictly with each
    # added CSO in a finite sample, and only a scan guarantees the answer is the smallest.
    for count in range(max_csos + 1):
        candidate = staffing.with_csos(count)
        share = target_share_estimate(plan, candidate, scenario, target)
        tried.append((count, share))
        if share.mean >= target.share:
            return Search(count, tuple(tried), candidate)
    return Search(None, tuple(tried), None)
