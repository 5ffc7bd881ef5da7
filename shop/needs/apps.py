from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "shop.needs"
    label = "needs"
    verbose_name = _("Household needs")
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        from oscar.apps.order.signals import order_placed

        from shop.needs import receivers
        from shop.needs.selectors import connect_needs_version

        connect_needs_version()

        order_placed.connect(receivers.order_placed, dispatch_uid="needs_order_placed")
