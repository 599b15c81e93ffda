"""What recommendation reads (units, the call's needs) and what it returns (a ranked list)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from cso.core.types import Route
from cso.core.unit_status import UnitKind, UnitStatus

HALF_A_LOCATION = "{what} has a latitude or a longitude but not both; give both or neither."
LATITUDE_OUT_OF_RANGE = "{what} has latitude {value}, outside -90 to 90."
LONGITUDE_OUT_OF_RANGE = "{what} has longitude {value}, outside -180 to 180."
BAD_WORKLOAD = "Unit {callsign}: {field} must be a number, zero or more; got {value}."


def _check_location(what: str, latitude: float | None, longitude: float | None) -> None:
    if (latitude is None) != (longitude is None):
        raise ValueError(HALF_A_LOCATION.format(what=what))
    # Written as "not inside" so that NaN, which compares false both ways, is refused too.
    if latitude is not None and not -90.0 <= latitude <= 90.0:
        raise ValueError(LATITUDE_OUT_OF_RANGE.format(what=what, value=latitude))
    if longitude is not None and not -180.0 <= longitude <= 180.0:
        raise ValueError(LONGITUDE_OUT_OF_RANGE.format(what=what, value=longitude))


@dataclass(frozen=True, slots=True)
class UnitSnapshot:
    """A unit as the board shows it at the moment of the recommendation."""

    unit_id: int
    callsign: str
    kind: UnitKind
    status: UnitStatus
    skills: frozenset[str]
    latitude: float | None
    longitude: float | None
    calls_this_shift: int
    busy_minutes_this_shift: float

    def __post_init__(self) -> None:
        _check_location(f"Unit {self.callsign}", self.latitude, self.longitude)
        for field, value in (
            ("calls_this_shift", self.calls_this_shift),
            ("busy_minutes_this_shift", self.busy_minutes_this_shift),
        ):
            if not (value >= 0 and math.isfinite(value)):
                raise ValueError(
                    BAD_WORKLOAD.format(callsign=self.callsign, field=field, value=value)
                )


@dataclass(frozen=True, slots=True)
class CallNeeds:
    """What a call needs from a unit: who may take it, where it is, and which skills."""

    route: Route
    incident_type: str
    latitude: float | None
    longitude: float | None
    required_skills: frozenset[str]

    def __post_init__(self) -> None:
        _check_location("The call", self.latitude, self.longitude)


@dataclass(frozen=True, slots=True)
class RankedUnit:
    """One candidate unit, in rank order, with the sentence that explains its place."""

    unit_id: int
    callsign: str
    distance_km: float | None
    missing_skills: frozenset[str]
    reason: str


@dataclass(frozen=True, slots=True)
class Recommendation:
    """The candidate units best first, and a sentence a dispatcher reads."""

    ranked: tuple[RankedUnit, ...]
    reason: str

    @property
    def best(self) -> RankedUnit | None:
        """The unit to send, or None when no unit of the right kind is available."""
        return self.ranked[0] if self.ranked else None
