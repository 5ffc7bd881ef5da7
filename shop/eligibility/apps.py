from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EligibilityConfig(AppConfig):
    name = "shop.eligibility"
    label = "eligibility"
    verbose_name = _("Employers and eligibility")

    def ready(self):
        from shop.eligibility.models import Employee, Employer
        from shop.eligibility.selectors import EMPLOYMENT_VERSION

        EMPLOYMENT_VERSION.follow(Employee, Employer)  # the kept employment and km-0 reference points
