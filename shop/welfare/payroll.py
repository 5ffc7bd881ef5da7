"""The payroll export for HR contacts: per employee and month, totals only.

The one person-level figure HR may see (issue 4's exception for payroll): per roster entry,
the credit used in the month by fiscal treatment (shop purchases: spends net of refunds)
and the reimbursed amounts (approved claims), plus the c.3 figures of the year payroll
needs to tax fringe benefits over the cap. Never items, suppliers, categories or needs;
scoped by ``employers_for_hr``.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal

import tablib
from django.db.models import Q
from django.utils.translation import gettext as _

from shop.core.money import MoneySum, round_money
from shop.core.spreadsheet import spreadsheet_text
from shop.eligibility.selectors import employees_by_pk, employers_for_hr
from shop.welfare.fiscal import BenefitType
from shop.welfare.models import ZERO, LedgerEntry
from shop.welfare.selectors import FringeStatus, fringe_status

Kind = LedgerEntry.Kind
CLAIM_PREFIX = "claim:"


@dataclass
class PayrollRow:
    employee: object  # shop.eligibility's Employee
    by_type: dict[str, Decimal] = field(default_factory=dict)
    reimbursed: Decimal = ZERO
    fringe: FringeStatus | None = None

    @property
    def total(self) -> Decimal:
        return sum(self.by_type.values(), ZERO) + self.reimbursed


def payroll_employer_for_hr(*, user, employer_id: int):
    """The employer if ``user`` is one of its HR contacts, else None (the view answers 404)."""
    return employers_for_hr(user=user).filter(pk=employer_id).first()


def payroll_rows(*, user, employer, year: int, month: int) -> list[PayrollRow]:
    """One row per employee of ``employer`` with credit used or reimbursed in the month.

    Empty unless ``user`` is an HR contact of ``employer``. One grouped query for the
    month, then one aggregate per listed employee for the c.3 year total.
    """
    if not employers_for_hr(user=user).filter(pk=employer.pk).exists():
        return []
    start = datetime.date(year, month, 1)
    end = datetime.date(year + (month == 12), month % 12 + 1, 1)
    is_claim = Q(reference__startswith=CLAIM_PREFIX)
    figures = (
        LedgerEntry.objects.filter(
            wallet__employee__employer=employer,
            kind__in=[Kind.SPEND, Kind.REFUND],
            created_at__date__gte=start,
            created_at__date__lt=end,
        )
        .order_by()
        .values("wallet__employee", "benefit_type")
        .annotate(
            shop=MoneySum("amount", filter=~is_claim),
            claims=MoneySum("amount", filter=is_claim),
        )
    )
    rows: dict[int, PayrollRow] = {}
    for figure in figures:
        row = rows.setdefault(figure["wallet__employee"], PayrollRow(employee=None))
        benefit_type = figure["benefit_type"] or ""
        # Spends are negative ledger amounts: credit used is their opposite.
        # SQLite sums decimals as floats: back to the cent before adding up.
        shop, claimed = round_money(figure["shop"]), round_money(figure["claims"])
        if shop:
            row.by_type[benefit_type] = row.by_type.get(benefit_type, ZERO) - shop
        row.reimbursed -= claimed
    for employee in employees_by_pk(pks=rows):
        rows[employee.pk].employee = employee
        rows[employee.pk].fringe = fringe_status(employee=employee, year=year)
    return sorted(rows.values(), key=lambda r: (r.employee.last_name, r.employee.first_name, r.employee.pk))


def payroll_dataset(*, rows: list[PayrollRow], year: int, month: int) -> tablib.Dataset:
    """The export table: identification, month, euros per fiscal treatment, c.3 of the year."""
    types = list(BenefitType)
    headers = [
        _("Codice fiscale"),
        _("Last name"),
        _("First name"),
        _("Month"),
        *[_("Used %(type)s") % {"type": t.value} for t in types],
        _("Reimbursed"),
        _("Total"),
        _("Fringe benefits (c.3) in the year"),
        _("Fringe-benefit cap"),
        _("Dependent children declared"),
        _("Fringe benefits taxable"),
    ]
    data = tablib.Dataset(headers=headers, title=f"{year}-{month:02d}")
    for row in rows:
        fringe = row.fringe
        data.append(
            [
                spreadsheet_text(row.employee.codice_fiscale),
                spreadsheet_text(row.employee.last_name),
                spreadsheet_text(row.employee.first_name),
                f"{year}-{month:02d}",
                *[str(row.by_type.get(t.value, ZERO)) for t in types],
                str(row.reimbursed),
                str(row.total),
                str(fringe.used),
                str(fringe.cap),
                _("yes") if fringe.with_children else _("no"),
                # Over the cap the whole yearly amount is taxable, not only the excess.
                str(fringe.used if fringe.over_cap else ZERO),
            ]
        )
    return data


def payroll_csv(*, rows, year: int, month: int) -> str:
    data = payroll_dataset(rows=rows, year=year, month=month)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(data.headers)
    writer.writerows(data)
    return out.getvalue()


def payroll_xlsx(*, rows, year: int, month: int) -> bytes:
    return payroll_dataset(rows=rows, year=year, month=month).export("xlsx")


def payroll_totals(*, user, employer, tax_year: int) -> dict[int, dict[str, Decimal]]:
    """The contract of ``shop.eligibility.selectors.payroll_totals``: per employee, the year's
    credit used per fiscal treatment plus ``"reimbursed"``; empty for anyone but its HR."""
    totals: dict[int, dict[str, Decimal]] = {}
    for month in range(1, 13):
        for row in payroll_rows(user=user, employer=employer, year=tax_year, month=month):
            employee_totals = totals.setdefault(row.employee.pk, {})
            for key, amount in [*row.by_type.items(), ("reimbursed", row.reimbursed)]:
                employee_totals[key] = employee_totals.get(key, ZERO) + amount
    return totals
