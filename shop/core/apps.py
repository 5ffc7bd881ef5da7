from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "shop.core"
    label = "shop_core"
    verbose_name = _("Shop core")

    def ready(self):
        from shop.core import (
            admin_registry,
            auth_backends,
            checks,  # noqa: F401  (registers the deploy checks)
        )
        from shop.core.cards import connect_signals
        from shop.core.security import receivers  # noqa: F401  (audits django-axes lockouts)

        admin_registry.refuse_hand_made_records()  # after the admin's autodiscover
        connect_signals()  # cached product cards follow product, stock and charter changes
        auth_backends.connect_signals()  # cached permissions follow groups and permissions

        from shop.core.context_processors import NOTIFICATIONS_VERSION, Notification

        NOTIFICATIONS_VERSION.follow(Notification)  # the account menu's count of unread notifications

        from shop.core import countries

        countries.connect_signals()  # the kept shipping countries follow country changes
