"""Reports are read-only aggregates: this app keeps no data, only the permission to read them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Report(models.Model):
    """Holder of the reports permission (no table: reports read the orders and the ledger)."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("view_reports", _("Can view the manager's and the funder's reports")),
            ("view_employer_report", _("Can view the own employer's aggregate report")),
        ]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
