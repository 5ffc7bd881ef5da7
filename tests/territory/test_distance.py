"""Distances between known municipalities, against an independent reference figure.

Reference figures: Vincenty's formula on the WGS84 ellipsoid, computed from the CSV
points (fixtures/comuni_lombardia.csv); a sphere and an ellipsoid differ by well under
1 km at these distances, so the great-circle figure must land within 1 km of them.
"""

from decimal import Decimal

import pytest

from shop.territory.distance import distance_km
from tests.factories.km0 import PLACES

VINCENTY_KM = {
    ("016218", "016128"): Decimal("21.661"),  # Trescore Balneario – Lovere
    ("016193", "016093"): Decimal("12.447"),  # Sarnico – Endine Gaiano
}


@pytest.mark.parametrize(("a", "b"), list(VINCENTY_KM))
def test_distance_between_known_municipalities_is_within_1_km_of_reference(a, b):
    _, lat1, lon1, _ = PLACES[a]
    _, lat2, lon2, _ = PLACES[b]
    assert abs(distance_km(lat1, lon1, lat2, lon2) - VINCENTY_KM[(a, b)]) < 1


def test_distance_is_symmetric_and_zero_on_the_same_point():
    _, lat1, lon1, _ = PLACES["016218"]
    _, lat2, lon2, _ = PLACES["016128"]
    assert distance_km(lat1, lon1, lat2, lon2) == distance_km(lat2, lon2, lat1, lon1)
    assert distance_km(lat1, lon1, lat1, lon1) == Decimal("0.0")


def test_distance_is_a_decimal_to_one_tenth_of_a_km():
    _, lat1, lon1, _ = PLACES["016218"]
    _, lat2, lon2, _ = PLACES["016128"]
    km = distance_km(lat1, lon1, lat2, lon2)
    assert isinstance(km, Decimal)
    assert km == km.quantize(Decimal("0.1"))
