"""Fiscal treatment of what welfare credit buys (art. 51 TUIR, DPR 917/1986).

* c.2 lett. f: education, recreation, social and health assistance, worship; the employer
  provides the service directly, it is never reimbursed as cash;
* c.2 lett. f-bis: education and care services (nursery, school, camps, canteen) for the
  employee's family members of art. 12 TUIR, not the employee: may be reimbursed;
* c.2 lett. f-ter: care services for family members (art. 12 TUIR) who are elderly or not
  self-sufficient: may be reimbursed;
* c.2 lett. f-quater: insurance against the risk of non-self-sufficiency in daily living or
  of serious illness: a policy the employer pays, never a reimbursement;
* c.3: fringe-benefit goods and services, tax-free up to a yearly cap. Going over the cap
  makes the *whole* yearly amount taxable, not only the excess.

``FRINGE_CAPS`` is the only table of c.3 caps, one row per tax year with the law that set
it (docs/welfare-fiscal.md); a year not in it has the permanent threshold of art. 51 c.3,
€258.23. Checkout, the HR plan page and payroll all read it through ``tax_year_rules``.

Tax-year attribution (``tax_year_of``): a benefit belongs to the year in which it is
received (art. 51 c.1: "percepiti nel periodo d'imposta"), and what is received by
12 January belongs to the previous year if it refers to it ("principio di cassa allargato",
art. 51 c.1, second sentence). So a December purchase confirmed by 12 January counts in the
year of the purchase; confirmed later, in the year of confirmation.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class BenefitType(models.TextChoices):
    C2_F = "c2_f", _("Art. 51 c.2 lett. f: education, recreation, social and health assistance")
    C2_F_BIS = "c2_fbis", _("Art. 51 c.2 lett. f-bis: education and care services for family members")
    C2_F_TER = "c2_fter", _("Art. 51 c.2 lett. f-ter: care of elderly or dependent relatives")
    C2_F_QUATER = (
        "c2_fquat",
        _("Art. 51 c.2 lett. f-quater: insurance against non-self-sufficiency or serious illness"),
    )
    C3_FRINGE = "c3", _("Art. 51 c.3: fringe-benefit goods and services (yearly cap)")


# Only f-bis and f-ter expenses may be reimbursed; c.2 f services and f-quater policies are
# provided directly by the employer.
REIMBURSABLE = frozenset({BenefitType.C2_F_BIS, BenefitType.C2_F_TER})
CAPPED = frozenset({BenefitType.C3_FRINGE})


def is_reimbursable(benefit_type: str) -> bool:
    return benefit_type in REIMBURSABLE


def product_is_reimbursable(product) -> bool:
    """Whether the expense a product stands for may be paid back as cash (variants: parent's)."""
    product = product.parent if product.is_child else product
    return is_reimbursable(product.benefit_type)


# Art. 51 c.3 TUIR, third sentence: the permanent threshold.
FRINGE_THRESHOLD = Decimal("258.23")
FRINGE_THRESHOLD_LAW = "art. 51 c.3 TUIR (DPR 917/1986)"


@dataclass(frozen=True)
class FringeCap:
    default: Decimal
    with_children: Decimal
    law: str


# One row per tax year: the cap for every employee, the cap for employees with dependent
# children (art. 12 c.2 TUIR, on their declaration) and the law. Sources in
# docs/welfare-fiscal.md.
FRINGE_CAPS: dict[int, FringeCap] = {
    2020: FringeCap(Decimal("516.46"), Decimal("516.46"), "DL 104/2020 art. 112"),
    2021: FringeCap(Decimal("516.46"), Decimal("516.46"), "DL 41/2021 art. 6-quinquies"),
    # €600 by DL 115/2022 art. 12, then raised to €3,000 for the whole year.
    2022: FringeCap(
        Decimal("3000.00"), Decimal("3000.00"), "DL 115/2022 art. 12 (€600), DL 176/2022 art. 3 c.10"
    ),
    # Only employees with dependent children; everyone else keeps €258.23.
    2023: FringeCap(FRINGE_THRESHOLD, Decimal("3000.00"), "DL 48/2023 art. 40"),
    2024: FringeCap(Decimal("1000.00"), Decimal("2000.00"), "L. 213/2023 art. 1 c.16"),
    2025: FringeCap(Decimal("1000.00"), Decimal("2000.00"), "L. 207/2024 art. 1 c.390"),
    2026: FringeCap(Decimal("1000.00"), Decimal("2000.00"), "L. 207/2024 art. 1 c.390"),
    2027: FringeCap(Decimal("1000.00"), Decimal("2000.00"), "L. 207/2024 art. 1 c.390"),
}


@dataclass(frozen=True)
class TaxYearRules:
    year: int
    cap: Decimal
    cap_with_children: Decimal
    threshold: Decimal
    law: str

    def cap_for(self, *, with_children: bool) -> Decimal:
        return self.cap_with_children if with_children else self.cap


def tax_year_rules(*, year: int) -> TaxYearRules:
    """The c.3 figures of ``year`` from ``FRINGE_CAPS``, else the permanent threshold."""
    row = FRINGE_CAPS.get(int(year)) or FringeCap(FRINGE_THRESHOLD, FRINGE_THRESHOLD, FRINGE_THRESHOLD_LAW)
    return TaxYearRules(
        year=int(year),
        cap=row.default,
        cap_with_children=row.with_children,
        threshold=FRINGE_THRESHOLD,
        law=row.law,
    )


# Art. 51 c.1 TUIR: what is received by 12 January counts in the year before.
CASH_DEADLINE = (1, 12)


def tax_year_of(*, purchased_on: datetime.date, received_on: datetime.date) -> int:
    """The tax year of a benefit bought on ``purchased_on`` and received on ``received_on``."""
    if received_on.year == purchased_on.year + 1 and (received_on.month, received_on.day) <= CASH_DEADLINE:
        return purchased_on.year
    return received_on.year
