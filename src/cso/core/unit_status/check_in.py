"""Lone-worker check-ins: when a CSO working alone must next report that they are safe."""

from __future__ import annotations

from datetime import datetime, timedelta

from cso.core.unit_status.machine import UnitStatus

# En route is left out: the unit is driving and the dispatcher sees it arrive; the risk is
# being out of the car with the public, alone.
CHECK_IN_STATUSES: frozenset[UnitStatus] = frozenset(
    {UnitStatus.ON_SCENE, UnitStatus.TRANSPORTING, UnitStatus.STANDING_BY}
)

INTERVAL_NOT_POSITIVE = "The check-in interval must be longer than zero; got {seconds:g} seconds."


def check_in_due_at(
    status: UnitStatus,
    status_since: datetime,
    last_check_in: datetime | None,
    interval: timedelta,
) -> datetime | None:
    """When the next check-in is due, or None when the status needs no check-in."""
    if interval <= timedelta(0):
        raise ValueError(INTERVAL_NOT_POSITIVE.format(seconds=interval.total_seconds()))
    if status not in CHECK_IN_STATUSES:
        return None
    # A check-in made before the current status began does not cover it: the clock restarts
    # when the status changes.
    start = status_since if last_check_in is None else max(status_since, last_check_in)
    return start + interval


def is_check_in_overdue(
    status: UnitStatus,
    status_since: datetime,
    last_check_in: datetime | None,
    interval: timedelta,
    now: datetime,
) -> bool:
    """Whether the check-in was due before `now`; exactly at the due time is not yet overdue."""
    due = check_in_due_at(status, status_since, last_check_in, interval)
    return due is not None and now > due
