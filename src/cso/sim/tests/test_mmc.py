"""The M/M/c queueing check agrees with Erlang C, and its event loop with a plain simulation.

How the tolerances are set. The mean wait of a finite run is noisy, and the noise grows
steeply with utilization: the relative standard deviation of one 200,000-call run, measured
over 20 seeds, is 1.2% for M/M/1 at 0.3, 2.9% for M/M/5 at 0.8, 4.1% for M/M/10 at 0.7 and
12% for M/M/10 at 0.95 (Daley's formula gives 9% for M/M/1 at 0.95). Each case below runs
REPLICATIONS independent replications (fixed seeds 0..7) with enough calls that the
standard error of their pooled mean is at most about a quarter of the tolerance: a correct
simulator then fails a check with probability near 1e-4, and the fixed seeds make the
outcome the same on every machine. The test also measures that standard error from the
replications and fails if it exceeds a third of the tolerance, so no case can pass by being
too noisy to detect an error (someone cutting the call counts will see it).
"""

from __future__ import annotations

import heapq
import math
import re
from functools import cache

import numpy as np
import pytest

from cso.sim import erlang
from cso.sim.mmc import ERR_CALLS, MAX_CALLS, draw_calls, fcfs_starts, simulate_mmc

SERVICE_MINUTES = 30.0
REPLICATIONS = 8
MEAN_REL_TOL = 0.05  # mean wait within 5% of Erlang C
PROB_ABS_TOL = 0.01  # share of calls that wait within 0.01
P90_REL_TOL = 0.05  # 90th percentile of the wait within 5%
TAIL_ABS_TOL = 0.015  # share waiting longer than Erlang's p90 within 0.015 of 10%

# (servers, utilization, calls per replication): utilizations 0.3 to 0.95, 1 to 10 servers.
CASES = [
    (1, 0.30, 40_000),
    (1, 0.70, 100_000),
    (2, 0.50, 80_000),
    (2, 0.90, 500_000),
    (5, 0.60, 150_000),
    (5, 0.80, 250_000),
    (10, 0.75, 400_000),
    (1, 0.95, 1_400_000),
]


def _per_hour(servers: int, rho: float) -> float:
    return rho * servers / SERVICE_MINUTES * 60.0


@cache
def _replications(servers: int, rho: float, calls: int) -> dict[str, np.ndarray]:
    """Per replication: mean wait, share that waited, p90, share above Erlang's p90."""
    rate = rho * servers / SERVICE_MINUTES
    exact_p90 = erlang.wait_quantile(servers, rate, SERVICE_MINUTES, 0.9)
    rows = []
    for seed in range(REPLICATIONS):
        arrivals, services = draw_calls(_per_hour(servers, rho), SERVICE_MINUTES, calls, seed)
        waits = fcfs_starts(arrivals, services, servers) - arrivals
        rows.append(
            (
                waits.mean(),
                np.count_nonzero(waits > 0) / calls,
                np.quantile(waits, 0.9),
                np.count_nonzero(waits > exact_p90) / calls,
            )
        )
    table = np.array(rows)
    return {name: table[:, i] for i, name in enumerate(("mean", "prob", "p90", "tail"))}


def _mean_and_error(values: np.ndarray) -> tuple[float, float]:
    return float(values.mean()), float(values.std(ddof=1) / math.sqrt(values.size))


@pytest.mark.parametrize(
    ("servers", "rho", "calls"), CASES, ids=[f"c{c}-rho{r:.2f}" for c, r, _ in CASES]
)
def test_the_simulation_agrees_with_erlang_c(servers: int, rho: float, calls: int) -> None:
    rate = rho * servers / SERVICE_MINUTES
    runs = _replications(servers, rho, calls)

    exact_mean = erlang.mean_wait(servers, rate, SERVICE_MINUTES)
    mean, error = _mean_and_error(runs["mean"] / exact_mean)
    assert error <= MEAN_REL_TOL / 3, f"too few calls: relative standard error {error:.4f}"
    assert abs(mean - 1) <= MEAN_REL_TOL

    prob, error = _mean_and_error(runs["prob"])
    assert error <= PROB_ABS_TOL / 3
    assert abs(prob - erlang.prob_wait(servers, rate, SERVICE_MINUTES)) <= PROB_ABS_TOL

    exact_p90 = erlang.wait_quantile(servers, rate, SERVICE_MINUTES, 0.9)
    p90, error = _mean_and_error(runs["p90"] / exact_p90)
    assert error <= P90_REL_TOL / 3
    assert abs(p90 - 1) <= P90_REL_TOL

    tail, error = _mean_and_error(runs["tail"])
    assert error <= TAIL_ABS_TOL / 3
    assert abs(tail - 0.1) <= TAIL_ABS_TOL


def _reference_starts(arrivals: list[float], services: list[float], servers: int) -> list[float]:
    """A plain event simulation: arrival and departure events, one FIFO line."""
    events: list[tuple[float, int, int]] = [(a, 1, i) for i, a in enumerate(arrivals)]
    heapq.heapify(events)
    idle, line, starts = servers, [], [math.nan] * len(arrivals)
    while events:
        now, kind, call = heapq.heappop(events)
        if kind == 0:  # departure; departures sort before arrivals at the same instant
            idle += 1
        else:
            line.append(call)
        while idle and line:
            started = line.pop(0)
            idle -= 1
            starts[started] = now
            heapq.heappush(events, (now + services[started], 0, started))
    return starts


@pytest.mark.parametrize("servers", [1, 3, 7])
def test_the_heap_loop_matches_a_plain_event_simulation(servers: int) -> None:
    arrivals, services = draw_calls(_per_hour(servers, 0.9), SERVICE_MINUTES, 3_000, 11)
    expected = _reference_starts(arrivals.tolist(), services.tolist(), servers)
    assert fcfs_starts(arrivals, services, servers) == pytest.approx(expected, rel=1e-12)


def test_one_server_follows_lindleys_recursion() -> None:
    arrivals, services = draw_calls(1.5, SERVICE_MINUTES, 5_000, 3)
    waits = fcfs_starts(arrivals, services, 1) - arrivals
    wait = 0.0
    for n in range(1, arrivals.size):
        wait = max(0.0, wait + services[n - 1] - (arrivals[n] - arrivals[n - 1]))
        assert waits[n] == pytest.approx(wait, abs=1e-9)


def test_the_same_seed_gives_the_same_result_and_another_seed_does_not() -> None:
    first = simulate_mmc(3, 5.0, 30.0, 20_000, 42)
    assert simulate_mmc(3, 5.0, 30.0, 20_000, 42) == first
    assert simulate_mmc(3, 5.0, 30.0, 20_000, 43) != first


def test_the_result_reports_what_was_asked() -> None:
    result = simulate_mmc(4, 6.0, 30.0, 50_000, 1)
    assert result.calls == 50_000
    assert result.utilization == pytest.approx(0.75, abs=0.01)
    assert list(result.as_dict()) == [
        "calls",
        "mean_wait_minutes",
        "p90_wait_minutes",
        "prob_wait",
        "utilization",
    ]


@pytest.mark.parametrize(
    ("servers", "per_hour", "mean", "calls", "seed", "message"),
    [
        (2, 4.0, 30.0, 0, 1, ERR_CALLS.format(limit=MAX_CALLS, value=0)),
        (2, 4.0, 30.0, MAX_CALLS + 1, 1, ERR_CALLS.format(limit=MAX_CALLS, value=MAX_CALLS + 1)),
        (2, 4.0, 30.0, 10, -1, "seed must be a whole number of at least 0, not -1"),
        (
            2,
            math.nan,
            30.0,
            10,
            1,
            "arrival rate per hour must be a positive finite number, not nan",
        ),
        (2, 4.0, 0.0, 10, 1, "service minutes mean must be a positive finite number, not 0.0"),
        (2, 4.0, 30.0, 10, 1, erlang.ERR_UNSTABLE.format(utilization=1.0)),
    ],
    ids=["no-calls", "too-many-calls", "negative-seed", "nan-rate", "zero-service", "unstable"],
)
def test_bad_input_is_refused_before_any_work(
    servers: int, per_hour: float, mean: float, calls: int, seed: int, message: str
) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        simulate_mmc(servers, per_hour, mean, calls, seed)
