"""What the checkout fork delegates to: booked services must still hold their slots."""

from shop.bookings.exceptions import BookingError
from shop.bookings.services import bookings_check_basket


def checkout_check_bookings(*, basket) -> str | None:
    """None if every booking of the basket holds its place; otherwise the message for the buyer."""
    if basket is None or not basket.id:
        return None
    try:
        bookings_check_basket(basket=basket)
    except BookingError as exc:
        return str(exc)
    return None
