from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from shop.welfare.checkout import checkout_take_payment
from shop.welfare.exceptions import NotEligible
from shop.welfare.models import LedgerEntry, Wallet
from tests.factories.eligibility import UserFactory
from tests.factories.welfare import basket_with, funded_plan, product_in

Country = get_model("address", "Country")
Order = get_model("order", "Order")

ADDRESS = {
    "first_name": "Giulia",
    "last_name": "Rossi",
    "line1": "Via Roma 1",
    "line4": "Sarnico",
    "postcode": "24067",
    "country": "IT",
    "phone_number": "",
}


@pytest.fixture
def shop_ready(db):
    Country.objects.update_or_create(
        iso_3166_1_a2="IT",
        defaults={"name": "Italia", "printable_name": "Italia", "is_shipping_country": True},
    )


@pytest.fixture
def wallet(employer, employee, shop_ready):
    plan = funded_plan(employer=employer, amount="50.00", categories=["Servizi"])
    return Wallet.objects.get(employee=employee, plan=plan)


@pytest.fixture
def products(db):
    return (
        product_in(category_path="Servizi > Assistenza", price="40.00"),
        product_in(category_path="Alimentari > Verdura", price="12.50"),
    )


def fill_basket_and_address(client, lines):
    for product, quantity in lines:
        response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity})
        assert response.status_code == 302
    response = client.post(reverse("checkout:shipping-address"), ADDRESS)
    assert response.status_code == 302, response.content.decode()[:2000]
    response = client.get(reverse("checkout:shipping-method"))  # one method: chosen and skipped
    assert response.status_code == 302


def choose_payment(client, credit: str, method="cash"):
    page = client.get(reverse("checkout:payment-details"))
    assert page.status_code == 200
    return client.post(reverse("checkout:preview"), {"credit": credit, "rest_method": method})


def place_order(client):
    return client.post(reverse("checkout:preview"), {"action": "place_order"})


def test_employee_pays_partly_with_credit_and_the_rest_on_delivery(client, employee_user, wallet, products):
    care, veg = products
    client.force_login(employee_user)
    fill_basket_and_address(client, [(care, 1), (veg, 2)])

    page = client.get(reverse("checkout:payment-details"))
    assert page.context["credit_quote"].maximum == Decimal("40.00")  # vegetables are outside the plan
    assert 'value="40,00"' in page.content.decode()  # the default, written the Italian way
    preview = choose_payment(client, "30,00")
    assert preview.status_code == 200
    assert preview.context["credit_amount"] == Decimal("30.00")
    response = place_order(client)

    assert response.status_code == 302, response.context and response.context.get("error")
    order = Order.objects.get(user=employee_user)
    sources = {s.source_type.name: s.amount_allocated for s in order.sources.all()}
    assert sources == {
        "Credito welfare": Decimal("30.00"),
        "Pagamento alla consegna": order.total_incl_tax - Decimal("30.00"),
    }
    reserves = LedgerEntry.objects.filter(order_number=order.number, kind="reserve")
    care_line = order.lines.get(product=care)
    assert [(e.order_line_id, e.held) for e in reserves] == [(care_line.pk, Decimal("30.00"))]
    wallet.refresh_from_db()
    assert (wallet.balance, wallet.available) == (Decimal("50.00"), Decimal("20.00"))

    order.set_status("Confermato")
    wallet.refresh_from_db()
    assert wallet.balance == Decimal("20.00")


def test_asking_more_credit_than_allowed_is_refused_with_the_form_kept(
    client, employee_user, wallet, products
):
    client.force_login(employee_user)
    fill_basket_and_address(client, [(products[1], 1)])

    response = choose_payment(client, "5,00")

    assert response.status_code == 200
    assert response.context["credit_form"].errors["credit"]
    assert response.context["credit_form"]["credit"].value() == "5,00"
    assert not Order.objects.exists()


def test_credit_is_refused_at_placement_once_the_employer_is_suspended(
    client, employee_user, employer, wallet, products
):
    client.force_login(employee_user)
    fill_basket_and_address(client, [(products[0], 1)])
    choose_payment(client, "40,00")
    employer.status = employer.Status.SUSPENDED
    employer.save()

    place_order(client)

    assert not Order.objects.exists()
    assert not LedgerEntry.objects.filter(kind="reserve").exists()
    wallet.refresh_from_db()
    assert wallet.available == Decimal("50.00")


def test_a_second_submit_of_the_same_checkout_does_not_spend_twice(client, employee_user, wallet, products):
    client.force_login(employee_user)
    fill_basket_and_address(client, [(products[0], 1)])
    choose_payment(client, "40,00")

    first = place_order(client)
    second = place_order(client)

    assert first.status_code == 302 and second.status_code == 302
    assert Order.objects.count() == 1
    wallet.refresh_from_db()
    assert (wallet.reserved, wallet.available) == (Decimal("40.00"), Decimal("10.00"))
    assert LedgerEntry.objects.filter(kind="reserve").count() == 1


def test_a_user_who_is_not_an_employee_cannot_pay_with_credit(shop_ready, products):
    citizen = UserFactory()
    basket = basket_with(user=citizen, lines=[(products[0], 1)])

    with pytest.raises(NotEligible):
        checkout_take_payment(
            user=citizen,
            basket=basket,
            order_number="100999",
            total=Decimal("40.00"),
            credit=Decimal("10.00"),
        )
    payment = checkout_take_payment(
        user=citizen, basket=basket, order_number="100999", total=Decimal("40.00"), credit=None
    )
    assert (payment.credit, payment.rest, payment.allocations) == (Decimal("0.00"), Decimal("40.00"), [])
    assert [source.source_type.name for source in payment.sources] == ["Pagamento alla consegna"]
