"""Fixtures for the web system's tests: one user per role, a shift of units, calls, an API client.

Data is made through the services wherever a service exists, so the tests start from states the
system itself can reach.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import pytest

NOW = datetime.fromisoformat("2026-11-23T20:00:00+00:00")
CENTRE = (44.4759, -73.2121)


@dataclass
class Shift:
    users: dict[str, Any]
    units: dict[str, Any]
    now: datetime = NOW
    calls: list[Any] = field(default_factory=list)

    def call(self, **data: Any) -> Any:
        from cso.calls.services import CallInput, call_create

        fields = {"address": "1 Church St", "latitude": CENTRE[0], "longitude": CENTRE[1]}
        fields.update(data)
        created = call_create(
            actor=self.users["call_taker"], data=CallInput(**fields), now=self.now
        )
        self.calls.append(created)
        return created

    def cso_call(self) -> Any:
        return self.call(
            call_type="Parking",
            narrative="car blocking my driveway since this morning",
            caller_name="Pat Caller",
            callback_number="802-555-0101",
        )

    def sworn_call(self) -> Any:
        return self.call(
            call_type="Disturbance",
            narrative="man with a knife threatening people outside the bar right now",
            caller_name="Sam Witness",
            callback_number="802-555-0102",
        )


@pytest.fixture
def fast_passwords(settings: Any) -> None:
    """A fast hash for test users: the real one is slow by design and would dominate the suite."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def shift(db: None, fast_passwords: None) -> Shift:
    """Users of every role, two CSO units (one worked by user 'cso'), one sworn unit, on duty."""
    from django.db import transaction

    from cso.accounts.models import User
    from cso.accounts.roles import Role
    from cso.core.unit_status import UnitKind, UnitStatus
    from cso.units.models import Unit
    from cso.units.services import apply_status

    users = {
        role.value: User.objects.create_user(
            username=role.value, password=f"{role.value}-password", role=role
        )
        for role in Role
    }
    users["cso_other"] = User.objects.create_user(
        username="cso_other", password="cso_other-password", role=Role.CSO
    )
    specs = [
        ("CSO-1", UnitKind.CSO, ["bilingual"], (0.001, 0.001), users["cso"]),
        ("CSO-2", UnitKind.CSO, ["fingerprinting"], (0.030, 0.030), users["cso_other"]),
        ("ADAM-1", UnitKind.SWORN, ["leads"], (0.002, -0.002), None),
    ]
    units = {}
    with transaction.atomic():
        for callsign, kind, skills, (dlat, dlon), user in specs:
            unit = Unit.objects.create(
                callsign=callsign,
                kind=kind,
                skills=skills,
                latitude=CENTRE[0] + dlat,
                longitude=CENTRE[1] + dlon,
                user=user,
                status_since=NOW - timedelta(hours=1),
            )
            apply_status(
                actor=None,
                unit=unit,
                target=UnitStatus.AVAILABLE,
                now=NOW - timedelta(hours=1),
                call_id=None,
            )
            units[callsign] = unit
    return Shift(users=users, units=units)


@pytest.fixture
def api(client: Any) -> Callable[..., Any]:
    """Call the JSON API as a user (by role name) with a bearer token; returns the response."""
    tokens: dict[str, str] = {}

    def request(method: str, path: str, as_user: str | None = None, body: Any = None) -> Any:
        headers = {}
        if as_user is not None:
            if as_user not in tokens:
                got = client.post(
                    "/api/v1/auth/token",
                    data=json.dumps({"username": as_user, "password": f"{as_user}-password"}),
                    content_type="application/json",
                )
                assert got.status_code == 200, got.content
                tokens[as_user] = got.json()["token"]
            headers["HTTP_AUTHORIZATION"] = f"Bearer {tokens[as_user]}"
        kwargs: dict[str, Any] = {}
        if body is not None:
            kwargs = {
                "data": body if isinstance(body, str) else json.dumps(body),
                "content_type": "application/json",
            }
        return getattr(client, method.lower())(path, **kwargs, **headers)

    return request
