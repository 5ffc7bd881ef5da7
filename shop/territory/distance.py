"""Distance between two places: the one function the rest of the shop uses.

Great-circle (haversine) distance on a sphere of the Earth's mean radius. Road distance
can replace it here without touching its callers.
"""

import math
from decimal import Decimal

EARTH_RADIUS_KM = 6371.0088


def distance_km(lat1, lon1, lat2, lon2) -> Decimal:
    """Great-circle distance in km between two WGS84 points, to 0.1 km."""
    p1, p2 = math.radians(float(lat1)), math.radians(float(lat2))
    dp = p2 - p1
    dl = math.radians(float(lon2) - float(lon1))
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    km = 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))
    return Decimal(str(round(km, 1)))


def municipalities_distance_km(a, b) -> Decimal:
    return distance_km(a.lat, a.lon, b.lat, b.lon)
