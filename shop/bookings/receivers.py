"""Oscar events that move bookings: order placement, removal of a basket line."""

from shop.bookings.services import bookings_place_for_order, bookings_release_for_basket_line


def order_placed(sender, order, user=None, **kwargs):
    # Inside the placement transaction: an order whose bookings cannot be placed is not placed.
    bookings_place_for_order(order=order)


def basket_line_deleted(sender, instance, **kwargs):
    bookings_release_for_basket_line(line_id=instance.pk)
