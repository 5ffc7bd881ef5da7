"""Checkout's address step with a saved address: no icon-only button without a name (Oscar's
dropdown, axe button-name), and each address offers "Modifica l'indirizzo" and "Cancella" as links
(templates/oscar/checkout/shipping_address.html)."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model
from selenium.webdriver.common.by import By

from shop.core.roles import Role, grant_role
from tests.a11y.sweep import SIZES, check_at_both_sizes
from tests.browser import sign_in_with_session
from tests.factories.eligibility import EmployeeFactory, EmployerFactory
from tests.factories.welfare import funded_plan, product_in
from tests.journeys.conftest import user_with_password

pytestmark = pytest.mark.browser

Country = get_model("address", "Country")
UserAddress = get_model("address", "UserAddress")


def test_address_step_with_a_saved_address_has_named_buttons(browser, live_server, settings):
    settings.LANGUAGE_CODE = "it"
    italy, _ = Country.objects.update_or_create(
        iso_3166_1_a2="IT",
        defaults={"name": "Italia", "printable_name": "Italia", "is_shipping_country": True},
    )
    employer = EmployerFactory()
    user = user_with_password(email="giulia.rossi@example.it", first_name="Giulia", last_name="Rossi")
    EmployeeFactory(employer=employer, user=user, first_name="Giulia", last_name="Rossi")
    grant_role(user, Role.EMPLOYEE)
    funded_plan(employer=employer, amount="10.00")
    UserAddress.objects.create(
        user=user,
        first_name="Giulia",
        last_name="Rossi",
        line1="Via Roma 1",
        line4="Sarnico",
        postcode="24067",
        country=italy,
    )
    product = product_in(category_path="Alimentari > Verdura", price="12.50", title="Cassetta di verdura")

    client = sign_in_with_session(browser, live_server, user)
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    browser.get(live_server.url + reverse("checkout:shipping-address"))

    assert "Via Roma 1" in browser.find_element(By.TAG_NAME, "main").text
    unnamed = [
        button.get_attribute("outerHTML")
        for button in browser.find_elements(By.CSS_SELECTOR, "main button")
        if not (button.text.strip() or button.get_attribute("aria-label"))
    ]
    assert not unnamed
    controls = browser.find_element(By.CSS_SELECTOR, ".address-controls").text
    assert "Modifica l'indirizzo" in controls and "Cancella" in controls
    name = "a11y-employee-checkout-shipping-address"
    check_at_both_sizes(browser, "checkout address with a saved address", {w: f"{name}-{w}" for w in SIZES})
