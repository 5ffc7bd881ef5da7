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
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return f"{self.name} ({self.province})"

    @property
    def in_territory(self) -> bool:
        return bool(self.area)
