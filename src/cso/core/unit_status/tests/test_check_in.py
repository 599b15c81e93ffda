"""Lone-worker check-ins: when one is due, and when a missed one becomes overdue."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from cso.core.unit_status import (
    CHECK_IN_STATUSES,
    UnitStatus,
    check_in_due_at,
    is_check_in_overdue,
)
from cso.core.unit_status.check_in import INTERVAL_NOT_POSITIVE

S = UnitStatus
T0 = datetime(2025, 3, 14, 21, 0, tzinfo=UTC)
FIFTEEN = timedelta(minutes=15)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def test_check_in_statuses() -> None:
    assert {S.ON_SCENE, S.TRANSPORTING, S.STANDING_BY} == CHECK_IN_STATUSES


@pytest.mark.parametrize(
    ("status", "since", "last", "due"),
    [
        pytest.param(S.ON_SCENE, at(0), None, at(15), id="no-check-in-yet"),
        pytest.param(S.ON_SCENE, at(0), at(10), at(25), id="checked-in-since-arrival"),
        pytest.param(S.ON_SCENE, at(10), at(5), at(25), id="check-in-before-status-does-not-count"),
        pytest.param(S.TRANSPORTING, at(0), at(0), at(15), id="same-instant"),
        pytest.param(S.STANDING_BY, at(3), at(40), at(55), id="standing-by"),
        pytest.param(S.AVAILABLE, at(0), None, None, id="available-needs-none"),
        pytest.param(S.EN_ROUTE, at(0), at(5), None, id="en-route-needs-none"),
        pytest.param(S.OUT_OF_SERVICE, at(0), None, None, id="out-of-service-needs-none"),
        pytest.param(S.OFF_DUTY, at(0), None, None, id="off-duty-needs-none"),
    ],
)
def test_check_in_due_at(
    status: S, since: datetime, last: datetime | None, due: datetime | None
) -> None:
    assert check_in_due_at(status, since, last, FIFTEEN) == due


@pytest.mark.parametrize(
    ("now", "overdue"),
    [
        pytest.param(at(14), False, id="a-minute-early"),
        pytest.param(at(15), False, id="exactly-due-is-not-overdue"),
        pytest.param(at(15) + timedelta(seconds=1), True, id="one-second-late"),
        pytest.param(at(120), True, id="long-overdue"),
    ],
)
def test_overdue_boundary(now: datetime, overdue: bool) -> None:
    assert is_check_in_overdue(S.ON_SCENE, at(0), None, FIFTEEN, now) is overdue


def test_a_check_in_restarts_the_clock() -> None:
    assert is_check_in_overdue(S.ON_SCENE, at(0), None, FIFTEEN, at(20))
    assert not is_check_in_overdue(S.ON_SCENE, at(0), at(19), FIFTEEN, at(20))


@pytest.mark.parametrize("status", sorted(set(UnitStatus) - CHECK_IN_STATUSES), ids=str)
def test_a_status_without_check_ins_is_never_overdue(status: S) -> None:
    assert not is_check_in_overdue(status, at(0), None, FIFTEEN, at(24 * 60))


@pytest.mark.parametrize(
    ("interval", "message"),
    [
        pytest.param(
            timedelta(0),
            "The check-in interval must be longer than zero; got 0 seconds.",
            id="zero",
        ),
        pytest.param(
            timedelta(minutes=-5),
            "The check-in interval must be longer than zero; got -300 seconds.",
            id="negative",
        ),
    ],
)
def test_interval_must_be_positive(interval: timedelta, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)) as refused:
        check_in_due_at(S.ON_SCENE, at(0), None, interval)
    assert str(refused.value) == message
    assert message == INTERVAL_NOT_POSITIVE.format(seconds=interval.total_seconds())
