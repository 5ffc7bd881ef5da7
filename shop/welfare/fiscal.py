"""Fiscal treatment of what welfare credit buys (art. 51 TUIR, DPR 917/1986)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BenefitType(models.TextChoices):
    C2_F = "c2_f", _("Art. 51 c.2 lett. f: education, recreation, social and health assistance")
    C2_F_BIS = "c2_fbis", _("Art. 51 c.2 lett. f-bis: education and childcare of children")
    C2_F_TER = "c2_fter", _("Art. 51 c.2 lett. f-ter: care of elderly or dependent relatives")
    C3_FRINGE = "c3", _("Art. 51 c.3: fringe-benefit goods and services (yearly cap)")
