"""Bearer tokens: signing in, signing out, and what the token table keeps."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

from django.core.management import call_command
from django.test import override_settings

from cso.accounts.models import ApiToken, hash_token
from cso.audit.models import AuditEvent
from cso.dispatch.services import dispatch_assign_unit
from cso.units.models import SafetyAlarm
from cso.units.services import unit_change_status


def test_a_token_is_stored_only_as_its_hash(shift: Any, client: Any) -> None:
    got = client.post(
        "/api/v1/auth/token",
        {"username": "dispatcher", "password": "dispatcher-password"},
        content_type="application/json",
    )
    key = got.json()["token"]
    token = ApiToken.objects.get()
    assert token.key_hash == hash_token(key)
    assert key not in token.key_hash
    assert AuditEvent.objects.filter(action="token.created", target_id=token.pk).exists()


def test_signing_out_revokes_the_token_at_once(shift: Any, api: Any, client: Any) -> None:
    assert api("GET", "/api/v1/units", "dispatcher").status_code == 200
    token = ApiToken.objects.get()
    assert token.last_used_at is not None
    got = client.post(
        "/api/v1/auth/token",
        {"username": "cso", "password": "cso-password"},
        content_type="application/json",
    )
    key = got.json()["token"]
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert client.get("/api/v1/units", **bearer).status_code == 200
    assert client.delete("/api/v1/auth/token", **bearer).status_code == 204
    assert client.get("/api/v1/units", **bearer).status_code == 401
    assert AuditEvent.objects.filter(action="token.revoked", actor_username="cso").count() == 1
    assert api("GET", "/api/v1/units", "dispatcher").status_code == 200  # others unaffected


@override_settings(CSO_CHECK_IN_MINUTES=15)
def test_the_alarm_command_raises_missed_check_ins_without_any_page_open(shift: Any) -> None:
    call = shift.cso_call()
    unit = shift.units["CSO-1"]
    dispatch_assign_unit(
        actor=shift.users["dispatcher"],
        call_id=call.pk,
        unit_id=unit.pk,
        now=shift.now - timedelta(hours=2),
    )
    unit_change_status(
        actor=shift.users["cso"],
        unit_id=unit.pk,
        status="on_scene",
        now=shift.now - timedelta(hours=1),
    )
    out = io.StringIO()
    call_command("raise_overdue_alarms", stdout=out)
    assert out.getvalue().startswith("Missed check-in: CSO-1, due ")
    assert SafetyAlarm.objects.filter(unit=unit).count() == 1
