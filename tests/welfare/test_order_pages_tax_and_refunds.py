"""What the buyer reads about an order: the rest to pay at the door, the art. 51 treatment of
each line, the credit kept after a refund, and why no new claim can be filed."""

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from shop.core.roles import Role, grant_role
from shop.welfare.services import order_line_refund
from tests.factories.eligibility import UserFactory
from tests.factories.welfare import product_in
from tests.welfare import test_checkout_with_credit as checkout
from tests.welfare.fiscal_factories import file_claim
from tests.welfare.test_checkout_with_credit import choose_payment, fill_basket_and_address, place_order

Order = get_model("order", "Order")

# The checkout tests' fixtures: an IT shipping country, and a 50 € wallet for "Servizi".
shop_ready = checkout.shop_ready
wallet = checkout.wallet


@pytest.fixture
def products(db):
    return (
        product_in(
            category_path="Servizi > Assistenza", price="40.00", benefit_type="c2_fter", title="Badante"
        ),
        product_in(category_path="Alimentari > Verdura", price="12.50", benefit_type="c3", title="Zucchine"),
    )


def text_of(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", response.content.decode()).split())


@pytest.fixture
def order(client, employee_user, wallet, products):
    client.force_login(employee_user)
    fill_basket_and_address(client, [(products[0], 1), (products[1], 2)])
    choose_payment(client, "40,00")
    response = place_order(client)
    assert response.status_code == 302
    return Order.objects.get(user=employee_user)


def test_the_payment_step_says_what_is_left_to_pay_at_the_door(client, employee_user, wallet, products):
    client.force_login(employee_user)
    fill_basket_and_address(client, [(products[0], 1), (products[1], 2)])
    page = client.get(reverse("checkout:payment-details"))
    total = page.context["order_total"].incl_tax
    rest = f"{total - Decimal('40.00'):.2f}".replace(".", ",")
    assert f"con 40,00 € di credito welfare, {rest} € restano da pagare alla consegna" in text_of(page)


def test_without_usable_credit_the_payment_step_says_everything_is_paid_at_the_door(
    client, employee_user, wallet, products
):
    client.force_login(employee_user)
    fill_basket_and_address(client, [(products[1], 2)])  # vegetables: outside the plan
    page = client.get(reverse("checkout:payment-details"))
    total = f"{page.context['order_total'].incl_tax:.2f}".replace(".", ",")
    assert f"Paghi tutto l'ordine, {total} €, alla consegna." in text_of(page)


def test_new_order_numbers_follow_the_demo_format(order):
    assert re.fullmatch(rf"W{timezone.localdate().year}-\d{{4,}}", order.number), order.number


def test_thank_you_and_order_pages_give_each_lines_art_51_treatment(client, order):
    thanks = text_of(client.get(reverse("checkout:thank-you")))
    page = text_of(client.get(reverse("customer:order", args=[order.number])))
    for text in (thanks, page):
        assert "Come è trattato il tuo credito welfare ai fini fiscali (art. 51 TUIR)" in text
        assert "Badante: Art. 51 c.2 lett. f-ter" in text
        assert "Zucchine × 2: Art. 51 c.3" in text


def test_after_a_refund_the_order_shows_the_credit_kept(client, order):
    care = order.lines.get(title="Badante")
    order_line_refund(line=care, reference="test-refund-1", reason="Prenotazione rifiutata")
    text = text_of(client.get(reverse("customer:order", args=[order.number])))
    payment = text[text.index("Pagamento Credito welfare") :]
    assert payment.startswith("Pagamento Credito welfare 0,00 €")
    assert "Pagati 40,00 € al momento dell'ordine, 40,00 € restituiti per prodotti annullati." in payment


def test_another_customer_sees_neither_the_order_nor_its_treatment(order):
    other = Client()
    other.force_login(UserFactory())
    assert other.get(reverse("customer:order", args=[order.number])).status_code == 404


def test_an_order_without_credit_has_no_tax_section(client, employee_user, wallet, products):
    client.force_login(employee_user)
    fill_basket_and_address(client, [(products[1], 1)])
    choose_payment(client, "0")
    place_order(client)
    order = Order.objects.get(user=employee_user)
    assert "art. 51 TUIR" not in text_of(client.get(reverse("customer:order", args=[order.number])))


# --- Reimbursement claims ---------------------------------------------------------------------


def test_with_no_credit_left_the_claims_page_says_why_there_is_no_button(client, employee_user, wallet):
    client.force_login(employee_user)
    page = client.get(reverse("welfare:claim-list"))
    assert "Nuovo rimborso su" in text_of(page) and 'id="claim-refusal"' not in page.content.decode()
    file_claim(user=employee_user, wallet=wallet, amount=Decimal("50.00"))  # holds the whole credit
    text = text_of(client.get(reverse("welfare:claim-list")))
    assert "Nuovo rimborso su" not in text
    assert "Non puoi chiedere un nuovo rimborso: il credito welfare del tuo piano è esaurito" in text


def test_without_a_running_plan_the_claims_page_says_so(client, employee_user):
    client.force_login(employee_user)
    text = text_of(client.get(reverse("welfare:claim-list")))
    assert "Non puoi chiedere un nuovo rimborso: oggi non hai un piano welfare in corso." in text


def test_the_managers_claims_list_shows_the_kind_of_expense_not_its_code(client, employee_user, wallet):
    file_claim(user=employee_user, wallet=wallet, amount=Decimal("30.00"))
    reviewer = UserFactory(is_staff=True)
    grant_role(reviewer, Role.MANAGER)
    client.force_login(reviewer)
    html = client.get(reverse("welfare:claim-review-list")).content.decode()
    assert "c2_fbis" not in html
    assert "Art. 51 c.2 lett. f-bis: servizi di educazione, istruzione e cura per i familiari" in html
