from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookingsConfig(AppConfig):
    name = "shop.bookings"
    label = "bookings"
    verbose_name = _("Service bookings")
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        from django.db.models.signals import pre_delete
        from oscar.apps.order.signals import order_placed
        from oscar.core.loading import get_model

        from shop.bookings import receivers
        from shop.charter.services import sale_stopped

        order_placed.connect(receivers.order_placed, dispatch_uid="bookings_order_placed")
        pre_delete.connect(
            receivers.basket_line_deleted,
            sender=get_model("basket", "Line"),
            dispatch_uid="bookings_line_deleted",
        )
        sale_stopped.connect(receivers.sale_stopped, dispatch_uid="bookings_sale_stopped")
