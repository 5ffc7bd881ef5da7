"""A cancelled line is refunded, leaves its box, and the order's status follows its lines.

Connected to Oscar's status signals, so every path that cancels (a supplier or the manager in
the dashboard, the order-status form, a missing item at packing, a refused booking) ends the
same way.
"""

from shop.marketplace.services import CANCELLED, line_after_cancel, order_after_cancel


def order_line_status_changed(sender, line, old_status, new_status, **kwargs):
    if new_status == CANCELLED:
        line_after_cancel(line=line)


def order_status_changed(sender, order, old_status, new_status, **kwargs):
    if new_status == CANCELLED:
        order_after_cancel(order=order)
