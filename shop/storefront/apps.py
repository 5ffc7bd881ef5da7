from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StorefrontConfig(AppConfig):
    """The home page and the product cards in bulk: they show the rule apps' answers (km 0)
    side by side, so they sit above the rule apps."""

    name = "shop.storefront"
    label = "storefront"
    verbose_name = _("Storefront")

    def ready(self):
        from shop.storefront import page_cache

        page_cache.connect_signals()  # the kept mini baskets follow baskets and their lines
