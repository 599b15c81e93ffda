"""The staffing model: conservation, shifts, routes, escalation, and agreement with FCFS."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC
from pathlib import Path

import numpy as np
import pytest

from cso.analytics.minutes import default_minutes
from cso.core.policy import load_profile
from cso.core.triage import triage
from cso.core.types import Call, Route
from cso.sim.history import History, read_history
from cso.sim.mmc import draw_calls, fcfs_starts
from cso.sim.model import (
    ERR_COUNTS,
    ERR_ESCALATION,
    ERR_SHIFT_HOURS,
    Draws,
    RunOutcome,
    Scenario,
    Staffing,
    draw_randomness,
    on_duty_minutes,
    simulate_staffing,
)
from cso.sim.routing import CSO, CSO_ACCOMPANIED, REFER, SWORN, RoutedCalls, route_calls

BURLINGTON = "data/burlington-vt-2022/police-incidents-2022.csv"
DAY = 1440.0


@pytest.fixture(scope="module")
def burlington(shared_dir: Path) -> History:
    return read_history(shared_dir / BURLINGTON, "call_time", "call_type", UTC)


@pytest.fixture(scope="module")
def routed(burlington: History) -> RoutedCalls:
    # Stockton refers some Burlington calls elsewhere, so every route but accompanied occurs.
    return route_calls(burlington.call_types, load_profile("stockton"), "burlington")


def _run(
    history: History, calls: RoutedCalls, staffing: Staffing, scenario: Scenario, seed: int = 3
) -> RunOutcome:
    draws = draw_randomness(len(calls), np.random.default_rng(seed))
    return simulate_staffing(history.minutes, calls, history.days * DAY, staffing, scenario, draws)


def _conserved(outcome: RunOutcome) -> None:
    total = outcome.routes.size
    referred = int(np.count_nonzero(outcome.routes == REFER))
    dispatched = int(np.count_nonzero(~np.isnan(outcome.wait)))
    assert referred + dispatched + outcome.waiting_at_end == total
    assert not np.any(~np.isnan(outcome.wait[outcome.routes == REFER]))
    escalated = int(np.count_nonzero(outcome.escalated))
    escalations_sent = int(np.count_nonzero(~np.isnan(outcome.escalation_wait)))
    assert escalations_sent + outcome.escalations_waiting_at_end == escalated


@pytest.mark.parametrize(
    ("csos", "sworn"),
    [((2,), (4,)), ((0, 1, 0), (1,)), ((0,), (3,)), ((1,), (0,))],
    ids=["comfortable", "stretched", "no-csos", "no-sworn"],
)
def test_every_call_is_served_referred_or_still_waiting(
    burlington: History, routed: RoutedCalls, csos: tuple[int, ...], sworn: tuple[int, ...]
) -> None:
    staffing = Staffing.per_shift(csos, sworn, 8, 7)
    outcome = _run(burlington, routed, staffing, Scenario(10.0, 0.2))
    _conserved(outcome)
    if not any(csos):
        assert outcome.waiting_at_end == np.count_nonzero(routed.routes == CSO)
        assert outcome.freed_minutes == 0.0
    if not any(sworn):
        assert outcome.waiting_at_end == np.count_nonzero(routed.routes == SWORN)
        assert outcome.escalations_waiting_at_end == np.count_nonzero(outcome.escalated) > 0


def test_csos_work_only_on_their_shifts(burlington: History, routed: RoutedCalls) -> None:
    # CSOs on the 07:00-15:00 shift only: every CSO call is sent a unit in those hours.
    outcome = _run(burlington, routed, Staffing.per_shift((1, 0, 0), (4,), 8, 7), Scenario())
    sent = burlington.minutes + outcome.wait
    cso = (routed.routes == CSO) & ~np.isnan(outcome.wait)
    minute_of_day = sent[cso] % DAY
    assert np.all((minute_of_day >= 7 * 60) & (minute_of_day < 15 * 60))
    # A call arriving at night waits for the morning.
    night = cso & (burlington.minutes % DAY < 5 * 60)
    assert np.all(outcome.wait[night] >= 2 * 60)


def test_the_model_equals_fcfs_until_the_first_shift_change_and_never_waits_longer() -> None:
    # One 24-hour shift from midnight, no travel, no escalation: an M/M/3 queue whose
    # only difference is the fresh shift at each midnight (capacity can only grow then).
    calls = 30_000
    arrivals, services = draw_calls(4.2, 30.0, calls, 7)
    routed = RoutedCalls(np.full(calls, SWORN, dtype=np.int8), np.full(calls, 30.0))
    zero = np.zeros(calls)
    draws = Draws(services / 30.0, zero, np.ones(calls), zero, zero)
    horizon = float(np.ceil(arrivals[-1] / DAY) * DAY)
    outcome = simulate_staffing(
        arrivals, routed, horizon, Staffing((0,), (3,), 24, 0), Scenario(0.0, 0.0), draws
    )
    fcfs = fcfs_starts(arrivals, services, 3) - arrivals
    first_day = arrivals + fcfs < DAY
    assert np.count_nonzero(first_day) > 50
    assert outcome.wait[first_day] == pytest.approx(fcfs[first_day], abs=1e-9)
    assert np.all(outcome.wait <= fcfs + 1e-9)
    assert outcome.response == pytest.approx(outcome.wait)


def test_accompanied_calls_take_a_cso_and_a_sworn_unit_together() -> None:
    calls = 400  # about half the time of one CSO and one sworn unit
    arrivals = np.sort(np.random.default_rng(1).uniform(0, 30 * DAY, calls))
    routed = RoutedCalls(np.full(calls, CSO_ACCOMPANIED, dtype=np.int8), np.full(calls, 45.0))
    draws = draw_randomness(calls, np.random.default_rng(2))
    both = simulate_staffing(
        arrivals, routed, 30 * DAY, Staffing.per_shift((1,), (1,), 8, 7), Scenario(), draws
    )
    _conserved(both)
    assert both.waiting_at_end == 0
    assert both.busy_minutes[0] == pytest.approx(both.busy_minutes[1])
    no_sworn = simulate_staffing(
        arrivals, routed, 30 * DAY, Staffing.per_shift((3,), (0,), 8, 7), Scenario(), draws
    )
    assert no_sworn.waiting_at_end == calls
    assert no_sworn.busy_minutes == (0.0, 0.0)


def test_escalation_sends_a_sworn_unit_after_the_cso_arrives(
    burlington: History, routed: RoutedCalls
) -> None:
    staffing = Staffing.per_shift((2,), (4,), 8, 7)
    never = _run(burlington, routed, staffing, Scenario(10.0, 0.0))
    assert not never.escalated.any()
    always = _run(burlington, routed, staffing, Scenario(10.0, 1.0))
    _conserved(always)
    sent_cso = (routed.routes == CSO) & ~np.isnan(always.wait)
    assert np.array_equal(always.escalated, sent_cso)
    assert always.freed_minutes == 0.0
    assert np.all(always.escalation_wait[always.escalated] >= 0)
    # The sworn unit is asked for when the CSO reaches the scene, so it arrives later.
    sworn_on_scene = always.response + always.escalation_response
    assert np.all(sworn_on_scene[always.escalated] > always.response[always.escalated])


def test_hours_freed_are_the_officer_minutes_of_the_calls_csos_took(
    burlington: History, routed: RoutedCalls
) -> None:
    outcome = _run(burlington, routed, Staffing.per_shift((3,), (4,), 8, 7), Scenario(10.0, 0.0))
    minutes = default_minutes()
    profile = load_profile("stockton")
    expected = 0.0
    for call_type in burlington.call_types:
        decision = triage(Call(call_type=call_type), profile, "burlington")
        if decision.route is Route.CSO:
            expected += minutes[decision.incident_type]
    assert outcome.freed_minutes == pytest.approx(expected)


def test_utilization_is_work_over_time_on_duty(burlington: History, routed: RoutedCalls) -> None:
    staffing = Staffing.per_shift((2,), (5,), 8, 7)
    outcome = _run(burlington, routed, staffing, Scenario(10.0, 0.0))
    assert on_duty_minutes(staffing, burlington.days * DAY) == (
        2 * burlington.days * DAY,
        5 * burlington.days * DAY,
    )
    # Offered CSO work: mean service plus the 10-minute mean travel, for every CSO call.
    cso = routed.routes == CSO
    offered = (routed.service_means[cso].sum() + 10.0 * cso.sum()) / (2 * burlington.days * DAY)
    utilization = outcome.busy_minutes[0] / outcome.on_duty_minutes[0]
    # Work past a shift's end counts as overtime, not utilization, so it is a little lower.
    assert offered * 0.85 < utilization <= offered * 1.05


def test_the_same_seed_gives_the_same_run(burlington: History, routed: RoutedCalls) -> None:
    staffing = Staffing.per_shift((1,), (3,), 8, 7)
    first = _run(burlington, routed, staffing, Scenario(), seed=9)
    again = _run(burlington, routed, staffing, Scenario(), seed=9)
    other = _run(burlington, routed, staffing, Scenario(), seed=10)
    assert np.array_equal(first.wait, again.wait, equal_nan=True)
    assert first.busy_minutes == again.busy_minutes
    assert not np.array_equal(first.wait, other.wait, equal_nan=True)


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Staffing((1,) * 5, (1,) * 5, 5, 0), ERR_SHIFT_HOURS.format(value=5)),
        (
            lambda: Staffing((1, 1), (1, 1, 1), 8, 7),
            ERR_COUNTS.format(kind="CSOs", slots=3, value=(1, 1)),
        ),
        (
            lambda: Staffing((1, 1, 1), (1, -1, 1), 8, 7),
            ERR_COUNTS.format(kind="sworn units", slots=3, value=(1, -1, 1)),
        ),
        (lambda: Scenario(10.0, 1.5), ERR_ESCALATION.format(value=1.5)),
    ],
    ids=["shift-hours", "cso-count", "negative-sworn", "escalation"],
)
def test_bad_staffing_is_refused(build: Callable[[], object], message: str) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        build()
