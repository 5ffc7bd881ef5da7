"""The art. 51 c.3 fringe-benefit cap per employee and tax year: reads and the declaration.

Two figures per employee and year:

* ``fringe_used``: what was actually received, the figure payroll taxes. The c.3 SPENDs of
  confirmed order lines minus their REFUNDs, each in its ``LedgerEntry.tax_year`` (the
  purchase's year by the 12 January rule, ``fiscal.tax_year_of``; a refund reverses in the
  year of the spend it gives back). Reservations of unconfirmed orders are not income.
* ``fringe_pending``: c.3 credit reserved by orders not yet confirmed. Checkout adds it to
  what was received before it offers room under the cap, so two open orders cannot together
  go over it; checkout reads both under the wallets' row lock (``checkout_take_payment``).

Entries written before ``tax_year`` existed count in the calendar year of the entry.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from shop.core.money import MoneySum
from shop.welfare.exceptions import WelfareError
from shop.welfare.fiscal import BenefitType, tax_year_rules
from shop.welfare.models import ZERO, ChildrenDeclaration, LedgerEntry

Kind = LedgerEntry.Kind


def _fringe_entries(*, employee):
    return LedgerEntry.objects.filter(wallet__employee=employee, benefit_type=BenefitType.C3_FRINGE)


def fringe_used(*, employee, year: int) -> Decimal:
    """c.3 benefits ``employee`` (a roster entry) received in tax year ``year``: one aggregate."""
    total = (
        _fringe_entries(employee=employee)
        .filter(kind__in=[Kind.SPEND, Kind.REFUND])
        .filter(Q(tax_year=year) | Q(tax_year__isnull=True, created_at__year=year))
        .aggregate(total=MoneySum("amount"))["total"]
    )
    return -total


def fringe_pending(*, employee) -> Decimal:
    """c.3 credit held today by ``employee``'s orders not yet confirmed (open reservations)."""
    return _fringe_entries(employee=employee).aggregate(total=MoneySum("held"))["total"]


def children_declaration_for(*, employee, year: int) -> ChildrenDeclaration | None:
    """The latest declaration of ``employee`` for ``year``, None if never declared."""
    return (
        ChildrenDeclaration.objects.filter(employee=employee, year=year)
        .order_by("-declared_at", "-pk")
        .first()
    )


@dataclass
class FringeStatus:
    year: int
    used: Decimal  # received in the tax year
    cap: Decimal
    with_children: bool
    declaration: ChildrenDeclaration | None
    pending: Decimal = ZERO  # reserved by orders not yet confirmed
    law: str = ""

    @property
    def committed(self) -> Decimal:
        return self.used + self.pending

    @property
    def room(self) -> Decimal:
        return max(self.cap - self.committed, ZERO)

    @property
    def over_cap(self) -> bool:
        return self.used > self.cap


def fringe_status(*, employee, year: int | None = None) -> FringeStatus:
    year = year or timezone.localdate().year
    declaration = children_declaration_for(employee=employee, year=year)
    with_children = bool(declaration and declaration.has_dependent_children)
    rules = tax_year_rules(year=year)
    return FringeStatus(
        year=year,
        used=fringe_used(employee=employee, year=year),
        cap=rules.cap_for(with_children=with_children),
        with_children=with_children,
        declaration=declaration,
        pending=fringe_pending(employee=employee) if year == timezone.localdate().year else ZERO,
        law=rules.law,
    )


@transaction.atomic
def children_declare(
    *, employee, year: int, children_count: int, by, on: datetime.date | None = None
) -> ChildrenDeclaration:
    """Record the employee's own statement (a new dated row; the latest of the year counts).

    Only the employee may declare, for the current or the next tax year.
    """
    on = on or timezone.localdate()
    if by is None or employee.user_id != by.pk:
        raise WelfareError(_("Only the employee can make this declaration."))
    if year not in (on.year, on.year + 1):
        raise WelfareError(_("You can declare only for the current or the next tax year."))
    return ChildrenDeclaration.objects.create(
        employee=employee,
        year=year,
        has_dependent_children=children_count > 0,
        children_count=children_count,
        declared_by=by,
    )


@transaction.atomic
def employee_categories_set(*, user, employer, categories: dict[int, str]) -> int:
    """HR sets the regulation category of employees of ``employer`` (its own roster only).

    ``categories`` maps employee ids to a category code ("" removes it). Ids outside the HR
    contact's roster are ignored. Returns how many employees changed.
    """
    from shop.eligibility.selectors import roster_for_hr
    from shop.welfare.models import EmployeeCategory, EmployeeWelfareProfile

    roster = {employee.pk: employee for employee in roster_for_hr(user=user, employer=employer)}
    changed = 0
    current = dict(
        EmployeeWelfareProfile.objects.filter(employee__in=roster.values()).values_list(
            "employee", "category"
        )
    )
    for employee_id, category in categories.items():
        if employee_id not in roster or current.get(employee_id, "") == category:
            continue
        if category and category not in EmployeeCategory.values:
            raise WelfareError(_("Unknown category of employees."))
        if category:
            EmployeeWelfareProfile.objects.update_or_create(
                employee_id=employee_id, defaults={"category": category}
            )
        else:
            EmployeeWelfareProfile.objects.filter(employee_id=employee_id).delete()
        changed += 1
    return changed
