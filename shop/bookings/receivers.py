"""Oscar events that move bookings: order placement, removal of a basket line."""

from oscar.apps.order.exceptions import UnableToPlaceOrder

from shop.bookings.exceptions import BookingError
from shop.bookings.services import (
    bookings_place_for_order,
    bookings_release_for_basket_line,
    bookings_supplier_stopped,
)


def order_placed(sender, order, user=None, **kwargs):
    # Sent inside the placement transaction: an order whose slots are gone is not placed.
    try:
        bookings_place_for_order(order=order)
    except BookingError as exc:
        raise UnableToPlaceOrder(str(exc)) from exc


def basket_line_deleted(sender, instance, **kwargs):
    # Before the delete: afterwards the bookings' link to the line is already cleared.
    bookings_release_for_basket_line(line_id=instance.pk)


def sale_stopped(sender, partner, reason, **kwargs):
    # In the transaction that stops the sale: pending bookings refused, confirmed ones reviewed.
    bookings_supplier_stopped(partner=partner, reason=reason)
