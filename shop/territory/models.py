"""The territory: municipalities of Lombardy with their coordinates (Openpolis, ISTAT)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Area(models.TextChoices):
    VAL_CAVALLINA = "Val Cavallina", _("Val Cavallina")
    BASSO_SEBINO = "Basso Sebino", _("Basso Sebino")


class Municipality(models.Model):
    istat_code = models.CharField(_("ISTAT code"), max_length=6, primary_key=True)
    name = models.CharField(_("name"), max_length=120, db_index=True)
    province = models.CharField(_("province"), max_length=2)
    cadastral_code = models.CharField(_("cadastral code"), max_length=4, unique=True)
    lat = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5)
    lon = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5)
    population = models.PositiveIntegerField(_("population"), default=0)
    population_0_14 = models.PositiveIntegerField(_("residents aged 0-14"), default=0)
    population_65_plus = models.PositiveIntegerField(_("residents aged 65+"), default=0)
    population_80_plus = models.PositiveIntegerField(_("residents aged 80+"), default=0)
    area = models.CharField(_("social-services area"), max_length=20, choices=Area.choices, blank=True)

    class Meta:
        # Moved from km0 without moving the data: the tables keep their names.
        db_table = "km0_municipality"
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        permissions = [("view_territory_maps", _("Can view the territory maps of offer and km-0 spending"))]

    def __str__(self):
        return f"{self.name} ({self.province})"

    @property
    def in_territory(self) -> bool:
        return bool(self.area)


class MunicipalityDistance(models.Model):
    """Great-circle distance from a place of origin to a home, precomputed for the homes that matter.

    Every origin and every home is a municipality, so listings join this table instead of
    computing distances per product: the rows are written by ``shop.km0.services.distances_compute``.
    """

    origin = models.ForeignKey(
        Municipality,
        verbose_name=_("origin municipality"),
        on_delete=models.CASCADE,
        related_name="distances_from",
    )
    home = models.ForeignKey(
        Municipality, verbose_name=_("home municipality"), on_delete=models.CASCADE, related_name="distances"
    )
    km = models.DecimalField(_("distance (km)"), max_digits=6, decimal_places=1)

    class Meta:
        db_table = "km0_municipalitydistance"
        constraints = [models.UniqueConstraint(fields=["home", "origin"], name="unique_distance_pair")]
        # Listings filter and sort by distance from one home: (home, km) serves both.
        indexes = [models.Index(fields=["home", "km"], name="km0_distance_home_km")]
        verbose_name = _("distance between municipalities")
        verbose_name_plural = _("distances between municipalities")

    def __str__(self):
        return f"{self.origin_id} → {self.home_id}: {self.km} km"
