"""Basket fork: each line keeps the distance of its product from the buyer when it was added."""

from oscar.apps.basket.abstract_models import AbstractBasket, AbstractLine

from forked_apps.lines import LineDistance, line_description
from shop.km0.selectors import purchase_distance


class Basket(AbstractBasket):
    @property
    def num_lines(self):
        # Oscar counts with a query (the middleware asks ``is_empty`` on every request), then
        # loads the lines anyway for the mini basket, the offers and the basket page: load
        # them once and count those.
        return len(self.all_lines())

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

    def all_lines(self):
        # Oscar reads each line's product class (shipping) and stock records (strategy) one
        # line at a time; read with the lines, a basket costs the same queries for 1 or 20 lines.
        if self.id is not None and self._lines is None:
            self._lines = (
                self.lines.select_related(
                    "product", "product__product_class", "product__parent__product_class", "stockrecord"
                )
                .prefetch_related("attributes", "product__images", "product__stockrecords")
                .order_by(self._meta.pk.name)
            )
        return super().all_lines()


class Line(AbstractLine, LineDistance):
    @property
    def description(self):
        return line_description(str(self.product), self.attributes.all())


from oscar.apps.basket.models import *  # noqa: E402,F403
