"""The c.3 cap at checkout: the warning before a line crosses it, and paying that part at delivery."""

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from shop.welfare.models import LedgerEntry, Wallet
from shop.welfare.selectors import fringe_status
from shop.welfare.services import children_declare
from tests.factories.welfare import ON, funded_plan, product_in
from tests.welfare.test_checkout_with_credit import fill_basket_and_address, place_order

Order = get_model("order", "Order")
WARNING = "questo acquisto supera il tuo limite di fringe benefit: sarà tassato"


@pytest.fixture
def wallet(employer, employee, shop_ready):
    plan = funded_plan(employer=employer, amount="3000.00")
    return Wallet.objects.get(employee=employee, plan=plan)


@pytest.fixture
def shop_ready(db):
    get_model("address", "Country").objects.update_or_create(
        iso_3166_1_a2="IT",
        defaults={"name": "Italia", "printable_name": "Italia", "is_shipping_country": True},
    )


@pytest.fixture
def fringe_products(db):
    return (
        product_in(category_path="Alimentari > Cesti", price="800.00", benefit_type="c3"),
        product_in(category_path="Servizi > Assistenza", price="300.00", benefit_type="c2_f"),
    )


def test_a_basket_over_the_cap_warns_and_offers_the_split(client, employee_user, wallet, fringe_products):
    gifts, care = fringe_products
    client.force_login(employee_user)
    fill_basket_and_address(client, [(gifts, 2), (care, 1)])

    page = client.get(reverse("checkout:payment-details"))
    html = page.content.decode()
    assert WARNING in html
    assert "usa il credito fino al limite" in html and "usa il credito comunque" in html
    fringe = page.context["fringe_check"]
    assert fringe.lines_over == [gifts.get_title()]
    # 1,000 € of c.3 within the cap plus the 300 € c.2 f line.
    assert fringe.maximum_within_cap == Decimal("1300.00")
    assert page.context["credit_quote"].maximum == Decimal("1900.00")


def test_within_the_limit_the_excess_is_paid_at_delivery(
    client, employee_user, employee, wallet, fringe_products
):
    gifts, care = fringe_products
    client.force_login(employee_user)
    fill_basket_and_address(client, [(gifts, 2), (care, 1)])

    too_much = client.post(
        reverse("checkout:preview"),
        {"credit": "1900,00", "rest_method": "pos", "fringe_choice": "within_cap"},
    )
    assert too_much.status_code == 200 and too_much.context["credit_form"].errors["credit"]
    preview = client.post(
        reverse("checkout:preview"),
        {"credit": "1300,00", "rest_method": "pos", "fringe_choice": "within_cap"},
    )
    assert preview.status_code == 200
    assert preview.context["rest_amount"] == Decimal("600.00")
    assert place_order(client).status_code == 302

    order = Order.objects.get()
    reserved = {e.benefit_type: e.held for e in LedgerEntry.objects.filter(order_number=order.number)}
    assert reserved == {"c3": Decimal("1000.00"), "c2_f": Decimal("300.00")}
    assert fringe_status(employee=employee, year=ON.year).committed == Decimal("1000.00")


def test_the_employee_may_use_the_credit_anyway(client, employee_user, employee, wallet, fringe_products):
    gifts, _care = fringe_products
    client.force_login(employee_user)
    fill_basket_and_address(client, [(gifts, 2)])

    missing_choice = client.post(reverse("checkout:preview"), {"credit": "1600,00", "rest_method": "pos"})
    assert missing_choice.context["credit_form"].errors["fringe_choice"]
    client.post(
        reverse("checkout:preview"), {"credit": "1600,00", "rest_method": "pos", "fringe_choice": "anyway"}
    )
    assert place_order(client).status_code == 302
    assert fringe_status(employee=employee, year=ON.year).committed == Decimal("1600.00")


def test_with_children_declared_the_same_basket_gives_no_warning(
    client, employee_user, employee, wallet, fringe_products
):
    gifts, _care = fringe_products
    children_declare(employee=employee, year=ON.year, children_count=1, by=employee_user)
    client.force_login(employee_user)
    fill_basket_and_address(client, [(gifts, 2)])
    page = client.get(reverse("checkout:payment-details"))
    assert page.context["fringe_check"] is None
    assert WARNING not in page.content.decode()
