"""A realistic shift for `make demo`: units, one user per role, and a queue of real calls.

The calls' types, places and times of day come from Burlington (VT) police open data: the
shared data set when it is beside the project, else the small excerpt bundled with the package.
Times keep their spacing but are moved to end now, so the board shows a live queue.
"""

from __future__ import annotations

import csv
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.db import transaction

from cso.accounts.models import User
from cso.accounts.roles import Role
from cso.analytics.mapping import narrative_from_row, shipped_mappings
from cso.calls.models import Call
from cso.calls.services import CallInput, call_create
from cso.core.unit_status import UnitKind, UnitStatus
from cso.dispatch.services import dispatch_assign_unit
from cso.units.models import Unit
from cso.units.services import apply_status

BURLINGTON = Path("data") / "burlington-vt-2022" / "police-incidents-2022.csv"
BUNDLED = Path(__file__).resolve().parents[1] / "demo_data" / "burlington_sample.csv"
BURLINGTON_CENTRE = (44.4759, -73.2121)

# (callsign, kind, skills, position offset from the centre in degrees)
UNITS = [
    ("CSO-1", UnitKind.CSO, ["bilingual", "cpr"], (0.004, -0.006)),
    ("CSO-2", UnitKind.CSO, ["fingerprinting", "car_seat_technician"], (-0.010, 0.004)),
    ("CSO-3", UnitKind.CSO, ["cpr", "leads"], (0.015, 0.010)),
    ("CSO-4", UnitKind.CSO, ["car_seat_technician"], (-0.004, 0.016)),
    ("1-ADAM-11", UnitKind.SWORN, ["cpr", "leads"], (0.002, 0.002)),
    ("1-ADAM-12", UnitKind.SWORN, ["cpr", "leads", "bilingual"], (-0.012, -0.004)),
    ("1-ADAM-13", UnitKind.SWORN, ["cpr", "leads"], (0.020, -0.010)),
]

USERS = [
    ("calltaker", Role.CALL_TAKER, None),
    ("dispatcher", Role.DISPATCHER, None),
    ("cso1", Role.CSO, "CSO-1"),
    ("cso2", Role.CSO, "CSO-2"),
    ("cso3", Role.CSO, "CSO-3"),
    ("cso4", Role.CSO, "CSO-4"),
    ("senior", Role.SENIOR_CSO, None),
    ("sergeant", Role.SWORN_SUPERVISOR, None),
    ("analyst", Role.ANALYST, None),
    ("admin", Role.ADMIN, None),
]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    password: str
    unit: str | None


def _rows(shared: Path | None, limit: int) -> tuple[list[dict[str, str]], str]:
    path = shared / BURLINGTON if shared is not None else None
    source = "shared Burlington (VT) 2022 police incidents"
    if path is None or not path.is_file():
        path, source = BUNDLED, "bundled Burlington (VT) excerpt"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r.get("call_type")]
    # The file's last `limit` calls: one evening's queue.
    rows.sort(key=lambda r: r["call_time"])
    return rows[-limit:], f"{source} ({path.name})"


def _place(row: dict[str, str], index: int) -> tuple[str, float | None, float | None]:
    street = (row.get("Street") or "").strip()
    if street.upper() == "NA":  # the export writes a missing street as NA
        street = ""
    address = f"{100 + (index * 37) % 900} {street}" if street else "Church St Marketplace"
    try:
        lat, lon = float(row["Latitude"]), float(row["Longitude"])
    except (KeyError, TypeError, ValueError):
        lat, lon = BURLINGTON_CENTRE
        lat, lon = lat + ((index % 7) - 3) * 0.003, lon + ((index % 5) - 2) * 0.004
    return address, lat, lon


@transaction.atomic
def load_demo(
    *, shared: Path | None, now: datetime, calls: int = 24
) -> tuple[list[DemoLogin], str]:
    """Fill an empty database with a shift: units, users with fresh passwords, open calls."""
    logins = []
    users: dict[str, User] = {}
    for username, role, unit in USERS:
        password = f"{username}-{secrets.token_hex(4)}"
        user = User.objects.create_user(
            username=username,
            password=password,
            role=role,
            is_staff=role == Role.ADMIN,
            is_superuser=role == Role.ADMIN,
        )
        users[username] = user
        logins.append(DemoLogin(username, Role(role).label, password, unit))
    worker = {unit: users[name] for name, _, unit in USERS if unit}
    units = {}
    for callsign, kind, skills, (dlat, dlon) in UNITS:
        units[callsign] = Unit.objects.create(
            callsign=callsign,
            kind=kind,
            skills=skills,
            latitude=BURLINGTON_CENTRE[0] + dlat,
            longitude=BURLINGTON_CENTRE[1] + dlon,
            user=worker.get(callsign),
            status_since=now - timedelta(hours=2),
        )
        apply_status(
            actor=None,
            unit=units[callsign],
            target=UnitStatus.AVAILABLE,
            now=now - timedelta(hours=2),
            call_id=None,
        )

    rows, source = _rows(shared, calls)
    mapping = shipped_mappings()["burlington"]
    taker, dispatcher = users["calltaker"], users["dispatcher"]
    last = datetime.fromisoformat(rows[-1]["call_time"])
    for index, row in enumerate(rows):
        offset = last - datetime.fromisoformat(row["call_time"])
        received = now - min(offset, timedelta(hours=3)) - timedelta(minutes=1)
        address, lat, lon = _place(row, index)
        call = call_create(
            actor=taker,
            data=CallInput(
                call_type=row["call_type"],
                narrative=narrative_from_row(row, mapping) or "",
                address=address,
                latitude=lat,
                longitude=lon,
                caller_name=f"Caller {index + 1}",
                callback_number=f"802-555-{1000 + index:04d}",
            ),
            now=received,
        )
        Call.objects.filter(pk=call.pk).update(received_at=received)
    # Put two calls in progress so the board starts with work on it.
    for callsign in ("CSO-3", "1-ADAM-13"):
        unit = units[callsign]
        wanted = ["cso", "cso_accompanied"] if unit.kind == UnitKind.CSO else ["sworn"]
        call = (
            Call.objects.filter(status="pending", route__in=wanted).order_by("received_at").first()
        )
        if call is not None:
            dispatch_assign_unit(actor=dispatcher, call_id=call.pk, unit_id=unit.pk, now=now)
    return logins, source
