from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shop.welfare.exceptions import WelfareError
from shop.welfare.fiscal import product_is_reimbursable, tax_year_rules
from shop.welfare.models import LedgerEntry
from shop.welfare.selectors import (
    children_declaration_for,
    fringe_benefit_cap,
    fringe_pending,
    fringe_status,
    fringe_used,
)
from shop.welfare.services import children_declare, credit_return_order, credit_spend_for_order
from tests.factories.eligibility import UserFactory
from tests.factories.welfare import ON, funded_plan, order_with_credit, product_in


@pytest.mark.parametrize(
    ("year", "cap", "with_children", "law"),
    [
        (2022, "3000.00", "3000.00", "DL 176/2022"),
        (2023, "258.23", "3000.00", "DL 48/2023"),
        (2024, "1000.00", "2000.00", "L. 213/2023 art. 1 c.16"),
        (2025, "1000.00", "2000.00", "L. 207/2024 art. 1 c.390"),
        (2026, "1000.00", "2000.00", "L. 207/2024 art. 1 c.390"),
        (2027, "1000.00", "2000.00", "L. 207/2024 art. 1 c.390"),
        (2028, "258.23", "258.23", "art. 51 c.3 TUIR"),
    ],
)
def test_the_cap_of_each_tax_year_comes_from_one_table_of_laws(year, cap, with_children, law):
    rules = tax_year_rules(year=year)
    assert (rules.cap, rules.cap_with_children) == (Decimal(cap), Decimal(with_children))
    assert law in rules.law
    assert fringe_benefit_cap(year=year) == Decimal(cap)
    assert fringe_benefit_cap(year=year, with_children=True) == Decimal(with_children)


def test_received_c3_counts_only_once_confirmed_and_a_refund_takes_it_back(employer, employee_user, employee):
    funded_plan(employer=employer, amount="3000.00")
    fringe = product_in(category_path="Alimentari", price="300.00", benefit_type="c3")
    care = product_in(category_path="Servizi", price="200.00", benefit_type="c2_f")
    order = order_with_credit(user=employee_user, lines=[(fringe, 2), (care, 1)])
    # Reserved by an unconfirmed order: not received, not taxable, but it takes room.
    assert fringe_used(employee=employee, year=ON.year) == Decimal("0.00")
    assert fringe_pending(employee=employee) == Decimal("600.00")
    assert fringe_status(employee=employee, year=ON.year).room == Decimal("400.00")
    credit_spend_for_order(order=order)
    assert fringe_used(employee=employee, year=ON.year) == Decimal("600.00")
    assert fringe_pending(employee=employee) == Decimal("0.00")
    credit_return_order(order=order)
    assert fringe_used(employee=employee, year=ON.year) == Decimal("0.00")
    assert fringe_used(employee=employee, year=ON.year - 1) == Decimal("0.00")


def test_the_status_reads_received_and_held_together(employer, employee_user, employee):
    funded_plan(employer=employer, amount="3000.00")
    fringe = product_in(category_path="Alimentari", price="300.00", benefit_type="c3")
    confirmed = order_with_credit(user=employee_user, lines=[(fringe, 1)])
    credit_spend_for_order(order=confirmed)
    order_with_credit(user=employee_user, lines=[(fringe, 2)])  # not confirmed yet
    children_declaration_for(employee=employee, year=ON.year)  # the status reads it too

    with CaptureQueriesContext(connection) as queries:
        status = fringe_status(employee=employee, year=ON.year)

    assert (status.used, status.pending) == (Decimal("300.00"), Decimal("600.00"))
    assert (status.used, status.pending) == (
        fringe_used(employee=employee, year=ON.year),
        fringe_pending(employee=employee),
    )
    assert status.room == Decimal("100.00")
    assert len([q for q in queries.captured_queries if "welfare_ledgerentry" in q["sql"]]) == 1


def test_a_cancelled_unconfirmed_order_never_reaches_payroll(employer, employee_user, employee):
    funded_plan(employer=employer, amount="3000.00")
    fringe = product_in(category_path="Alimentari", price="1100.00", benefit_type="c3")
    order = order_with_credit(user=employee_user, lines=[(fringe, 1)])
    assert fringe_status(employee=employee, year=ON.year).over_cap is False
    credit_return_order(order=order)
    status = fringe_status(employee=employee, year=ON.year)
    assert (status.used, status.pending, status.over_cap) == (Decimal("0.00"), Decimal("0.00"), False)


def test_cap_is_1000_without_and_2000_with_the_children_declaration(employer, employee_user, employee):
    funded_plan(employer=employer, amount="3000.00")
    fringe = product_in(category_path="Alimentari", price="600.00", benefit_type="c3")
    order = order_with_credit(user=employee_user, lines=[(fringe, 2)])
    credit_spend_for_order(order=order)

    status = fringe_status(employee=employee, year=ON.year)
    assert (status.cap, status.used, status.room, status.over_cap) == (
        Decimal("1000.00"),
        Decimal("1200.00"),
        Decimal("0.00"),
        True,
    )

    children_declare(employee=employee, year=ON.year, children_count=2, by=employee_user)
    status = fringe_status(employee=employee, year=ON.year)
    assert (status.cap, status.room, status.over_cap, status.with_children) == (
        Decimal("2000.00"),
        Decimal("800.00"),
        False,
        True,
    )
    # A later declaration replaces it, and the history stays.
    children_declare(employee=employee, year=ON.year, children_count=0, by=employee_user)
    assert fringe_status(employee=employee, year=ON.year).cap == Decimal("1000.00")
    assert employee.children_declarations.count() == 2


def test_only_the_employee_may_declare_children(employee):
    with pytest.raises(WelfareError):
        children_declare(employee=employee, year=ON.year, children_count=1, by=UserFactory())
    assert not employee.children_declarations.exists()


def test_c2_f_products_are_not_reimbursable_but_f_bis_and_f_ter_are(db):
    assert not product_is_reimbursable(
        product_in(category_path="Servizi", price="10.00", benefit_type="c2_f")
    )
    assert product_is_reimbursable(product_in(category_path="Servizi", price="10.00", benefit_type="c2_fbis"))
    assert product_is_reimbursable(product_in(category_path="Servizi", price="10.00", benefit_type="c2_fter"))
    assert not product_is_reimbursable(product_in(category_path="Servizi", price="10.00", benefit_type="c3"))


def test_the_employee_declares_children_on_their_welfare_page(client, employer, employee_user, employee):
    client.force_login(employee_user)
    response = client.post("/welfare/fringe/", {"year": ON.year, "children_count": "1", "confirm": "on"})
    assert response.status_code == 302
    declaration = employee.children_declarations.get()
    assert declaration.children_count == 1 and declaration.declared_by == employee_user
    page = client.get("/welfare/fringe/")
    assert page.context["statuses"][0][1].cap == Decimal("2000.00")


def test_a_declaration_without_confirmation_writes_nothing(client, employee_user, employee):
    client.force_login(employee_user)
    response = client.post("/welfare/fringe/", {"year": ON.year, "children_count": "2"})
    assert response.status_code == 200 and response.context["form"].errors["confirm"]
    assert not LedgerEntry.objects.exists() and not employee.children_declarations.exists()


def test_page_reads_keep_the_status_until_an_entry_or_a_declaration(employer, employee_user, employee):
    from tests.request_scope import as_one_request

    funded_plan(employer=employer, amount="3000.00")
    fringe = product_in(category_path="Alimentari", price="300.00", benefit_type="c3")

    def read():
        with as_one_request(), CaptureQueriesContext(connection) as queries:
            status = fringe_status(employee=employee, year=ON.year)
        return status, len(queries)

    first, first_queries = read()
    again, again_queries = read()
    assert (first.pending, first_queries, again.pending, again_queries) == (0, 2, 0, 0)

    order_with_credit(user=employee_user, lines=[(fringe, 1)])  # a ledger entry holds 300.00
    assert read()[0].pending == Decimal("300.00")

    children_declare(employee=employee, year=ON.year, children_count=2, by=employee_user)
    assert read()[0].cap == tax_year_rules(year=ON.year).cap_with_children
