from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    name = "shop.marketplace"
    label = "marketplace"
    verbose_name = _("Marketplace: one order, many suppliers")

    def ready(self):
        from oscar.apps.order.signals import order_line_status_changed, order_status_changed

        from shop.marketplace import receivers

        order_line_status_changed.connect(
            receivers.order_line_status_changed, dispatch_uid="marketplace_line_status"
        )
        order_status_changed.connect(receivers.order_status_changed, dispatch_uid="marketplace_order_status")
