"""Employee journey: browse, buy an everyday product paying part with welfare credit and the
rest by card (POS at the door), then find the order and the credit spent in the wallet.

Screenshots: docs/screenshots/journey-employee-*.png (docs/journeys.md); the checkout steps also on a
390 px phone (journey-employee-*-390.png), checked like every page of tests/a11y.
"""

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model
from selenium.webdriver.common.by import By

from shop.core.roles import Role, grant_role
from shop.welfare.models import LedgerEntry, Wallet
from tests.a11y.sweep import check_at_both_sizes
from tests.browser import check_accessibility, follow, log_in, page_text, press, screenshot, type_into
from tests.factories.eligibility import EmployeeFactory, EmployerFactory
from tests.factories.welfare import funded_plan, product_in
from tests.journeys.conftest import PASSWORD, user_with_password

Order = get_model("order", "Order")
Partner = get_model("partner", "Partner")

pytestmark = pytest.mark.browser


def shot(driver, step: str, **kwargs) -> None:
    screenshot(driver, f"journey-employee-{step}", **kwargs)


def check_checkout_step(driver, step: str) -> None:
    """The page sweep's checks at 1280×800 and on a 390×844 phone (tests/a11y/sweep.py): the
    checkout steps need this basket, so the page sweep cannot reach them."""
    name = f"journey-employee-{step}"
    check_at_both_sizes(driver, f"checkout {step}", {"1280": name, "390": f"{name}-390"})


def test_employee_buys_with_credit_and_card(browser, live_server):
    employer = EmployerFactory(legal_name="Cooperativa Il Sorriso")
    user = user_with_password(email="giulia.rossi@example.it", first_name="Giulia", last_name="Rossi")
    EmployeeFactory(employer=employer, user=user, first_name="Giulia", last_name="Rossi")
    grant_role(user, Role.EMPLOYEE)
    plan = funded_plan(employer=employer, amount="10.00", name="Piano welfare")
    vegetables = product_in(
        category_path="Alimentari > Verdura", price="12.50", title="Cassetta di verdura di stagione"
    )
    Partner.objects.filter(stockrecords__product=vegetables).update(name="Orto del Sebino")

    log_in(browser, live_server, user.email, PASSWORD)
    assert "Bentornato/a" in page_text(browser)
    assert "Credito welfare: 10,00 €" in page_text(browser)

    # Browse: the home page shows the newest goods; open the vegetables.
    follow(browser, "Pagina iniziale")
    check_accessibility(browser, "home")
    shot(browser, "1-home")
    follow(browser, "Cassetta di verdura di stagione")
    check_accessibility(browser, "product")
    shot(browser, "2-product")
    press(browser, "Aggiungi al carrello")

    # Two boxes: the quantity is changed in the basket.
    browser.get(live_server.url + reverse("basket:summary"))
    assert "Cassetta di verdura di stagione" in page_text(browser)
    type_into(browser, "id_form-0-quantity", "2")
    press(browser, "Aggiorna")
    assert "25,00 €" in page_text(browser)
    # Regressions: Oscar's message in Italian, and the header's basket redrawn with the body.
    assert "Il totale del carrello ora è" in page_text(browser)
    summary = browser.find_element(By.CSS_SELECTOR, ".basket-summary").text
    assert "2" in summary and "25,00 €" in summary, summary
    check_accessibility(browser, "basket")
    shot(browser, "3-basket")
    follow(browser, "Vai alla cassa")

    # Delivery address: typed in, the only shipping method is chosen by itself.
    for field, value in {
        "id_first_name": "Giulia",
        "id_last_name": "Rossi",
        "id_line1": "Via Roma 1",
        "id_line4": "Sarnico",
        "id_postcode": "24067",
    }.items():
        type_into(browser, field, value)
    check_checkout_step(browser, "4-address")
    press(browser, "Continua")

    # Payment: 10,00 € of credit (all there is), the rest by card at the door.
    assert browser.current_url.endswith(reverse("checkout:payment-details"))
    credit = browser.find_element(By.ID, "id_credit")
    assert credit.get_attribute("value") == "10,00"
    sentence = browser.find_element(By.ID, "rest-at-door")
    assert sentence.get_attribute("aria-live") == "polite"
    assert "con 10,00 € di credito welfare, 15,00 € restano" in " ".join(sentence.text.split())
    credit.clear()
    credit.send_keys("2,5")  # the sentence follows what is typed, in cents
    assert "con 2,50 € di credito welfare, 22,50 € restano" in " ".join(sentence.text.split())
    credit.send_keys("x")  # not an amount: the sentence keeps the last good one
    assert "22,50 € restano" in " ".join(sentence.text.split())
    credit.clear()
    credit.send_keys("10,00")
    assert "con 10,00 € di credito welfare, 15,00 € restano" in " ".join(sentence.text.split())
    browser.find_element(By.CSS_SELECTOR, "input[name=rest_method][value=pos]").click()
    check_checkout_step(browser, "5-payment")
    press(browser, "Continua")

    text = page_text(browser)
    assert "POS" in text and "10,00" in text and "15,00" in text, text
    check_checkout_step(browser, "6-preview")
    press(browser, browser.find_element(By.ID, "place-order"))

    order = Order.objects.get(user=user)
    assert order.number in page_text(browser)
    check_checkout_step(browser, "7-thank-you")

    sources = {s.source_type.name: s.amount_allocated for s in order.sources.all()}
    assert sources == {"Credito welfare": Decimal("10.00"), "Pagamento alla consegna": Decimal("15.00")}
    assert order.total_incl_tax == Decimal("25.00")
    wallet = Wallet.objects.get(employee__user=user, plan=plan)
    assert wallet.available == Decimal("0.00")
    assert LedgerEntry.objects.filter(wallet=wallet, order_number=order.number, kind="reserve").exists()

    # The order in the account, and the credit it holds in the wallet's ledger.
    browser.get(live_server.url + reverse("customer:order", kwargs={"order_number": order.number}))
    text = page_text(browser)
    assert "Cassetta di verdura di stagione" in text
    # How it is paid, on the order page: the credit, and what the driver collects by POS.
    payment = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=order-payment]").text
    payment = " ".join(payment.split())
    assert "Credito welfare 10,00 €" in payment and "Pagamento alla consegna 15,00 €" in payment, payment
    check_accessibility(browser, "order")
    shot(browser, "8-order", full_page=True)

    browser.get(live_server.url + reverse("welfare:wallet"))
    text = page_text(browser)
    assert order.number in text and "Piano welfare" in text, text
    check_accessibility(browser, "wallet")
    shot(browser, "9-wallet", full_page=True)
