"""Unit status through the core's state machine, lone-worker check-ins and safety alarms."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings

from cso.audit.models import AuditEvent
from cso.dispatch.services import dispatch_assign_unit
from cso.errors import ConflictError, NotAllowedError
from cso.units.models import CheckIn, SafetyAlarm, Unit, UnitStatusChange
from cso.units.services import (
    alarm_acknowledge,
    alarms_raise_overdue,
    unit_change_status,
    unit_check_in,
    unit_update_roster,
)


def _on_scene(shift: Any, minutes: int = 0) -> Unit:
    call = shift.cso_call()
    unit = shift.units["CSO-1"]
    dispatch_assign_unit(
        actor=shift.users["dispatcher"], call_id=call.pk, unit_id=unit.pk, now=shift.now
    )
    unit_change_status(
        actor=shift.users["cso"],
        unit_id=unit.pk,
        status="on_scene",
        now=shift.now + timedelta(minutes=minutes),
    )
    return Unit.objects.get(pk=unit.pk)


def test_an_illegal_transition_is_refused_with_what_is_allowed(shift: Any, api: Any) -> None:
    unit = shift.units["CSO-1"]
    api("POST", f"/api/v1/units/{unit.pk}/status", "dispatcher", {"status": "out_of_service"})
    response = api("POST", f"/api/v1/units/{unit.pk}/status", "dispatcher", {"status": "off_duty"})
    assert response.status_code == 200
    refused = api(
        "POST", f"/api/v1/units/{unit.pk}/status", "dispatcher", {"status": "out_of_service"}
    )
    assert refused.status_code == 409
    assert refused.json() == {
        "message": "A unit that is Off duty cannot go to Out of service; "
        "from Off duty it can go to: Available.",
        "field": "status",
    }
    assert Unit.objects.get(pk=unit.pk).status == "off_duty"


def test_statuses_that_need_a_call_are_refused_without_one(shift: Any, api: Any) -> None:
    unit = shift.units["CSO-1"]
    response = api("POST", f"/api/v1/units/{unit.pk}/status", "cso", {"status": "on_scene"})
    assert response.status_code == 400
    assert response.json()["message"] == (
        "CSO-1 has no assigned call; on scene needs one (assign a call first)."
    )


def test_a_unit_working_a_call_cannot_go_available_without_clearing(shift: Any, api: Any) -> None:
    unit = _on_scene(shift)
    response = api("POST", f"/api/v1/units/{unit.pk}/status", "cso", {"status": "available"})
    assert response.status_code == 409
    assert "clear it with a disposition" in response.json()["message"]


def test_unknown_status_names_the_known_ones(shift: Any, api: Any) -> None:
    response = api(
        "POST", f"/api/v1/units/{shift.units['CSO-1'].pk}/status", "cso", {"status": "napping"}
    )
    assert response.status_code == 400
    assert response.json()["message"].startswith("Unknown status 'napping'; use one of: available")


def test_every_status_change_is_timestamped_and_audited(shift: Any) -> None:
    unit = _on_scene(shift, minutes=7)
    changes = list(UnitStatusChange.objects.filter(unit=unit).values_list("to_status", "at"))
    assert changes[-2:] == [("en_route", shift.now), ("on_scene", shift.now + timedelta(minutes=7))]
    event = AuditEvent.objects.filter(action="unit.status_changed", target_id=unit.pk).last()
    assert event is not None
    assert (event.before["status"], event.after["status"]) == ("en_route", "on_scene")
    assert event.actor_username == "cso"


def test_two_changes_from_the_same_status_cannot_both_land(shift: Any) -> None:
    from cso.core.unit_status import UnitStatus
    from cso.units.services import apply_status

    stale = Unit.objects.get(callsign="CSO-1")
    unit_change_status(
        actor=shift.users["dispatcher"], unit_id=stale.pk, status="out_of_service", now=shift.now
    )
    # A writer still holding the old 'available' row loses, with a clear conflict.
    with transaction.atomic(), pytest.raises(ConflictError, match="CSO-1 changed status"):
        apply_status(
            actor=None, unit=stale, target=UnitStatus.EN_ROUTE, now=shift.now, call_id=None
        )
    assert Unit.objects.get(pk=stale.pk).status == "out_of_service"


@override_settings(CSO_CHECK_IN_MINUTES=15)
def test_a_missed_check_in_raises_one_alarm_until_acknowledged(shift: Any, api: Any) -> None:
    unit = _on_scene(shift)
    assert alarms_raise_overdue(now=shift.now + timedelta(minutes=15)) == []  # due, not late
    late = shift.now + timedelta(minutes=15, seconds=1)
    (alarm,) = alarms_raise_overdue(now=late)
    assert alarm.due_at == shift.now + timedelta(minutes=15)
    # Every page polling notices the same lateness; there is still one alarm.
    assert alarms_raise_overdue(now=late + timedelta(seconds=30)) == []
    assert SafetyAlarm.objects.count() == 1
    assert AuditEvent.objects.filter(action="alarm.raised").count() == 1
    # Checking in late does not silence it: someone must acknowledge.
    unit_check_in(actor=shift.users["cso"], unit_id=unit.pk, now=late + timedelta(minutes=1))
    assert SafetyAlarm.objects.get().acknowledged_at is None
    with pytest.raises(NotAllowedError):
        alarm_acknowledge(actor=shift.users["cso"], alarm_id=alarm.pk, note="", now=late)
    response = api(
        "POST",
        f"/api/v1/units/alarms/{alarm.pk}/acknowledge",
        "dispatcher",
        {"note": "Reached CSO-1 by radio, all fine"},
    )
    assert response.status_code == 200
    alarm.refresh_from_db()
    assert alarm.acknowledged_by == shift.users["dispatcher"]
    assert alarm.note == "Reached CSO-1 by radio, all fine"
    with pytest.raises(ConflictError):
        alarm_acknowledge(actor=shift.users["dispatcher"], alarm_id=alarm.pk, note="", now=late)


@override_settings(CSO_CHECK_IN_MINUTES=15)
def test_a_check_in_restarts_the_clock(shift: Any, api: Any) -> None:
    unit = _on_scene(shift)
    response = api("POST", f"/api/v1/units/{unit.pk}/check-in", "cso")
    assert response.status_code == 201
    checked = CheckIn.objects.get(unit=unit)
    assert checked.status == "on_scene"
    assert alarms_raise_overdue(now=checked.at + timedelta(minutes=14)) == []
    assert len(alarms_raise_overdue(now=checked.at + timedelta(minutes=16))) == 1


def test_no_check_in_is_needed_while_available(shift: Any, api: Any) -> None:
    response = api("POST", f"/api/v1/units/{shift.units['CSO-1'].pk}/check-in", "cso")
    assert response.status_code == 409
    assert response.json()["message"].startswith("CSO-1 is available; check-ins are needed only")
    assert CheckIn.objects.count() == 0


def test_sworn_units_raise_no_lone_worker_alarm(shift: Any) -> None:
    call = shift.sworn_call()
    dispatch_assign_unit(
        actor=shift.users["dispatcher"],
        call_id=call.pk,
        unit_id=shift.units["ADAM-1"].pk,
        now=shift.now,
    )
    unit_change_status(
        actor=shift.users["dispatcher"],
        unit_id=shift.units["ADAM-1"].pk,
        status="on_scene",
        now=shift.now,
    )
    assert alarms_raise_overdue(now=shift.now + timedelta(hours=3)) == []


def test_roster_sets_skills_and_the_person_working_a_unit(shift: Any) -> None:
    unit = shift.units["CSO-2"]
    with pytest.raises(NotAllowedError):
        unit_update_roster(
            actor=shift.users["dispatcher"], unit_id=unit.pk, skills=[], user_id=None
        )
    unit_update_roster(
        actor=shift.users["senior_cso"],
        unit_id=unit.pk,
        skills=["cpr", "fingerprinting"],
        user_id=shift.users["cso_other"].pk,
    )
    unit.refresh_from_db()
    assert unit.skills == ["cpr", "fingerprinting"]
    event = AuditEvent.objects.get(action="unit.roster_changed")
    assert (event.before["skills"], event.after["skills"]) == (
        ["fingerprinting"],
        ["cpr", "fingerprinting"],
    )
    from cso.errors import ServiceError

    with pytest.raises(ServiceError, match="Unknown skill 'juggling'"):
        unit_update_roster(
            actor=shift.users["senior_cso"], unit_id=unit.pk, skills=["juggling"], user_id=None
        )
    with pytest.raises(ConflictError, match="already works another unit"):
        unit_update_roster(
            actor=shift.users["senior_cso"],
            unit_id=unit.pk,
            skills=[],
            user_id=shift.users["cso"].pk,
        )


@override_settings(CSO_CHECK_IN_MINUTES=15)
def test_an_alarms_history_is_readable_through_the_audit_api(shift: Any, api: Any) -> None:
    _on_scene(shift)
    (alarm,) = alarms_raise_overdue(now=shift.now + timedelta(minutes=16))
    rows = api("GET", f"/api/v1/audit?object=alarm:{alarm.pk}", "senior_cso").json()
    assert [r["action"] for r in rows] == ["alarm.raised"]
    assert rows[0]["actor"] == "system"
