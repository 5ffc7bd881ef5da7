"""The art. 51 c.3 fringe-benefit cap per employee and tax year: reads and the declaration.

The running total counts c.3 credit committed in the year: spent, plus reserved for orders
not yet confirmed, minus what came back. On every c.3 entry that is ``held - amount``
(RESERVE +x; SPEND -x held, -x amount: 0; RELEASE -x; REFUND -x), so one aggregate over the
ledger gives it. The year is the calendar year of the entry (the benefit's date).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import F, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from shop.core.money import round_money
from shop.welfare.exceptions import WelfareError
from shop.welfare.fiscal import BenefitType, tax_year_rules
from shop.welfare.models import ZERO, ChildrenDeclaration, LedgerEntry


def fringe_used(*, employee, year: int) -> Decimal:
    """c.3 credit committed by ``employee`` (a roster entry) in ``year``: one aggregate query."""
    total = LedgerEntry.objects.filter(
        wallet__employee=employee, benefit_type=BenefitType.C3_FRINGE, created_at__year=year
    ).aggregate(total=Coalesce(Sum(F("held") - F("amount")), ZERO))["total"]
    # SQLite sums decimals as floats: back to the cent.
    return round_money(total)


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
    used: Decimal
    cap: Decimal
    with_children: bool
    declaration: ChildrenDeclaration | None

    @property
    def room(self) -> Decimal:
        return max(self.cap - self.used, ZERO)

    @property
    def over_cap(self) -> bool:
        return self.used > self.cap


def fringe_status(*, employee, year: int | None = None) -> FringeStatus:
    year = year or timezone.localdate().year
    declaration = children_declaration_for(employee=employee, year=year)
    with_children = bool(declaration and declaration.has_dependent_children)
    return FringeStatus(
        year=year,
        used=fringe_used(employee=employee, year=year),
        cap=tax_year_rules(year=year).cap_for(with_children=with_children),
        with_children=with_children,
        declaration=declaration,
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
