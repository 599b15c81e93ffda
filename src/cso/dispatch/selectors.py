"""Reads for dispatch: the board, a unit's current call, and the recommended unit for a call.

Each list runs a fixed number of queries, whatever its length.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import QuerySet

from cso.calls.models import Call, CallKind, CallStatus, Override
from cso.core.recommendation import (
    CallNeeds,
    Recommendation,
    UnitSnapshot,
    recommend_units,
    skills_for_incident,
)
from cso.core.types import Route
from cso.core.unit_status import UnitKind, UnitStatus, check_in_due_at
from cso.dispatch.models import Assignment
from cso.units.models import SafetyAlarm, Unit
from cso.units.services import check_in_interval

# Workload counts over the last twelve hours: the longest shift the demo and agencies run.
SHIFT_LENGTH = timedelta(hours=12)


def active_call_id_for_unit(unit_id: int) -> int | None:
    return (
        Assignment.objects.filter(unit_id=unit_id, active=True)
        .values_list("call_id", flat=True)
        .first()
    )


def open_calls() -> QuerySet[Call]:
    """Calls not yet cleared: sworn requests first, then by priority and age."""
    return (
        Call.objects.exclude(status=CallStatus.CLEARED)
        .select_related("assigned_unit", "parent")
        .order_by(
            # A CSO's call for help outranks everything else on the board.
            "-kind",
            "priority",
            "received_at",
        )
    )


@dataclass(frozen=True)
class UnitRow:
    unit: Unit
    call: Call | None
    minutes_in_status: int
    check_in_due: datetime | None
    check_in_overdue: bool


def unit_rows(now: datetime) -> list[UnitRow]:
    """Every unit on shift or busy, with its call and time in status."""
    units = list(Unit.objects.select_related("user").order_by("kind", "callsign"))
    active = {
        a.unit_id: a.call for a in Assignment.objects.filter(active=True).select_related("call")
    }
    interval = check_in_interval()
    rows = []
    for unit in units:
        due = None
        if unit.kind == UnitKind.CSO:
            due = check_in_due_at(
                UnitStatus(unit.status), unit.status_since, unit.last_check_in_at, interval
            )
        rows.append(
            UnitRow(
                unit=unit,
                call=active.get(unit.pk),
                minutes_in_status=max(0, int((now - unit.status_since).total_seconds() // 60)),
                check_in_due=due,
                check_in_overdue=due is not None and now > due,
            )
        )
    return rows


def open_alarms() -> QuerySet[SafetyAlarm]:
    return SafetyAlarm.objects.filter(acknowledged_at__isnull=True).select_related("unit")


def recent_overrides(limit: int = 20) -> QuerySet[Override]:
    return Override.objects.select_related("call", "actor").order_by("-id")[:limit]


def recent_escalations(limit: int = 20) -> QuerySet[Call]:
    return (
        Call.objects.filter(kind=CallKind.SWORN_REQUEST)
        .select_related("parent", "assigned_unit")
        .order_by("-id")[:limit]
    )


def unit_snapshots(now: datetime) -> list[UnitSnapshot]:
    """Units as the core's recommendation sees them, with this shift's workload (two queries)."""
    since = now - SHIFT_LENGTH
    calls: dict[int, int] = {}
    minutes: dict[int, float] = {}
    for unit_id, start, end in Assignment.objects.filter(assigned_at__gte=since).values_list(
        "unit_id", "assigned_at", "ended_at"
    ):
        calls[unit_id] = calls.get(unit_id, 0) + 1
        minutes[unit_id] = minutes.get(unit_id, 0.0) + ((end or now) - start).total_seconds() / 60
    units = Unit.objects.values_list(
        "id", "callsign", "kind", "status", "skills", "latitude", "longitude"
    )
    return [
        UnitSnapshot(
            unit_id=unit_id,
            callsign=callsign,
            kind=UnitKind(kind),
            status=UnitStatus(status),
            skills=frozenset(skills),
            latitude=latitude,
            longitude=longitude,
            calls_this_shift=calls.get(unit_id, 0),
            busy_minutes_this_shift=minutes.get(unit_id, 0.0),
        )
        for unit_id, callsign, kind, status, skills, latitude, longitude in units
    ]


def recommend_for_call(call: Call, now: datetime) -> Recommendation:
    """The best unit for a call under its current route, with the reason shown to dispatch."""
    return recommend_units(_needs(call), unit_snapshots(now))


def recommend_for_calls(calls: list[Call], now: datetime) -> dict[int, Recommendation]:
    """The best unit for each of several calls, each on its own (the board's pending list)."""
    snapshots = unit_snapshots(now)
    return {call.pk: recommend_units(_needs(call), snapshots) for call in calls}


def _needs(call: Call) -> CallNeeds:
    return CallNeeds(
        route=Route(call.route),
        incident_type=call.incident_type,
        latitude=call.latitude,
        longitude=call.longitude,
        required_skills=skills_for_incident(call.incident_type, call.narrative),
    )
