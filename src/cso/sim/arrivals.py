"""Arrivals fitted to history: a Poisson rate for each of the 168 hours of the week.

Each simulated call takes the call type of a historical call drawn from the same hour of
the week, so the time-of-day mix (bar closing, school hours) survives the fit. Simulated
days start on a Monday at midnight.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from cso.sim.routing import RoutedCalls

HOURS_PER_WEEK = 168
MINUTES_PER_HOUR = 60.0
ERR_DAYS = "days must be a whole number of at least 1, not {value!r}"


@dataclass(frozen=True)
class HourOfWeekFit:
    """Calls per hour for each hour of the week, and the historical calls in each hour."""

    rates: npt.NDArray[np.float64]
    pool: npt.NDArray[np.intp]
    pool_start: npt.NDArray[np.intp]
    pool_size: npt.NDArray[np.intp]


def fit_hour_of_week(
    minutes: npt.NDArray[np.float64], first_weekday: int, days: int
) -> HourOfWeekFit:
    """Fit rates: calls seen in an hour of the week over the times that hour was observed."""
    hours = np.floor_divide(minutes, MINUTES_PER_HOUR).astype(np.intp)
    bins = (hours + first_weekday * 24) % HOURS_PER_WEEK
    counts = np.bincount(bins, minlength=HOURS_PER_WEEK)
    observed_hours = (np.arange(days * 24) + first_weekday * 24) % HOURS_PER_WEEK
    exposure = np.bincount(observed_hours, minlength=HOURS_PER_WEEK)
    # An hour of the week the export never covered gets no calls, rather than a guess.
    rates = np.divide(
        counts, exposure, out=np.zeros(HOURS_PER_WEEK, dtype=np.float64), where=exposure > 0
    )
    pool = np.argsort(bins, kind="stable").astype(np.intp)
    pool_start = np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.intp)
    return HourOfWeekFit(rates, pool, pool_start, counts.astype(np.intp))


def draw_arrivals(
    fit: HourOfWeekFit, history: RoutedCalls, days: int, rng: np.random.Generator
) -> tuple[npt.NDArray[np.float64], RoutedCalls]:
    """Arrival minutes over `days` simulated days and the calls drawn for them, in time order."""
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise ValueError(ERR_DAYS.format(value=days))
    hour = np.arange(days * 24, dtype=np.intp)
    bins = hour % HOURS_PER_WEEK
    counts = rng.poisson(fit.rates[bins])
    hour_of_call = np.repeat(hour, counts)
    bin_of_call = np.repeat(bins, counts)
    minutes = (hour_of_call + rng.random(hour_of_call.size)) * MINUTES_PER_HOUR
    offset = np.floor(rng.random(hour_of_call.size) * fit.pool_size[bin_of_call]).astype(np.intp)
    picks = fit.pool[fit.pool_start[bin_of_call] + offset]
    order = np.argsort(minutes, kind="stable")
    return minutes[order], history.take(picks[order])
