"""What a staffing run measured, and the same measures across replications with 95% CIs.

A run's measures are a nested dict of floats; `aggregate` turns the runs' dicts into the
same shape with an `Estimate` (mean, 95% half-width) at every leaf. NaN stands for "not
measurable in this run" (a route with no calls) and stays NaN, rendered as null.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal, Union

import numpy as np
import numpy.typing as npt

from cso.sim.model import CSO_UNIT, SWORN_UNIT, UNIT_KINDS, RunOutcome
from cso.sim.routing import CSO, CSO_ACCOMPANIED, REFER, ROUTES, SWORN

Measures = dict[str, Union[float, "Measures"]]
Estimates = dict[str, Union["Estimate", "Estimates"]]
Measure = Literal["response", "wait"]

DAYS_PER_YEAR = 365.0
MINUTES_PER_DAY = 1440.0
ERR_SHARE = "target share must be above 0 and at most 1, not {value}"
ERR_MINUTES = "target minutes must be a finite number above 0, not {value}"

# Two-sided 95% Student t quantiles for 1 to 30 degrees of freedom.
T_975 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip
Z_975 = 1.959964


def t_quantile_975(degrees: int) -> float:
    """The 97.5% quantile of Student's t: tabled to 30 degrees, then a Cornish-Fisher series."""
    if degrees <= len(T_975):
        return T_975[degrees - 1]
    z = Z_975
    return z + (z**3 + z) / (4 * degrees) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * degrees**2)


@dataclass(frozen=True)
class Estimate:
    """A mean across replications and the half-width of its 95% confidence interval."""

    mean: float
    ci95: float | None

    def as_dict(self) -> dict[str, float | None]:
        """JSON shape: NaN becomes null."""
        return {
            "mean": None if math.isnan(self.mean) else self.mean,
            "ci95": None if self.ci95 is None or math.isnan(self.ci95) else self.ci95,
        }


@dataclass(frozen=True)
class Target:
    """A service target: `share` of CSO calls reached within `minutes` (response or wait)."""

    share: float
    minutes: float
    measure: Measure = "response"

    def __post_init__(self) -> None:
        if not 0.0 < self.share <= 1.0:
            raise ValueError(ERR_SHARE.format(value=self.share))
        if not (math.isfinite(self.minutes) and self.minutes > 0):
            raise ValueError(ERR_MINUTES.format(value=self.minutes))


def target_share(outcome: RunOutcome, target: Target) -> float:
    """Share of CSO calls (alone or accompanied) reached within the target; unserved miss it."""
    cso_calls = (outcome.routes == CSO) | (outcome.routes == CSO_ACCOMPANIED)
    count = int(np.count_nonzero(cso_calls))
    if count == 0:
        return 1.0  # no CSO call can miss the target
    times = outcome.response if target.measure == "response" else outcome.wait
    # NaN (never reached) compares False, so an unserved call counts as a miss.
    return int(np.count_nonzero(times[cso_calls] <= target.minutes)) / count


def _spread(values: npt.NDArray[np.float64]) -> Measures:
    """Mean, median and 90th percentile of the measurable values (NaN when there are none)."""
    values = values[~np.isnan(values)]
    if values.size == 0:
        return {"mean": math.nan, "p50": math.nan, "p90": math.nan}
    p50, p90 = np.quantile(values, [0.5, 0.9]).tolist()
    return {"mean": float(np.mean(values)), "p50": p50, "p90": p90}


def run_measures(outcome: RunOutcome, target: Target | None) -> Measures:
    """Every measure of one run, as a nested dict of floats."""
    routes: Measures = {}
    for code in (CSO, CSO_ACCOMPANIED, SWORN):
        mask = outcome.routes == code
        routes[ROUTES[code].value] = {
            "calls": float(np.count_nonzero(mask)),
            "unserved": float(np.count_nonzero(np.isnan(outcome.wait[mask]))),
            "wait_minutes": _spread(outcome.wait[mask]),
            "response_minutes": _spread(outcome.response[mask]),
        }
    referred = float(np.count_nonzero(outcome.routes == REFER))
    routes[ROUTES[REFER].value] = {"calls": referred}
    escalated = float(np.count_nonzero(outcome.escalated))
    years = outcome.horizon_minutes / MINUTES_PER_DAY / DAYS_PER_YEAR
    freed_hours = outcome.freed_minutes / 60.0
    measures: Measures = {
        "calls": {
            "total": float(outcome.routes.size),
            "referred": referred,
            "dispatched": float(np.count_nonzero(~np.isnan(outcome.wait))),
            "waiting_at_end": float(outcome.waiting_at_end),
            "escalated": escalated,
        },
        "routes": routes,
        "escalations": {
            "calls": escalated,
            "unserved": float(outcome.escalations_waiting_at_end),
            "sworn_wait_minutes": _spread(outcome.escalation_wait[outcome.escalated]),
            "sworn_response_minutes": _spread(outcome.escalation_response[outcome.escalated]),
        },
        "utilization": {
            kind: outcome.busy_minutes[unit] / outcome.on_duty_minutes[unit]
            if outcome.on_duty_minutes[unit] > 0
            else math.nan
            for unit, kind in ((CSO_UNIT, UNIT_KINDS[0]), (SWORN_UNIT, UNIT_KINDS[1]))
        },
        "overtime_hours": {
            kind: outcome.overtime_minutes[unit] / 60.0
            for unit, kind in ((CSO_UNIT, UNIT_KINDS[0]), (SWORN_UNIT, UNIT_KINDS[1]))
        },
        "sworn_hours_freed": {"total": freed_hours, "per_year": freed_hours / years},
    }
    if target is not None:
        measures["target_share"] = target_share(outcome, target)
    return measures


def estimate(values: list[float]) -> Estimate:
    """Mean and 95% CI half-width of replication values (no CI from a single replication)."""
    array = np.array(values, dtype=np.float64)
    mean = float(np.mean(array))
    if array.size < 2:
        return Estimate(mean, None)
    half = t_quantile_975(array.size - 1) * float(np.std(array, ddof=1)) / math.sqrt(array.size)
    return Estimate(mean, half)


def aggregate(runs: list[Measures]) -> Estimates:
    """The runs' measures, leaf by leaf, as estimates across replications."""
    result: Estimates = {}
    for key, first in runs[0].items():
        if isinstance(first, dict):
            result[key] = aggregate([run[key] for run in runs])  # type: ignore[misc]
        else:
            result[key] = estimate([float(run[key]) for run in runs])  # type: ignore[arg-type]
    return result


def estimates_as_dict(estimates: Estimates) -> dict[str, object]:
    """The nested estimates in their JSON shape."""
    return {
        key: value.as_dict() if isinstance(value, Estimate) else estimates_as_dict(value)
        for key, value in estimates.items()
    }
