"""Reads of the territory's reference data."""

from django.conf import settings
from django.db.models import QuerySet

from shop.territory.models import Municipality


def territory_centre() -> Municipality | None:
    return Municipality.objects.filter(pk=settings.SHOP_TERRITORY_CENTRE_ISTAT).first()


def territory_municipalities() -> QuerySet:
    """The Alliance's 32 municipalities (those with a social-services area)."""
    return Municipality.objects.exclude(area="").order_by("name")
