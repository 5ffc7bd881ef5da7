"""Order creation fork: order lines record the distance at the time of purchase (shop.km0)."""

from oscar.apps.order import utils
from oscar.apps.order.utils import *  # noqa: F403  (the rest of the module unchanged)

from shop.km0.selectors import purchase_distance


class OrderCreator(utils.OrderCreator):
    def create_line_models(self, order, basket_line, extra_line_fields=None):
        # Measured now, from the buyer's home as it is when the order is placed.
        where = purchase_distance(product=basket_line.product, user=order.user)
        fields = {"distance_km": where.km, "origin": where.origin, "reference_municipality": where.reference}
        fields.update(extra_line_fields or {})
        return super().create_line_models(order, basket_line, extra_line_fields=fields)
