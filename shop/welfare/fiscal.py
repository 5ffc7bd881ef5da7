"""Fiscal treatment of what welfare credit buys (art. 51 TUIR, DPR 917/1986).

* c.2 lett. f: education, recreation, social and health assistance, worship; the employer
  provides the service directly, it is never reimbursed as cash;
* c.2 lett. f-bis: education and childcare of children (nursery, camps): may be reimbursed;
* c.2 lett. f-ter: care of elderly or non-self-sufficient relatives: may be reimbursed;
* c.3: fringe-benefit goods and services, tax-free up to a yearly cap. Going over the cap
  makes the *whole* yearly amount taxable, not only the excess.

The caps per tax year live in settings (``SHOP_FRINGE_BENEFIT_CAPS``, e.g. €1,000 or €2,000
with declared dependent children for 2025–2027); any other year falls back to the permanent
threshold ``SHOP_FRINGE_BENEFIT_THRESHOLD`` (€258.23).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BenefitType(models.TextChoices):
    C2_F = "c2_f", _("Art. 51 c.2 lett. f: education, recreation, social and health assistance")
    C2_F_BIS = "c2_fbis", _("Art. 51 c.2 lett. f-bis: education and childcare of children")
    C2_F_TER = "c2_fter", _("Art. 51 c.2 lett. f-ter: care of elderly or dependent relatives")
    C3_FRINGE = "c3", _("Art. 51 c.3: fringe-benefit goods and services (yearly cap)")


# Only f-bis and f-ter expenses may be reimbursed; c.2 f services are provided directly.
REIMBURSABLE = frozenset({BenefitType.C2_F_BIS, BenefitType.C2_F_TER})
CAPPED = frozenset({BenefitType.C3_FRINGE})


def is_reimbursable(benefit_type: str) -> bool:
    return benefit_type in REIMBURSABLE


def product_is_reimbursable(product) -> bool:
    """Whether the expense a product stands for may be paid back as cash (variants: parent's)."""
    product = product.parent if product.is_child else product
    return is_reimbursable(product.benefit_type)


@dataclass(frozen=True)
class TaxYearRules:
    year: int
    cap: Decimal
    cap_with_children: Decimal
    threshold: Decimal

    def cap_for(self, *, with_children: bool) -> Decimal:
        return self.cap_with_children if with_children else self.cap


def tax_year_rules(*, year: int) -> TaxYearRules:
    """The c.3 figures of ``year``: the settings' caps, else the permanent threshold."""
    threshold = Decimal(settings.SHOP_FRINGE_BENEFIT_THRESHOLD)
    caps = settings.SHOP_FRINGE_BENEFIT_CAPS.get(year) or settings.SHOP_FRINGE_BENEFIT_CAPS.get(str(year))
    if not caps:
        return TaxYearRules(year=year, cap=threshold, cap_with_children=threshold, threshold=threshold)
    return TaxYearRules(
        year=year,
        cap=Decimal(caps["default"]),
        cap_with_children=Decimal(caps.get("with_children", caps["default"])),
        threshold=threshold,
    )
