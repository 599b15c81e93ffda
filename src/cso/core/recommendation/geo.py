"""Straight-line distance on the Earth's surface."""

from __future__ import annotations

import math

# The IUGG mean radius; the error against the ellipsoid (under 0.5%) is far below what matters
# when choosing which of a few units is closest.
EARTH_RADIUS_KM = 6371.0088


def haversine_km(
    latitude_1: float, longitude_1: float, latitude_2: float, longitude_2: float
) -> float:
    """Great-circle distance in kilometres between two points given in decimal degrees."""
    phi_1, phi_2 = math.radians(latitude_1), math.radians(latitude_2)
    d_phi = phi_2 - phi_1
    d_lambda = math.radians(longitude_2 - longitude_1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi_1) * math.cos(phi_2) * math.sin(d_lambda / 2) ** 2
    # min() guards against rounding pushing a just above 1 for antipodal points.
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, a)))
