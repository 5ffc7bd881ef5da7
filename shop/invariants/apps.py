from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvariantsConfig(AppConfig):
    """Read-only consistency checks across apps (``manage.py check_invariants``)."""

    name = "shop.invariants"
    label = "invariants"
    verbose_name = _("Invariants")
