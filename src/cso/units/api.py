"""/api/v1/units: the units with status, a status change, a check-in, alarms."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from cso.accounts.roles import Permission
from cso.config.json import json_list
from cso.errors import NotAllowedError
from cso.units.selectors import unit_list
from cso.units.services import alarm_acknowledge, unit_change_status, unit_check_in

router = Router(tags=["units"])


class UnitRead(Schema):
    id: int
    callsign: str
    kind: str
    status: str
    status_label: str
    status_since: datetime
    skills: list[str]
    latitude: float | None
    longitude: float | None
    current_call_id: int | None
    last_check_in_at: datetime | None


class StatusChange(Schema):
    status: str


class CheckInRead(Schema):
    unit_id: int
    at: datetime
    status: str


class AlarmAcknowledge(Schema):
    note: str = Field("", max_length=2000)


class AlarmRead(Schema):
    id: int
    unit_id: int
    due_at: datetime
    raised_at: datetime
    acknowledged_at: datetime | None


def unit_dict(unit: Any) -> dict[str, Any]:
    return {
        "id": unit.pk,
        "callsign": unit.callsign,
        "kind": unit.kind,
        "status": unit.status,
        "status_label": unit.status_label,
        "status_since": unit.status_since,
        "skills": list(unit.skills),
        "latitude": unit.latitude,
        "longitude": unit.longitude,
        "current_call_id": getattr(unit, "current_call_id", None),
        "last_check_in_at": unit.last_check_in_at,
    }


@router.get("", response=list[UnitRead])
def list_units(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not user.can(Permission.UNIT_VIEW):
        raise NotAllowedError(f"Your role ({user.role_label}) may not see units.")
    return json_list([unit_dict(u) for u in unit_list()])


@router.post("/{unit_id}/status", response=UnitRead)
def change_status(request: HttpRequest, unit_id: int, data: StatusChange) -> dict[str, Any]:
    unit_change_status(
        actor=request.user,
        unit_id=unit_id,
        status=data.status,  # type: ignore[arg-type]
        now=timezone.now(),
    )
    return unit_dict(unit_list().get(pk=unit_id))


@router.post("/{unit_id}/check-in", response={201: CheckInRead})
def check_in(request: HttpRequest, unit_id: int) -> Status[dict[str, Any]]:
    done = unit_check_in(actor=request.user, unit_id=unit_id, now=timezone.now())  # type: ignore[arg-type]
    return Status(201, {"unit_id": unit_id, "at": done.at, "status": done.status})


@router.post("/alarms/{alarm_id}/acknowledge", response=AlarmRead)
def acknowledge_alarm(request: HttpRequest, alarm_id: int, data: AlarmAcknowledge) -> Any:
    return alarm_acknowledge(
        actor=request.user,
        alarm_id=alarm_id,
        note=data.note,  # type: ignore[arg-type]
        now=timezone.now(),
    )
