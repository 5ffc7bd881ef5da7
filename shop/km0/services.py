"""Writes of the km-0 rules: the table of distances between origins and homes.

Distances come from ``shop.territory.distance.distance_km`` only; this module decides which pairs
are worth storing. Homes that matter: the 32 municipalities of the territory, the centre
used for anonymous visitors, and every municipality where an employee lives or works.
Origins that matter: every place of origin of a product and every supplier's seat.
"""

from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from oscar.core.loading import get_model

from shop.eligibility.selectors import employee_municipality_codes
from shop.km0.selectors import purchase_distance
from shop.territory.distance import distance_km
from shop.territory.models import Municipality, MunicipalityDistance

BATCH_SIZE = 2000


def homes_that_matter() -> set[str]:
    codes = set(Municipality.objects.exclude(area="").values_list("istat_code", flat=True))
    codes |= employee_municipality_codes()
    centre = settings.SHOP_TERRITORY_CENTRE_ISTAT
    if Municipality.objects.filter(pk=centre).exists():
        codes.add(centre)
    return codes


def origins_that_matter() -> set[str]:
    Product = get_model("catalogue", "Product")
    Partner = get_model("partner", "Partner")
    codes = set(Product._default_manager.exclude(origin=None).values_list("origin_id", flat=True).distinct())
    codes |= set(Partner._default_manager.exclude(seat=None).values_list("seat_id", flat=True).distinct())
    return codes


def distances_compute(*, homes: Iterable[str] | None = None, origins: Iterable[str] | None = None) -> int:
    """Store the distance of every (origin, home) pair among the given codes; return the pairs written.

    Defaults to every home and origin that matters. Idempotent: existing pairs are
    overwritten with the same figure, so running it twice leaves the table unchanged, and
    moving a municipality's point (a corrected fixture) is picked up on the next run.
    """
    home_codes = set(homes) if homes is not None else homes_that_matter()
    origin_codes = set(origins) if origins is not None else origins_that_matter()
    if not home_codes or not origin_codes:
        return 0
    points = {
        m.istat_code: m
        for m in Municipality.objects.filter(istat_code__in=home_codes | origin_codes).only(
            "istat_code", "lat", "lon"
        )
    }
    rows = [
        MunicipalityDistance(
            origin_id=o, home_id=h, km=distance_km(points[o].lat, points[o].lon, points[h].lat, points[h].lon)
        )
        for h in sorted(home_codes & points.keys())
        for o in sorted(origin_codes & points.keys())
    ]
    with transaction.atomic():
        MunicipalityDistance.objects.bulk_create(
            rows,
            batch_size=BATCH_SIZE,
            update_conflicts=True,
            unique_fields=["home", "origin"],
            update_fields=["km"],
        )
    return len(rows)


def distances_ensure_home(*, home: Municipality) -> None:
    """Make sure ``home`` has its row of distances (an employee imported in bulk, say).

    Remembered in the cache, so a listing pays the check once per home, not per page.
    """
    key = f"km0:home-ready:{home.pk}"
    if cache.get(key):
        return
    if not MunicipalityDistance.objects.filter(home=home).exists():
        distances_compute(homes=[home.pk])
    cache.set(key, True, 60 * 60)


def distances_ensure_origin(*, origin_code: str) -> None:
    """Make sure a new place of origin has its distances from every home that matters."""
    if not MunicipalityDistance.objects.filter(origin_id=origin_code).exists():
        distances_compute(origins=[origin_code])


def order_lines_record_missing_distances() -> int:
    """Record the distance on order lines placed without one (orders created outside checkout).

    Measured from the buyer's home as it is now: the best figure available for such lines.
    """
    OrderLine = get_model("order", "Line")
    lines = OrderLine._default_manager.filter(
        reference_municipality=None, product__isnull=False
    ).select_related("product__origin", "order__user")
    updated = []
    for line in lines:
        where = purchase_distance(product=line.product, user=line.order.user)
        line.distance_km, line.origin, line.reference_municipality = where.km, where.origin, where.reference
        updated.append(line)
    OrderLine._default_manager.bulk_update(updated, ["distance_km", "origin", "reference_municipality"])
    return len(updated)
