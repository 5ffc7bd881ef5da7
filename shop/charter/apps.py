from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CharterConfig(AppConfig):
    name = "shop.charter"
    label = "charter"
    verbose_name = _("Ethical charter and supplier admission")
