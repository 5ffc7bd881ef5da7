from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo shop (``manage.py load_demo``): above every rule app, imported by none."""

    name = "shop.demo"
    label = "demo"
    verbose_name = _("Demo data")
