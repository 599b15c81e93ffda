"""Replications with common random numbers, confidence intervals, and the CSO search."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable
from datetime import UTC
from pathlib import Path

import pytest

from cso.core.policy import load_profile
from cso.sim.experiment import (
    ERR_MAX_CSOS,
    ERR_REPLICATIONS,
    MAX_CSOS_LIMIT,
    MAX_REPLICATIONS,
    Plan,
    plan_replications,
    run_plan,
    search_csos,
    summarize,
    target_share_estimate,
)
from cso.sim.history import History, read_history
from cso.sim.model import Scenario, Staffing
from cso.sim.report import ERR_SHARE, Estimate, Target, estimate, t_quantile_975
from cso.sim.routing import RoutedCalls, route_calls

BURLINGTON = "data/burlington-vt-2022/police-incidents-2022.csv"
SWORN = Staffing.per_shift((0,), (4,), 8, 7)
TARGET = Target(share=0.9, minutes=30.0)


@pytest.fixture(scope="module")
def burlington(shared_dir: Path) -> History:
    return read_history(shared_dir / BURLINGTON, "call_time", "call_type", UTC)


@pytest.fixture(scope="module")
def routed(burlington: History) -> RoutedCalls:
    return route_calls(burlington.call_types, load_profile("streator"), "burlington")


@pytest.fixture(scope="module")
def replay(burlington: History, routed: RoutedCalls) -> Plan:
    return plan_replications(burlington, routed, None, 5, 2024)


@pytest.fixture(scope="module")
def fitted(burlington: History, routed: RoutedCalls) -> Plan:
    return plan_replications(burlington, routed, 91, 5, 2024)


def _mean_cso_wait(plan: Plan, csos: int) -> float:
    results = summarize(run_plan(plan, SWORN.with_csos(csos), Scenario()), None)
    routes = results["routes"]
    assert isinstance(routes, dict)
    cso = routes["cso"]
    assert isinstance(cso, dict)
    wait = cso["wait_minutes"]
    assert isinstance(wait, dict)
    mean = wait["mean"]
    assert isinstance(mean, Estimate)
    return mean.mean


@pytest.mark.parametrize("arrivals", ["replay", "fitted"])
def test_more_csos_never_lengthen_the_cso_wait(arrivals: str, replay: Plan, fitted: Plan) -> None:
    # Common random numbers: each staffing level sees the same calls and the same times,
    # so the comparison is the staffing's effect, not the dice's.
    plan = replay if arrivals == "replay" else fitted
    waits = [_mean_cso_wait(plan, csos) for csos in range(1, 6)]
    assert all(later <= earlier for earlier, later in itertools.pairwise(waits))
    assert waits[0] > 2 * waits[-1]


def test_the_same_seed_gives_the_same_fitted_calls(
    burlington: History, routed: RoutedCalls, fitted: Plan
) -> None:
    again = plan_replications(burlington, routed, 91, 5, 2024)
    other = plan_replications(burlington, routed, 91, 5, 2025)
    for first, second in zip(fitted.replications, again.replications, strict=True):
        assert first.arrivals.tolist() == second.arrivals.tolist()
        assert first.draws.service.tolist() == second.draws.service.tolist()
    assert fitted.replications[0].arrivals.size != other.replications[0].arrivals.size
    # Replications differ from one another.
    assert fitted.replications[0].arrivals.size != fitted.replications[1].arrivals.size


def test_the_search_returns_the_smallest_count_that_meets_the_target(replay: Plan) -> None:
    search = search_csos(replay, SWORN, Scenario(), TARGET, 10)
    assert search.csos_per_shift is not None
    shares = {
        n: target_share_estimate(replay, SWORN.with_csos(n), Scenario(), TARGET).mean
        for n in range(search.csos_per_shift + 2)
    }
    assert shares[search.csos_per_shift] >= TARGET.share
    assert all(shares[n] < TARGET.share for n in range(search.csos_per_shift))
    assert [n for n, _ in search.tried] == list(range(search.csos_per_shift + 1))
    assert search.staffing == SWORN.with_csos(search.csos_per_shift)
    # Burlington under Streator's policy, four sworn units a shift: 3 CSOs a shift.
    assert search.csos_per_shift == 3


def test_a_target_out_of_reach_says_so(replay: Plan) -> None:
    # CSOs only overnight cannot reach 90% of CSO calls within 30 minutes.
    night_only = Staffing.per_shift((0, 0, 1), (4,), 8, 7)
    search = search_csos(replay, night_only, Scenario(), TARGET, 4)
    assert search.csos_per_shift is None
    assert search.staffing is None
    assert [n for n, _ in search.tried] == [0, 1, 2, 3, 4]
    assert night_only.with_csos(4).csos == (0, 0, 4)


def test_estimates_give_a_student_t_interval() -> None:
    three = estimate([1.0, 2.0, 3.0])
    assert three.mean == 2.0
    assert three.ci95 == pytest.approx(4.303 / math.sqrt(3))
    assert estimate([5.0]) == Estimate(5.0, None)
    assert t_quantile_975(60) == pytest.approx(2.000, abs=1e-3)
    assert t_quantile_975(120) == pytest.approx(1.980, abs=1e-3)


def test_summaries_carry_a_confidence_interval_per_measure(replay: Plan) -> None:
    results = summarize(run_plan(replay, SWORN.with_csos(2), Scenario()), TARGET)
    share = results["target_share"]
    assert isinstance(share, Estimate)
    assert share.ci95 is not None
    assert 0 < share.ci95 < 0.05


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda p: plan_replications(p[0], p[1], None, 0, 1),
            ERR_REPLICATIONS.format(limit=MAX_REPLICATIONS, value=0),
        ),
        (
            lambda p: plan_replications(p[0], p[1], None, 2, -5),
            "seed must be a whole number of at least 0, not -5",
        ),
        (
            lambda p: search_csos(p[2], SWORN, Scenario(), TARGET, 0),
            ERR_MAX_CSOS.format(limit=MAX_CSOS_LIMIT, value=0),
        ),
        (lambda p: Target(1.5, 30.0), ERR_SHARE.format(value=1.5)),
    ],
    ids=["no-replications", "negative-seed", "no-search-room", "share-above-one"],
)
def test_bad_settings_are_refused(
    burlington: History,
    routed: RoutedCalls,
    replay: Plan,
    call: Callable[[tuple[History, RoutedCalls, Plan]], object],
    message: str,
) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        call((burlington, routed, replay))
