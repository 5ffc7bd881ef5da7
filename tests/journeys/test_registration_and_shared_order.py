"""Two journeys of issue 19: a visitor registers an account; a supplier cancels its own line
of an order it shares with another supplier.

Screenshots: docs/screenshots/journey-register-*.png, journey-shared-order-*.png.
"""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from selenium.webdriver.common.by import By

from shop.invariants.checks import invariants_check
from tests.browser import check_accessibility, page_text, press, screenshot, sign_in_with_session, type_into
from tests.logistics.conftest import (  # noqa: F401  (fixtures)
    buyer,
    hub,
    predore,
    sarnico,
    villongo,
    zone,
)
from tests.marketplace.conftest import shared_order  # noqa: F401
from tests.marketplace.helpers import refunded

pytestmark = pytest.mark.browser


def test_a_visitor_registers_an_account(browser, live_server, settings):
    settings.AXES_ENABLED = True  # as in production: registration used to answer 500 under axes
    browser.get(live_server.url + reverse("customer:register"))
    type_into(browser, "id_email", "marta.rossi@example.org")
    type_into(browser, "id_password1", "Lago-d-Iseo-2026")
    type_into(browser, "id_password2", "Lago-d-Iseo-2026")
    check_accessibility(browser, "registration")
    screenshot(browser, "journey-register-1-form")
    press(browser, browser.find_element(By.NAME, "registration_submit"))
    assert "Errore del server" not in page_text(browser)
    assert "/accounts/" in browser.current_url
    assert "marta.rossi@example.org" in page_text(browser) or "Esci" in page_text(browser)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["marta.rossi@example.org"]
    screenshot(browser, "journey-register-2-welcome")


def test_a_supplier_cancels_its_own_line_of_a_shared_order(browser, live_server, shared_order):  # noqa: F811
    s = shared_order
    sign_in_with_session(browser, live_server, s.care_supplier)
    browser.get(live_server.url + reverse("dashboard:order-list"))
    assert str(s.order.number) in page_text(browser)
    press(browser, browser.find_element(By.LINK_TEXT, str(s.order.number)))
    text = page_text(browser)
    assert "Assistenza domiciliare" in text and "Miele di castagno" not in text
    assert "buyer@example.it" not in text
    check_accessibility(browser, "supplier order")
    screenshot(browser, "journey-shared-order-1-supplier-view", full_page=True)
    type_into(browser, f"reason-{s.care_line.pk}", "Operatrice in malattia")
    press(browser, browser.find_element(By.CSS_SELECTOR, "button[value=cancel]"))
    assert "aggiornata" in page_text(browser)
    screenshot(browser, "journey-shared-order-2-cancelled", full_page=True)
    s.care_line.refresh_from_db()
    s.honey_line.refresh_from_db()
    s.order.refresh_from_db()
    assert (s.care_line.status, s.honey_line.status) == ("Annullato", "Ricevuto")
    assert s.order.status == "Parzialmente annullato"
    assert refunded(s.order) == {
        "Credito welfare": Decimal("5.00"),
        "Pagamento alla consegna": Decimal("25.00"),
    }
    assert not any(invariants_check().values())
