"""What a bookable service sells, as facts of the product (``catalogue.Product``): where it takes
place and how many sessions one purchase holds. The product owns them, so the shop window, the
basket and the supplier's calendar can never disagree; the calendar only says when.

No models here: the catalogue's product imports these choices while apps are loading.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_SESSIONS = 60


class ServicePlace(models.TextChoices):
    SEAT = "seat", _("at the supplier's seat")
    HOME = "home", _("at the buyer's home")
