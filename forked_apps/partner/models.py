"""Partner fork: a partner is a supplier of the shop, with its seat and the area it serves."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.abstract_models import AbstractPartner


class Partner(AbstractPartner):
    legal_name = models.CharField(_("legal name"), max_length=200, blank=True)
    vat_number = models.CharField(_("VAT number"), max_length=11, blank=True)
    seat = models.ForeignKey(
        "territory.Municipality",
        verbose_name=_("seat municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="suppliers",
    )
    # Exact coordinates, when the supplier gives them, take precedence over the seat's point.
    lat = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    lon = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("what it offers"), blank=True)
    production_notes = models.TextField(_("how it produces"), blank=True)
    served_municipalities = models.ManyToManyField(
        "territory.Municipality",
        verbose_name=_("municipalities served"),
        blank=True,
        related_name="serving_suppliers",
        help_text=_("For services: the municipalities where the supplier reaches people's homes."),
    )


from oscar.apps.partner.models import *  # noqa: E402,F403
