"""Art. 51 c.1 TUIR: a c.3 benefit belongs to the tax year of the purchase if received by
12 January of the next year; a refund reverses it in that same year."""

import datetime
from decimal import Decimal

import pytest

from shop.welfare.fiscal import tax_year_of
from shop.welfare.models import LedgerEntry
from shop.welfare.payroll import payroll_csv, payroll_rows
from shop.welfare.selectors import fringe_used
from shop.welfare.services import credit_return_order, credit_spend_for_order
from tests.factories.welfare import ON, funded_plan, order_with_credit, product_in


@pytest.mark.parametrize(
    ("purchased", "received", "year"),
    [
        ((2026, 12, 20), (2026, 12, 28), 2026),
        ((2026, 12, 20), (2027, 1, 12), 2026),
        ((2026, 12, 20), (2027, 1, 13), 2027),
        ((2026, 3, 2), (2026, 3, 9), 2026),
        ((2025, 12, 20), (2027, 1, 5), 2027),
    ],
)
def test_the_12_january_rule(purchased, received, year):
    assert tax_year_of(purchased_on=datetime.date(*purchased), received_on=datetime.date(*received)) == year


def _december_order(employer, employee_user):
    funded_plan(employer=employer, amount="3000.00")
    fringe = product_in(category_path="Alimentari", price="450.50", benefit_type="c3")
    order = order_with_credit(user=employee_user, lines=[(fringe, 2)])
    order.date_placed = datetime.datetime(ON.year, 12, 3, 10, 0, tzinfo=datetime.UTC)
    order.save()
    return order


def test_a_december_purchase_confirmed_by_12_january_counts_in_its_year(employer, employee_user, employee):
    order = _december_order(employer, employee_user)
    credit_spend_for_order(order=order, on=datetime.date(ON.year + 1, 1, 12))
    assert fringe_used(employee=employee, year=ON.year) == Decimal("901.00")
    assert fringe_used(employee=employee, year=ON.year + 1) == Decimal("0.00")


def test_a_december_purchase_confirmed_after_12_january_counts_in_the_next_year(
    employer, employee_user, employee
):
    order = _december_order(employer, employee_user)
    credit_spend_for_order(order=order, on=datetime.date(ON.year + 1, 1, 13))
    assert fringe_used(employee=employee, year=ON.year) == Decimal("0.00")
    assert fringe_used(employee=employee, year=ON.year + 1) == Decimal("901.00")


def test_a_refund_written_next_year_reverses_the_purchase_year(employer, employee_user, employee):
    order = _december_order(employer, employee_user)
    credit_spend_for_order(order=order, on=datetime.date(ON.year, 12, 10))
    assert fringe_used(employee=employee, year=ON.year) == Decimal("901.00")
    credit_return_order(order=order)
    refund = LedgerEntry.objects.get(kind="refund")
    assert refund.tax_year == ON.year
    assert fringe_used(employee=employee, year=ON.year) == Decimal("0.00")
    assert fringe_used(employee=employee, year=ON.year + 1) == Decimal("0.00")


def test_payroll_taxes_only_what_was_received(employer, employee_user, employee, hr_user):
    funded_plan(employer=employer, amount="3000.00")
    fringe = product_in(category_path="Alimentari", price="1200.00", benefit_type="c3")
    other = product_in(category_path="Alimentari", price="500.00", benefit_type="c3")
    credit_spend_for_order(order=order_with_credit(user=employee_user, lines=[(fringe, 1)]))
    order_with_credit(user=employee_user, lines=[(other, 1)])  # placed, never confirmed
    [row] = payroll_rows(user=hr_user, employer=employer, year=ON.year, month=ON.month)
    assert (row.fringe.used, row.fringe.cap, row.fringe.over_cap) == (
        Decimal("1200.00"),
        Decimal("1000.00"),
        True,
    )
    csv_row = payroll_csv(rows=[row], year=ON.year, month=ON.month).splitlines()[1].split(";")
    assert csv_row[-4:] == ["1200.00", "1000.00", "no", "1200.00"]


def test_the_hr_plan_page_shows_the_2024_cap_and_its_law(client, employer, hr_user):
    from django.urls import reverse

    from shop.welfare.services import plan_create

    plan = plan_create(
        employer=employer,
        name="Piano 2024",
        year=2024,
        amount_per_employee=Decimal("1500.00"),
        valid_from=datetime.date(2024, 1, 1),
        valid_to=datetime.date(2024, 12, 31),
    )
    client.force_login(hr_user)
    page = client.get(reverse("welfare:hr-plan-detail", kwargs={"pk": plan.pk}))
    assert page.context["fringe_rules"].cap == Decimal("1000.00")
    html = page.content.decode()
    assert "L. 213/2023 art. 1 c.16" in html and "2.000,00" in html
