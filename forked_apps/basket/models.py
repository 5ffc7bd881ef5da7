"""Basket fork: each line keeps the distance of its product from the buyer when it was added."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.basket.abstract_models import AbstractBasket, AbstractLine

from shop.km0.selectors import purchase_distance


class Basket(AbstractBasket):
    def add_product(self, product, quantity=1, options=None):
        line, created = super().add_product(product, quantity, options)
        if created:
            where = purchase_distance(product=product, user=self.owner)
            line.distance_km, line.origin, line.reference_municipality = (
                where.km,
                where.origin,
                where.reference,
            )
            line.save(update_fields=["distance_km", "origin", "reference_municipality"])
        return line, created


class Line(AbstractLine):
    distance_km = models.DecimalField(
        _("distance (km)"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    origin = models.ForeignKey(
        "km0.Municipality",
        verbose_name=_("place of origin"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reference_municipality = models.ForeignKey(
        "km0.Municipality",
        verbose_name=_("distance measured from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


from oscar.apps.basket.models import *  # noqa: E402,F403
