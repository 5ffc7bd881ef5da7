"""The credit's category rules (a plan's categories, a product's category paths) are kept in
the cache across requests (allocation.CATEGORIES_VERSION) and follow every change at once:
a plan's categories changed, a product moved to another category, a category moved."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model

from shop.welfare.allocation import CreditLine
from shop.welfare.selectors import credit_quote
from tests.factories.welfare import ON, funded_plan, product_in
from tests.request_scope import as_one_request

Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")

pytestmark = pytest.mark.django_db


def quote_in_a_request(user, product) -> tuple[Decimal, list[str]]:
    """(credit allowed for one unit of ``product``, the category reads it took), as a page asks."""
    with as_one_request(), CaptureQueriesContext(connection) as queries:
        line = CreditLine(key="1", product=product, amount=Decimal("12.50"))
        allowed = credit_quote(user=user, lines=[line], on=ON).allowed
    reads = [q["sql"] for q in queries.captured_queries if "catalogue_category" in q["sql"]]
    return allowed, reads


@pytest.fixture
def covered(employer, employee_user):
    plan = funded_plan(employer=employer, amount="500.00", categories=["Alimentari"])
    product = product_in(category_path="Alimentari > Verdura", price="12.50")
    return plan, product


def test_the_rules_are_read_once_and_then_kept(employee_user, covered):
    _plan, product = covered

    first, first_reads = quote_in_a_request(employee_user, product)
    second, second_reads = quote_in_a_request(employee_user, product)

    assert first == second == Decimal("12.50")
    assert len(first_reads) == 2  # the plan's categories, the product's paths
    assert second_reads == []


def test_a_plan_that_stops_covering_a_category_refuses_at_once(employee_user, covered):
    plan, product = covered
    quote_in_a_request(employee_user, product)

    plan.allowed_categories.set([create_from_breadcrumbs("Salute")])

    assert quote_in_a_request(employee_user, product)[0] == Decimal("0.00")


def test_a_product_moved_out_of_the_plan_categories_is_refused_at_once(employee_user, covered):
    _plan, product = covered
    quote_in_a_request(employee_user, product)

    ProductCategory.objects.filter(product=product).delete()
    ProductCategory.objects.create(product=product, category=create_from_breadcrumbs("Tempo libero"))

    assert quote_in_a_request(employee_user, product)[0] == Decimal("0.00")


def test_a_category_moved_under_the_plan_is_covered_at_once(employer, employee_user):
    funded_plan(employer=employer, amount="500.00", categories=["Alimentari"])
    product = product_in(category_path="Dispensa > Miele", price="12.50")
    assert quote_in_a_request(employee_user, product)[0] == Decimal("0.00")

    honey = Category.objects.get(name="Miele")
    honey.move(Category.objects.get(name="Alimentari"), "last-child")
    honey.refresh_from_db()
    honey.save()  # as the dashboard's category form does after moving

    assert quote_in_a_request(employee_user, product)[0] == Decimal("12.50")


def test_a_change_within_the_request_is_read_by_the_rest_of_it(employee_user, covered):
    plan, product = covered
    line = CreditLine(key="1", product=product, amount=Decimal("12.50"))

    with as_one_request():
        assert credit_quote(user=employee_user, lines=[line], on=ON).allowed == Decimal("12.50")
        plan.allowed_categories.set([create_from_breadcrumbs("Salute")])
        assert credit_quote(user=employee_user, lines=[line], on=ON).allowed == Decimal("0.00")
