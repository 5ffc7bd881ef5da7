from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Km0Config(AppConfig):
    name = "shop.km0"
    label = "km0"
    verbose_name = _("Km 0 and territory")
