"""An order placed with delivered goods gets its box in a delivery round."""

import logging

from shop.logistics.services import box_assign

logger = logging.getLogger(__name__)


def order_placed(sender, order, user=None, **kwargs):
    # Placing the order must never fail because of logistics: an order left without a box
    # shows up in the backfill command's report (manage.py logistics_assign). box_assign is
    # atomic: a failure rolls back to its own savepoint and leaves the placement usable.
    try:
        box_assign(order=order)
    except Exception:  # noqa: BLE001
        logger.exception("Order %s could not be assigned to a delivery round", order.number)
