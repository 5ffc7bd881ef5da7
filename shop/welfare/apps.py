from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WelfareConfig(AppConfig):
    name = "shop.welfare"
    label = "welfare"
    verbose_name = _("Welfare credit")

    def ready(self):
        from oscar.apps.order.signals import order_line_status_changed, order_status_changed

        from shop.bookings.services import booking_refund_due
        from shop.welfare import receivers

        order_status_changed.connect(receivers.order_status_changed, dispatch_uid="welfare_order_status")
        order_line_status_changed.connect(
            receivers.order_line_status_changed, dispatch_uid="welfare_line_status"
        )
        booking_refund_due.connect(receivers.booking_refund_due, dispatch_uid="welfare_booking_refund")
        receivers.connect_credit_version()
        receivers.connect_categories_version()
        receivers.connect_payment_types_version()
