"""The welfare credit typed on the payment page, through to the placed order.

A refused amount: the payment page again (200), an Italian error on the field, the text kept,
nothing written. A valid one: the preview shows it, and placing the order reserves exactly
that much credit and sends exactly the rest to payment on delivery.
"""

from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import example, given
from oscar.core.loading import get_model

from shop.welfare.models import LedgerEntry, Wallet
from tests.factories.welfare import funded_plan, product_in
from tests.fuzz.helpers import (
    assert_italian,
    assert_kept,
    changed,
    db_state,
    example_rolled_back,
    expected_money,
    form_errors,
    money_texts,
)
from tests.welfare.test_checkout_with_credit import fill_basket_and_address

Country = get_model("address", "Country")
Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db

MAXIMUM = Decimal("40.00")  # the care service; the vegetables are outside the plan


@pytest.fixture
def at_payment(employer, employee, employee_client):
    Country.objects.update_or_create(
        iso_3166_1_a2="IT",
        defaults={"name": "Italia", "printable_name": "Italia", "is_shipping_country": True},
    )
    plan = funded_plan(employer=employer, amount="50.00", categories=["Servizi"])
    care = product_in(category_path="Servizi > Assistenza", price="40.00")
    veg = product_in(category_path="Alimentari > Verdura", price="12.50")
    fill_basket_and_address(employee_client, [(care, 1), (veg, 2)])
    page = employee_client.get(reverse("checkout:payment-details"))
    assert page.context["credit_quote"].maximum == MAXIMUM
    return Wallet.objects.get(employee=employee, plan=plan)


@given(text=money_texts())
@example(text="40,00")
@example(text="40,01")
@example(text="1e1")
@example(text="-0")
@example(text="١٢")
def test_credit_chosen_at_checkout(employee_client, at_payment, text):
    expected = expected_money(text)
    with example_rolled_back():
        before = db_state()
        response = employee_client.post(reverse("checkout:preview"), {"credit": text, "rest_method": "cash"})
        assert response.status_code == 200
        if expected is None or not (Decimal("0") <= expected <= MAXIMUM):
            form = response.context["credit_form"]
            assert form.errors.get("credit"), (text, form.errors)
            assert_italian(form_errors(form))
            assert_kept(response, text)
            assert db_state() == before, changed(before, db_state())
            return
        assert response.context["credit_amount"] == expected
        assert db_state() == before  # the preview writes nothing either

        placed = employee_client.post(reverse("checkout:preview"), {"action": "place_order"})
        assert placed.status_code == 302, placed.context and placed.context.get("error")
        order = Order.objects.get()
        sources = {s.source_type.name: s.amount_allocated for s in order.sources.all()}
        rest = order.total_incl_tax - expected
        assert sources == {
            **({"Credito welfare": expected} if expected else {}),
            "Pagamento alla consegna": rest,
        }
        held = sum(e.held for e in LedgerEntry.objects.filter(order_number=order.number, kind="reserve"))
        assert held == expected
        at_payment.refresh_from_db()
        assert at_payment.reserved == expected and at_payment.balance == Decimal("50.00")
