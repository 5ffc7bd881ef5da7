from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "shop.core"
    label = "shop_core"
    verbose_name = _("Shop core")

    def ready(self):
        from shop.core import checks  # noqa: F401  (registers the deploy checks)
        from shop.core.cards import connect_signals

        connect_signals()  # cached product cards follow product, stock and charter changes
