from django.conf import settings
from oscar.apps.order import processing

from shop.welfare.services import credit_return_line


class EventHandler(processing.EventHandler):
    """Oscar's order pipeline; a refund payment event returns the lines' welfare credit.

    Status changes (confirmation, cancellation) reach shop.welfare through Oscar's status
    signals, whichever code changes the status.
    """

    def handle_payment_event(self, order, event_type, amount, lines=None, line_quantities=None, **kwargs):
        event = super().handle_payment_event(order, event_type, amount, lines, line_quantities, **kwargs)
        if event_type.code in settings.SHOP_WELFARE_REFUND_EVENT_CODES:
            for line, quantity in zip(lines or [], line_quantities or [], strict=True):
                credit_return_line(line=line, quantity=quantity, reference=f"event{event.pk}", by=self.user)
        return event
