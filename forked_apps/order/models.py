"""Order fork: each line keeps the distance of its product from the buyer at the time of purchase.

Reports compute the km-0 share and the average distance from these figures, never from
today's data (a supplier may move, an employee may move house).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.order.abstract_models import AbstractLine

from shop.core.lines import line_description


class Line(AbstractLine):
    distance_km = models.DecimalField(
        _("distance (km)"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    origin = models.ForeignKey(
        "territory.Municipality",
        verbose_name=_("place of origin"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reference_municipality = models.ForeignKey(
        "territory.Municipality",
        verbose_name=_("distance measured from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The buyer's home (or the territory's centre) the distance was measured from."),
    )

    @property
    def description(self):
        return line_description(self.title, self.attributes.all())


from oscar.apps.order.models import *  # noqa: E402,F403
