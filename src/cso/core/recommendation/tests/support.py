"""Builders for recommendation tests: units placed a given distance north of the call."""

from __future__ import annotations

from cso.core.recommendation import CallNeeds, UnitSnapshot
from cso.core.recommendation.geo import EARTH_RADIUS_KM
from cso.core.types import Route
from cso.core.unit_status import UnitKind, UnitStatus

CALL_LAT, CALL_LON = 41.8781, -87.6298
KM_PER_DEGREE = EARTH_RADIUS_KM * 3.141592653589793 / 180


def unit(
    unit_id: int,
    callsign: str,
    *,
    km: float | None = 1.0,
    kind: UnitKind = UnitKind.CSO,
    status: UnitStatus = UnitStatus.AVAILABLE,
    skills: tuple[str, ...] = (),
    calls: int = 0,
    busy: float = 0.0,
) -> UnitSnapshot:
    """A unit `km` kilometres due north of the call, or without a location when km is None."""
    return UnitSnapshot(
        unit_id=unit_id,
        callsign=callsign,
        kind=kind,
        status=status,
        skills=frozenset(skills),
        latitude=None if km is None else CALL_LAT + km / KM_PER_DEGREE,
        longitude=None if km is None else CALL_LON,
        calls_this_shift=calls,
        busy_minutes_this_shift=busy,
    )


def needs(
    route: Route = Route.CSO, *, skills: tuple[str, ...] = (), located: bool = True
) -> CallNeeds:
    """A call at the fixed point, needing `skills`."""
    return CallNeeds(
        route=route,
        incident_type="FINGERPRINT" if "fingerprinting" in skills else "LOST",
        latitude=CALL_LAT if located else None,
        longitude=CALL_LON if located else None,
        required_skills=frozenset(skills),
    )
