"""Italian VAT rates, chosen per product class and overridable per product."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class VatRate(models.TextChoices):
    STANDARD = "22", _("22% (standard)")
    REDUCED_10 = "10", _("10% (reduced)")
    REDUCED_5 = "5", _("5% (social services by cooperatives)")
    SUPER_REDUCED = "4", _("4% (basic necessities)")
    EXEMPT = "esente", _("Exempt (social and health services, art. 10 DPR 633/72)")


RATES = {
    VatRate.STANDARD: Decimal("0.22"),
    VatRate.REDUCED_10: Decimal("0.10"),
    VatRate.REDUCED_5: Decimal("0.05"),
    VatRate.SUPER_REDUCED: Decimal("0.04"),
    VatRate.EXEMPT: Decimal("0.00"),
}


def vat_rate_of(product) -> Decimal:
    """The VAT rate that applies to a product: its own, else its class's."""
    code = product.vat_rate or product.get_product_class().vat_rate
    return RATES[VatRate(code)]
