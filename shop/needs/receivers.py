"""Oscar events the needs app listens to."""

from django.db import transaction


def order_placed(sender, order, user=None, **kwargs):
    # After the commit: by then shop.bookings has turned the order's holds into bookings.
    from shop.needs.services import urgent_requests_link_bookings

    transaction.on_commit(lambda: urgent_requests_link_bookings(order=order))
