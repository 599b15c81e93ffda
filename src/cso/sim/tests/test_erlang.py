"""Erlang C against closed forms that hold for one and two servers, and its guard rails."""

from __future__ import annotations

import math
import re

import pytest

from cso.sim import erlang


@pytest.mark.parametrize("rho", [0.1, 0.5, 0.9, 0.99])
def test_one_server_is_the_m_m_1_queue(rho: float) -> None:
    service = 30.0
    rate = rho / service
    assert erlang.prob_wait(1, rate, service) == pytest.approx(rho, rel=1e-12)
    assert erlang.mean_wait(1, rate, service) == pytest.approx(rho * service / (1 - rho), rel=1e-12)


@pytest.mark.parametrize("rho", [0.2, 0.6, 0.95])
def test_two_servers_match_the_closed_form(rho: float) -> None:
    service = 12.0
    rate = 2 * rho / service
    # For M/M/2, C = 2 rho^2 / (1 + rho).
    assert erlang.prob_wait(2, rate, service) == pytest.approx(2 * rho**2 / (1 + rho), rel=1e-12)


@pytest.mark.parametrize(("servers", "load"), [(3, 2.1), (10, 8.0), (25, 24.0)])
def test_the_recursion_matches_the_factorial_formula(servers: int, load: float) -> None:
    top = load**servers / math.factorial(servers) * servers / (servers - load)
    below = sum(load**k / math.factorial(k) for k in range(servers)) + top
    assert erlang.prob_wait(servers, load / 30.0, 30.0) == pytest.approx(top / below, rel=1e-12)


def test_large_server_counts_do_not_overflow() -> None:
    value = erlang.prob_wait(1000, 990 / 30.0, 30.0)
    assert 0.0 < value < 1.0
    assert math.isfinite(erlang.mean_wait(1000, 990 / 30.0, 30.0))


@pytest.mark.parametrize("q", [0.5, 0.9, 0.99])
def test_the_quantile_inverts_the_survival_function(q: float) -> None:
    t = erlang.wait_quantile(4, 3.5 / 30.0, 30.0, q)
    assert t > 0
    assert erlang.wait_survival(4, 3.5 / 30.0, 30.0, t) == pytest.approx(1 - q, rel=1e-12)


def test_the_quantile_is_zero_where_calls_do_not_wait() -> None:
    # C is about 0.0005 here: 90% of calls never wait.
    assert erlang.wait_quantile(10, 3 / 30.0, 30.0, 0.9) == 0.0
    assert erlang.wait_survival(10, 3 / 30.0, 30.0, 0.0) == erlang.prob_wait(10, 3 / 30.0, 30.0)


@pytest.mark.parametrize(
    ("servers", "rate", "mean", "message"),
    [
        (2, 2 / 30.0, 30.0, erlang.ERR_UNSTABLE.format(utilization=1.0)),
        (2, 3 / 30.0, 30.0, erlang.ERR_UNSTABLE.format(utilization=1.5)),
        (0, 0.1, 1.0, erlang.ERR_SERVERS.format(value=0)),
        (2, 0.0, 1.0, erlang.ERR_RATE.format(name="arrival rate", value=0.0)),
        (2, 0.1, math.inf, erlang.ERR_RATE.format(name="service mean", value=math.inf)),
    ],
    ids=["utilization-one", "overloaded", "no-servers", "no-arrivals", "infinite-service"],
)
def test_unstable_or_bad_input_is_refused(
    servers: int, rate: float, mean: float, message: str
) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        erlang.mean_wait(servers, rate, mean)


def test_the_quantile_must_be_a_probability() -> None:
    with pytest.raises(ValueError, match="quantile must be between 0 and 1"):
        erlang.wait_quantile(2, 0.01, 30.0, 1.0)
