from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LogisticsConfig(AppConfig):
    name = "shop.logistics"
    label = "logistics"
    verbose_name = _("Logistics: rounds, packing, deliveries")

    def ready(self):
        from oscar.apps.order.signals import order_placed

        from shop.logistics import receivers

        order_placed.connect(receivers.order_placed, dispatch_uid="logistics_order_placed")
