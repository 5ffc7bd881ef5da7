from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class Km0Config(AppConfig):
    name = "shop.km0"
    label = "km0"
    verbose_name = _("Km 0 and territory")

    def ready(self):
        from shop.km0 import signals

        post_save.connect(
            signals.employee_saved, sender="eligibility.Employee", dispatch_uid="km0_employee_home"
        )
        post_save.connect(signals.product_saved, sender="catalogue.Product", dispatch_uid="km0_origin")
        post_save.connect(signals.partner_saved, sender="partner.Partner", dispatch_uid="km0_seat")
