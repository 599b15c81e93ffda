"""The queueing check: an M/M/c first-come-first-served queue, simulated fast.

FCFS with identical servers needs no event list: call n starts when it arrives or when
the earliest-free server frees, whichever is later, so a heap of server free times is the
whole state. That makes the loop one heap operation per arrival.
"""

from __future__ import annotations

import heapq
import math
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from cso.sim import erlang

FloatArray = npt.NDArray[np.float64]

MAX_CALLS = 50_000_000
ERR_CALLS = "calls must be a whole number from 1 to {limit:,}, not {value!r}"
ERR_SEED = "seed must be a whole number of at least 0, not {value!r}"
ERR_POSITIVE = "{name} must be a positive finite number, not {value!r}"
MINUTES_PER_HOUR = 60.0


class MMcResult(NamedTuple):
    """What one M/M/c run measured; times in minutes."""

    calls: int
    mean_wait_minutes: float
    p90_wait_minutes: float
    prob_wait: float
    utilization: float

    def as_dict(self) -> dict[str, float | int]:
        """The JSON shape of the queueing check (without the wall time the caller adds)."""
        return self._asdict()


def check_inputs(
    servers: int, arrival_rate_per_hour: float, service_minutes_mean: float, calls: int, seed: int
) -> None:
    """Raise ValueError, with a one-line message, for input no stable M/M/c run can take."""
    if isinstance(calls, bool) or not isinstance(calls, int) or not 1 <= calls <= MAX_CALLS:
        raise ValueError(ERR_CALLS.format(limit=MAX_CALLS, value=calls))
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ValueError(ERR_SEED.format(value=seed))
    for name, value in (
        ("arrival rate per hour", arrival_rate_per_hour),
        ("service minutes mean", service_minutes_mean),
    ):
        if not (math.isfinite(value) and value > 0):
            raise ValueError(ERR_POSITIVE.format(name=name, value=value))
    erlang.utilization(servers, arrival_rate_per_hour / MINUTES_PER_HOUR, service_minutes_mean)


def draw_calls(
    arrival_rate_per_hour: float, service_minutes_mean: float, calls: int, seed: int
) -> tuple[FloatArray, FloatArray]:
    """Arrival times and service times (minutes) of a Poisson stream with exponential service."""
    rng = np.random.default_rng(seed)
    gaps = rng.exponential(MINUTES_PER_HOUR / arrival_rate_per_hour, calls)
    services = rng.exponential(service_minutes_mean, calls)
    return np.cumsum(gaps), services


def fcfs_starts(arrivals: FloatArray, services: FloatArray, servers: int) -> FloatArray:
    """Start times under FCFS with identical servers, and when the last server frees."""
    free = [0.0] * servers  # a heap of the times each server next frees
    starts: list[float] = []
    record = starts.append
    replace = heapq.heapreplace
    for arrival, service in zip(arrivals.tolist(), services.tolist(), strict=True):
        earliest = free[0]
        start = earliest if earliest > arrival else arrival
        replace(free, start + service)
        record(start)
    return np.array(starts, dtype=np.float64)


def summarize(
    arrivals: FloatArray, services: FloatArray, starts: FloatArray, servers: int
) -> MMcResult:
    """Mean and 90th-percentile wait, share of calls that waited, and busy share of servers."""
    waits = starts - arrivals
    finished = float(np.max(starts + services))
    return MMcResult(
        calls=int(arrivals.size),
        mean_wait_minutes=float(np.mean(waits)),
        p90_wait_minutes=float(np.quantile(waits, 0.9)),
        prob_wait=float(np.count_nonzero(waits > 0.0)) / arrivals.size,
        utilization=float(np.sum(services)) / (servers * finished),
    )


def simulate_mmc(
    servers: int, arrival_rate_per_hour: float, service_minutes_mean: float, calls: int, seed: int
) -> MMcResult:
    """Simulate `calls` arrivals at an empty M/M/c queue and measure their waits."""
    check_inputs(servers, arrival_rate_per_hour, service_minutes_mean, calls, seed)
    arrivals, services = draw_calls(arrival_rate_per_hour, service_minutes_mean, calls, seed)
    starts = fcfs_starts(arrivals, services, servers)
    return summarize(arrivals, services, starts, servers)
