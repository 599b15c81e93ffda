"""The unit status state machine: every allowed move, refused moves with their exact words."""

from __future__ import annotations

from collections import deque
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cso.core.unit_status import (
    ASSIGNABLE_STATUSES,
    BUSY_STATUSES,
    TRANSITIONS,
    IllegalTransition,
    StatusChange,
    UnitStatus,
    allowed_targets,
    transition,
)

S = UnitStatus
NOW = datetime(2025, 3, 14, 21, 30, tzinfo=UTC)

ALLOWED = [
    (S.OFF_DUTY, S.AVAILABLE),
    (S.AVAILABLE, S.EN_ROUTE),
    (S.AVAILABLE, S.ON_SCENE),
    (S.AVAILABLE, S.OUT_OF_SERVICE),
    (S.AVAILABLE, S.OFF_DUTY),
    (S.EN_ROUTE, S.ON_SCENE),
    (S.EN_ROUTE, S.AVAILABLE),
    (S.EN_ROUTE, S.STANDING_BY),
    (S.EN_ROUTE, S.OUT_OF_SERVICE),
    (S.ON_SCENE, S.TRANSPORTING),
    (S.ON_SCENE, S.AVAILABLE),
    (S.ON_SCENE, S.STANDING_BY),
    (S.TRANSPORTING, S.ON_SCENE),
    (S.TRANSPORTING, S.AVAILABLE),
    (S.STANDING_BY, S.ON_SCENE),
    (S.STANDING_BY, S.AVAILABLE),
    (S.OUT_OF_SERVICE, S.AVAILABLE),
    (S.OUT_OF_SERVICE, S.OFF_DUTY),
]


@pytest.mark.parametrize(
    ("current", "target"), [pytest.param(c, t, id=f"{c}->{t}") for c, t in ALLOWED]
)
def test_allowed_move_is_stamped_with_the_given_time(current: S, target: S) -> None:
    assert transition(current, target, NOW) == StatusChange(current, target, NOW)


def test_the_table_allows_exactly_the_listed_moves() -> None:
    assert {(c, t) for c, targets in TRANSITIONS.items() for t in targets} == set(ALLOWED)
    assert set(TRANSITIONS) == set(UnitStatus)


@pytest.mark.parametrize(
    ("current", "target", "message"),
    [
        pytest.param(
            S.OFF_DUTY,
            S.ON_SCENE,
            "A unit that is Off duty cannot go to On scene; from Off duty it can go to: Available.",
            id="off-duty-to-on-scene",
        ),
        pytest.param(
            S.OFF_DUTY,
            S.EN_ROUTE,
            "A unit that is Off duty cannot go to En route; from Off duty it can go to: Available.",
            id="off-duty-to-en-route",
        ),
        pytest.param(
            S.AVAILABLE,
            S.TRANSPORTING,
            "A unit that is Available cannot go to Transporting; from Available it can go to: En route, On scene, Out of service, Off duty.",
            id="available-to-transporting",
        ),
        pytest.param(
            S.AVAILABLE,
            S.STANDING_BY,
            "A unit that is Available cannot go to Standing by (safe distance); from Available it can go to: En route, On scene, Out of service, Off duty.",
            id="available-to-standing-by",
        ),
        pytest.param(
            S.EN_ROUTE,
            S.OFF_DUTY,
            "A unit that is En route cannot go to Off duty; from En route it can go to: Available, On scene, Standing by (safe distance), Out of service.",
            id="en-route-to-off-duty",
        ),
        pytest.param(
            S.ON_SCENE,
            S.OFF_DUTY,
            "A unit that is On scene cannot go to Off duty; from On scene it can go to: Available, Transporting, Standing by (safe distance).",
            id="on-scene-to-off-duty",
        ),
        pytest.param(
            S.ON_SCENE,
            S.EN_ROUTE,
            "A unit that is On scene cannot go to En route; from On scene it can go to: Available, Transporting, Standing by (safe distance).",
            id="on-scene-to-en-route",
        ),
        pytest.param(
            S.TRANSPORTING,
            S.STANDING_BY,
            "A unit that is Transporting cannot go to Standing by (safe distance); from Transporting it can go to: Available, On scene.",
            id="transporting-to-standing-by",
        ),
        pytest.param(
            S.STANDING_BY,
            S.TRANSPORTING,
            "A unit that is Standing by (safe distance) cannot go to Transporting; from Standing by (safe distance) it can go to: Available, On scene.",
            id="standing-by-to-transporting",
        ),
        pytest.param(
            S.OUT_OF_SERVICE,
            S.EN_ROUTE,
            "A unit that is Out of service cannot go to En route; from Out of service it can go to: Available, Off duty.",
            id="out-of-service-to-en-route",
        ),
        pytest.param(
            S.AVAILABLE,
            S.AVAILABLE,
            "The unit is already Available; from Available it can go to: En route, On scene, Out of service, Off duty.",
            id="available-to-itself",
        ),
        pytest.param(
            S.ON_SCENE,
            S.ON_SCENE,
            "The unit is already On scene; from On scene it can go to: Available, Transporting, Standing by (safe distance).",
            id="on-scene-to-itself",
        ),
    ],
)
def test_refused_move_says_what_is_allowed(current: S, target: S, message: str) -> None:
    with pytest.raises(IllegalTransition) as refused:
        transition(current, target, NOW)
    assert str(refused.value) == message
    assert (refused.value.current, refused.value.target) == (current, target)


def test_illegal_transition_is_a_value_error() -> None:
    with pytest.raises(ValueError, match=r"^A unit that is Off duty"):
        transition(S.OFF_DUTY, S.TRANSPORTING, NOW)


@pytest.mark.parametrize("status", list(UnitStatus), ids=str)
def test_no_status_moves_to_itself(status: S) -> None:
    assert status not in TRANSITIONS[status]


@pytest.mark.parametrize(
    ("status", "label"),
    [
        (S.AVAILABLE, "Available"),
        (S.EN_ROUTE, "En route"),
        (S.ON_SCENE, "On scene"),
        (S.TRANSPORTING, "Transporting"),
        (S.STANDING_BY, "Standing by (safe distance)"),
        (S.OUT_OF_SERVICE, "Out of service"),
        (S.OFF_DUTY, "Off duty"),
    ],
    ids=str,
)
def test_every_status_has_a_label(status: S, label: str) -> None:
    assert status.label == label


def test_allowed_targets_follow_the_enum_order() -> None:
    assert allowed_targets(S.EN_ROUTE) == (S.AVAILABLE, S.ON_SCENE, S.STANDING_BY, S.OUT_OF_SERVICE)


def test_busy_and_assignable_statuses() -> None:
    assert {S.EN_ROUTE, S.ON_SCENE, S.TRANSPORTING, S.STANDING_BY} == BUSY_STATUSES
    assert {S.AVAILABLE} == ASSIGNABLE_STATUSES
    assert not BUSY_STATUSES & ASSIGNABLE_STATUSES


@pytest.mark.parametrize("status", sorted(BUSY_STATUSES), ids=str)
def test_a_busy_unit_can_always_be_cleared(status: S) -> None:
    assert S.AVAILABLE in TRANSITIONS[status]


@pytest.mark.parametrize("status", sorted(ASSIGNABLE_STATUSES), ids=str)
def test_an_assignable_unit_can_be_sent(status: S) -> None:
    assert S.EN_ROUTE in TRANSITIONS[status]


def _shortest_path(start: S, goal: S) -> list[S] | None:
    """Breadth-first search over the table: the statuses to pass through, start excluded."""
    paths: dict[S, list[S]] = {start: []}
    queue = deque([start])
    while queue:
        here = queue.popleft()
        if here == goal:
            return paths[here]
        for nxt in allowed_targets(here):
            if nxt not in paths:
                paths[nxt] = [*paths[here], nxt]
                queue.append(nxt)
    return None


@given(st.lists(st.sampled_from(list(UnitStatus)), max_size=40))
def test_no_event_sequence_reaches_an_undefined_state(targets: list[S]) -> None:
    current = S.OFF_DUTY
    for target in targets:
        try:
            change = transition(current, target, NOW)
        except IllegalTransition:
            # A refusal leaves the unit where it was.
            assert target not in TRANSITIONS[current]
            continue
        assert change.from_status == current
        assert change.to_status in TRANSITIONS[current]
        current = change.to_status
        assert current in TRANSITIONS


@given(st.sampled_from(list(UnitStatus)), st.sampled_from(list(UnitStatus)))
def test_every_status_is_reachable_from_every_other(start: S, goal: S) -> None:
    # From off duty in particular; and no status is a trap a unit cannot leave.
    path = _shortest_path(start, goal)
    assert path is not None
    current = start
    for step in path:
        current = transition(current, step, NOW).to_status
    assert current == goal


@pytest.mark.parametrize("goal", list(UnitStatus), ids=str)
def test_every_status_is_reachable_from_off_duty(goal: S) -> None:
    assert _shortest_path(S.OFF_DUTY, goal) is not None
