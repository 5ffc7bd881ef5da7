"""Keep the distance table complete when a new home or a new place of origin appears."""

from django.db import transaction

from shop.km0.services import distances_compute, distances_ensure_origin
from shop.territory.models import MunicipalityDistance


def employee_saved(sender, instance, **kwargs):
    codes = [c for c in (instance.home_municipality_id, instance.work_municipality_id) if c]
    transaction.on_commit(lambda: _ensure_homes(codes))


def _ensure_homes(codes):
    known = set(MunicipalityDistance.objects.filter(home_id__in=codes).values_list("home_id", flat=True))
    missing = set(codes) - known
    if missing:
        distances_compute(homes=missing)


def product_saved(sender, instance, **kwargs):
    if instance.origin_id:
        code = instance.origin_id
        transaction.on_commit(lambda: distances_ensure_origin(origin_code=code))


def partner_saved(sender, instance, **kwargs):
    if instance.seat_id:
        code = instance.seat_id
        transaction.on_commit(lambda: distances_ensure_origin(origin_code=code))
