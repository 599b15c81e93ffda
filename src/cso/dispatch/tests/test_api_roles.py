"""Every role against every API endpoint: allowed roles succeed, the others are refused with
nothing changed and no audit row written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest

from cso.audit.models import AuditEvent
from cso.calls.models import Call
from cso.dispatch.services import dispatch_assign_unit
from cso.units.models import Unit
from cso.units.services import unit_change_status

ALL = [
    "call_taker",
    "dispatcher",
    "cso",
    "cso_other",
    "senior_cso",
    "sworn_supervisor",
    "analyst",
    "admin",
]
TAKERS = {"call_taker", "dispatcher", "senior_cso", "sworn_supervisor", "admin"}
DISPATCH = {"dispatcher", "senior_cso", "sworn_supervisor", "admin"}
FIELD = DISPATCH | {"cso"}  # 'cso' works CSO-1; 'cso_other' works CSO-2
AUDITORS = {"senior_cso", "sworn_supervisor", "admin"}


@dataclass(frozen=True)
class Endpoint:
    name: str
    allowed: set[str]
    # Builds the state, returns (method, path, body, status when allowed).
    setup: Callable[[Any], tuple[str, str, Any, int]]


def _assigned_to_cso1(shift: Any) -> Call:
    call = shift.cso_call()
    dispatch_assign_unit(
        actor=shift.users["dispatcher"],
        call_id=call.pk,
        unit_id=shift.units["CSO-1"].pk,
        now=shift.now,
    )
    return call


def _cso1_on_scene(shift: Any) -> Unit:
    _assigned_to_cso1(shift)
    unit = shift.units["CSO-1"]
    unit_change_status(
        actor=shift.users["dispatcher"],
        unit_id=unit.pk,
        status="on_scene",
        now=shift.now + timedelta(minutes=5),
    )
    return unit


PARKING = {
    "call_type": "Parking",
    "narrative": "blocked driveway since morning",
    "address": "5 Main St",
}

ENDPOINTS = [
    Endpoint("create call", TAKERS, lambda s: ("POST", "/api/v1/calls", PARKING, 201)),
    Endpoint(
        "list calls", set(ALL), lambda s: ("GET", f"/api/v1/calls?x={s.cso_call().pk}", None, 200)
    ),
    Endpoint(
        "read call", set(ALL), lambda s: ("GET", f"/api/v1/calls/{s.cso_call().pk}", None, 200)
    ),
    Endpoint(
        "override",
        TAKERS,
        lambda s: (
            "POST",
            f"/api/v1/calls/{s.cso_call().pk}/override",
            {"route": "sworn", "justification": "Caller sounded frightened on the line."},
            200,
        ),
    ),
    Endpoint(
        "assign",
        DISPATCH,
        lambda s: (
            "POST",
            f"/api/v1/calls/{s.cso_call().pk}/assign",
            {"unit_id": s.units["CSO-1"].pk},
            200,
        ),
    ),
    Endpoint(
        "escalate",
        FIELD,
        lambda s: (
            "POST",
            f"/api/v1/calls/{_assigned_to_cso1(s).pk}/escalate",
            {"reason": "Caller is shouting threats"},
            200,
        ),
    ),
    Endpoint(
        "clear",
        FIELD,
        lambda s: (
            "POST",
            f"/api/v1/calls/{_assigned_to_cso1(s).pk}/clear",
            {"disposition": "CITED"},
            200,
        ),
    ),
    Endpoint("list units", set(ALL), lambda s: ("GET", "/api/v1/units", None, 200)),
    Endpoint(
        "unit status",
        FIELD,
        lambda s: (
            "POST",
            f"/api/v1/units/{s.units['CSO-1'].pk}/status",
            {"status": "out_of_service"},
            200,
        ),
    ),
    Endpoint(
        "check in",
        FIELD,
        lambda s: ("POST", f"/api/v1/units/{_cso1_on_scene(s).pk}/check-in", None, 201),
    ),
    Endpoint(
        "audit",
        AUDITORS,
        lambda s: ("GET", f"/api/v1/audit?object=call:{s.cso_call().pk}", None, 200),
    ),
]


def _state() -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], int]:
    calls = list(
        Call.objects.order_by("pk").values_list(
            "pk", "status", "route", "assigned_unit", "disposition"
        )
    )
    units = list(Unit.objects.order_by("pk").values_list("pk", "status", "last_check_in_at"))
    return calls, units, AuditEvent.objects.exclude(action="token.created").count()


CASES = [
    pytest.param(endpoint, role, id=f"{endpoint.name}-{role}")
    for endpoint in ENDPOINTS
    for role in ALL
]


@pytest.mark.parametrize(("endpoint", "role"), CASES)
def test_role_against_endpoint(shift: Any, api: Any, endpoint: Endpoint, role: str) -> None:
    method, path, body, ok_status = endpoint.setup(shift)
    api("GET", "/api/v1/units", role)  # sign in first: the token's own audit row is not at issue
    before = _state()
    response = api(method, path, role, body)
    if role in endpoint.allowed:
        assert response.status_code == ok_status, response.content
        if method == "POST":
            assert _state()[2] > before[2], "a change must write an audit row"
    else:
        assert response.status_code == 403, response.content
        assert response.json()["message"]
        assert _state() == before


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[e.name for e in ENDPOINTS])
def test_every_endpoint_needs_a_sign_in(shift: Any, api: Any, endpoint: Endpoint) -> None:
    method, path, body, _ = endpoint.setup(shift)
    before = _state()
    response = api(method, path, None, body)
    assert response.status_code == 401
    assert response.json() == {
        "message": "Sign in: send 'Authorization: Bearer <token>'.",
        "field": None,
    }
    assert _state() == before


def test_a_wrong_token_is_refused(shift: Any, client: Any) -> None:
    response = client.get("/api/v1/calls", HTTP_AUTHORIZATION="Bearer not-a-token")
    assert response.status_code == 401


def test_token_with_a_wrong_password_is_refused(shift: Any, client: Any) -> None:
    response = client.post(
        "/api/v1/auth/token",
        data={"username": "dispatcher", "password": "nope"},
        content_type="application/json",
    )
    assert response.status_code == 401
    assert response.json() == {"message": "Wrong username or password.", "field": "password"}


def test_healthz_needs_no_sign_in(db: None, client: Any) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
