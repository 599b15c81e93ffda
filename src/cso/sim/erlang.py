"""Erlang C: exact steady-state waiting in an M/M/c first-come-first-served queue.

Pure functions of the offered load, so the simulator can be checked against theory. Rates
and times only need a common unit; the callers use calls per minute and minutes.
"""

from __future__ import annotations

import math

ERR_SERVERS = "servers must be a whole number of at least 1, not {value!r}"
ERR_RATE = "{name} must be a positive finite number, not {value!r}"
ERR_UNSTABLE = (
    "unstable queue: utilization {utilization:.3f} >= 1 "
    "(arrival rate x service time / servers); add servers or lower the load"
)
ERR_QUANTILE = "quantile must be between 0 and 1 (exclusive), not {value!r}"


def _checked(servers: int, arrival_rate: float, service_mean: float) -> float:
    """The offered load a = lambda * S in erlangs, after validating a stable queue."""
    if isinstance(servers, bool) or not isinstance(servers, int) or servers < 1:
        raise ValueError(ERR_SERVERS.format(value=servers))
    for name, value in (("arrival rate", arrival_rate), ("service mean", service_mean)):
        if not (math.isfinite(value) and value > 0):
            raise ValueError(ERR_RATE.format(name=name, value=value))
    load = arrival_rate * service_mean
    if load >= servers:
        raise ValueError(ERR_UNSTABLE.format(utilization=load / servers))
    return load


def utilization(servers: int, arrival_rate: float, service_mean: float) -> float:
    """Offered utilization rho = lambda * S / c of a stable queue."""
    return _checked(servers, arrival_rate, service_mean) / servers


def prob_wait(servers: int, arrival_rate: float, service_mean: float) -> float:
    """Erlang C: the probability that an arriving call finds every server busy."""
    load = _checked(servers, arrival_rate, service_mean)
    # Erlang B by its recursion, then C from B: no factorials, so no overflow at large c.
    blocking = 1.0
    for k in range(1, servers + 1):
        blocking = load * blocking / (k + load * blocking)
    rho = load / servers
    return blocking / (1.0 - rho * (1.0 - blocking))


def mean_wait(servers: int, arrival_rate: float, service_mean: float) -> float:
    """Mean time in queue, over all calls (those that do not wait count as zero)."""
    load = _checked(servers, arrival_rate, service_mean)
    return prob_wait(servers, arrival_rate, service_mean) * service_mean / (servers - load)


def wait_survival(servers: int, arrival_rate: float, service_mean: float, t: float) -> float:
    """P(wait > t): for t >= 0 the waiting time is C * exp(-(c/S - lambda) * t)."""
    if t < 0:
        return 1.0
    decay = servers / service_mean - arrival_rate
    return prob_wait(servers, arrival_rate, service_mean) * math.exp(-decay * t)


def wait_quantile(servers: int, arrival_rate: float, service_mean: float, q: float) -> float:
    """The q-quantile of the waiting time: zero while q is covered by calls that never wait."""
    if not 0.0 < q < 1.0:
        raise ValueError(ERR_QUANTILE.format(value=q))
    waits = prob_wait(servers, arrival_rate, service_mean)
    if waits <= 1.0 - q:
        return 0.0
    decay = servers / service_mean - arrival_rate
    return math.log(waits / (1.0 - q)) / decay
