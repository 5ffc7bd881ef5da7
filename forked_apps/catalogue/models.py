"""Catalogue fork: VAT rate, origin, production and service facts on products (rules live in shop/)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProduct, AbstractProductClass
from oscar.apps.catalogue.managers import ProductQuerySet as OscarProductQuerySet

from shop.bookings.choices import MAX_SESSIONS, ServicePlace
from shop.core.vat import VatRate
from shop.welfare.fiscal import BenefitType


class ProductClass(AbstractProductClass):
    vat_rate = models.CharField(
        _("VAT rate"), max_length=8, choices=VatRate.choices, default=VatRate.STANDARD
    )


class ProductionMethod(models.TextChoices):
    ORGANIC = "organic", _("Organic")
    INTEGRATED = "integrated", _("Integrated farming")
    CONVENTIONAL = "conventional", _("Conventional")
    ARTISANAL = "artisanal", _("Artisanal")
    SOCIAL_AGRICULTURE = "social_agriculture", _("Social agriculture")
    SERVICE = "service", _("Personal service")


class ProductQuerySet(OscarProductQuerySet):
    def browsable(self):
        """Storefront lists and the search index: only products of suppliers that may sell."""
        from shop.charter.selectors import products_on_sale  # the charter's models need this app loaded

        return products_on_sale(super().browsable())


class Product(AbstractProduct):
    vat_rate = models.CharField(
        _("VAT rate"),
        max_length=8,
        choices=VatRate.choices,
        blank=True,
        help_text=_("Leave empty to use the rate of the product class."),
    )
    origin = models.ForeignKey(
        "territory.Municipality",
        verbose_name=_("place of origin"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="products",
        help_text=_("Municipality where the product is made or the service starts from."),
    )
    production_method = models.CharField(
        _("production method"), max_length=24, choices=ProductionMethod.choices, blank=True
    )
    protected_work = models.BooleanField(_("made with people in protected work"), default=False)
    benefit_type = models.CharField(
        _("welfare benefit type"),
        max_length=8,
        choices=BenefitType.choices,
        default=BenefitType.C3_FRINGE,
        help_text=_("The art. 51 TUIR category this purchase falls under, for plans and payroll."),
    )
    # What a bookable service sells (shop.bookings.choices): its calendar only says when.
    service_place = models.CharField(
        _("where the service takes place"),
        max_length=8,
        choices=ServicePlace.choices,
        default=ServicePlace.SEAT,
        help_text=_("Services only: at the buyer's home, the buyer gives the address when booking."),
    )
    session_count = models.PositiveIntegerField(
        _("sessions sold"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SESSIONS)],
        help_text=_("Services only: 1 for a single appointment, 10 for a cycle of ten sessions."),
    )

    class Meta(AbstractProduct.Meta):
        constraints = [
            models.CheckConstraint(
                condition=models.Q(session_count__gte=1, session_count__lte=MAX_SESSIONS),
                name="catalogue_product_sessions_range",
            ),
        ]

    objects = ProductQuerySet.as_manager()


from oscar.apps.catalogue.models import *  # noqa: E402,F403
