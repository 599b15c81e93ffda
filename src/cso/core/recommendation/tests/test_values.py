"""Value objects refuse impossible locations and workloads; the distance is the great circle."""

from __future__ import annotations

import math
import re

import pytest

from cso.core.recommendation import CallNeeds, UnitSnapshot, haversine_km
from cso.core.types import Route
from cso.core.unit_status import UnitKind, UnitStatus


def snapshot(
    latitude: float | None = 41.9,
    longitude: float | None = -87.6,
    calls: int = 0,
    busy: float = 0.0,
) -> UnitSnapshot:
    return UnitSnapshot(
        unit_id=1,
        callsign="CSO-1",
        kind=UnitKind.CSO,
        status=UnitStatus.AVAILABLE,
        skills=frozenset(),
        latitude=latitude,
        longitude=longitude,
        calls_this_shift=calls,
        busy_minutes_this_shift=busy,
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        pytest.param(
            {"longitude": None},
            "Unit CSO-1 has a latitude or a longitude but not both; give both or neither.",
            id="half-a-location",
        ),
        pytest.param(
            {"latitude": 91.0}, "Unit CSO-1 has latitude 91.0, outside -90 to 90.", id="latitude"
        ),
        pytest.param(
            {"latitude": math.nan}, "Unit CSO-1 has latitude nan, outside -90 to 90.", id="nan"
        ),
        pytest.param(
            {"longitude": -181.0},
            "Unit CSO-1 has longitude -181.0, outside -180 to 180.",
            id="longitude",
        ),
        pytest.param(
            {"calls": -1},
            "Unit CSO-1: calls_this_shift must be a number, zero or more; got -1.",
            id="negative-calls",
        ),
        pytest.param(
            {"busy": math.inf},
            "Unit CSO-1: busy_minutes_this_shift must be a number, zero or more; got inf.",
            id="infinite-busy",
        ),
    ],
)
def test_unit_snapshot_refuses(kwargs: dict[str, float | None], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        snapshot(**kwargs)  # type: ignore[arg-type]


def test_unit_without_location_is_fine() -> None:
    assert snapshot(latitude=None, longitude=None).latitude is None


def test_call_needs_refuses_half_a_location() -> None:
    message = "The call has a latitude or a longitude but not both; give both or neither."
    with pytest.raises(ValueError, match=re.escape(message)):
        CallNeeds(Route.CSO, "LOST", None, -87.6, frozenset())


@pytest.mark.parametrize(
    ("points", "km"),
    [
        pytest.param((41.8781, -87.6298, 41.8781, -87.6298), 0.0, id="same-point"),
        pytest.param((0.0, 0.0, 1.0, 0.0), 111.195, id="one-degree-of-latitude"),
        pytest.param((0.0, 0.0, 0.0, 1.0), 111.195, id="one-degree-of-longitude-at-equator"),
        pytest.param((60.0, 10.0, 60.0, 11.0), 55.597, id="longitude-shrinks-with-latitude"),
        pytest.param((41.8781, -87.6298, 40.7128, -74.0060), 1144.29, id="chicago-new-york"),
        pytest.param((0.0, 0.0, 0.0, 180.0), 20015.115, id="antipodes"),
    ],
)
def test_haversine_km(points: tuple[float, float, float, float], km: float) -> None:
    assert haversine_km(*points) == pytest.approx(km, abs=0.01)
    lat1, lon1, lat2, lon2 = points
    assert haversine_km(lat2, lon2, lat1, lon1) == pytest.approx(km, abs=0.01)
