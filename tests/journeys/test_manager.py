"""Manager journey: log in with a second factor, approve a supplier that signed the charter,
publish its product, and find the product in the shop.

Screenshots: docs/screenshots/journey-manager-*.png (docs/journeys.md).
"""

from decimal import Decimal

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from oscar.core.loading import get_model
from oscar.test import factories as oscar_factories
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from shop.charter import services
from shop.charter.models import Admission
from shop.core.roles import Role, grant_role
from tests.browser import (
    check_accessibility,
    click,
    follow,
    log_in,
    page_text,
    press,
    screenshot,
    type_into,
)
from tests.factories import MunicipalityFactory, ProductClassFactory
from tests.factories.charter import published_version
from tests.journeys.conftest import PASSWORD, totp_token, user_with_password

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")

pytestmark = pytest.mark.browser


def shot(driver, step: str, **kwargs) -> None:
    screenshot(driver, f"journey-manager-{step}", **kwargs)


def applied_supplier_with_a_product():
    """A supplier that applied and signed the charter in force, with a product not yet public."""
    version = published_version(number=1)
    admission = services.supplier_apply(
        legal_name="Apicoltura del Lago s.s.",
        display_name="Apicoltura del Lago",
        vat_number="00743110157",
        seat=MunicipalityFactory(name="Predore", area="Basso Sebino"),
        contact_name="Luca Verdi",
        contact_role="Socio",
        email="luca@apicoltura.example",
        phone="035 111111",
        password="Arnie-sul-lago-2026",
        offers="Miele di acacia e di castagno",
        production_notes="Arnie stanziali sul Sebino",
    )
    services.charter_sign(
        partner=admission.partner,
        version=version,
        actor=admission.applicant,
        signer_name="Luca Verdi",
        signer_role="Legale rappresentante",
        text_sha256=version.text_sha256(),
    )
    product = oscar_factories.ProductFactory(
        title="Miele di castagno 500 g",
        product_class=ProductClassFactory(name="Alimentari", vat_rate="10"),
        is_public=False,
        stockrecords=[],
        categories=[],
    )
    oscar_factories.StockRecordFactory(
        product=product,
        partner=admission.partner,
        price=Decimal("9.50"),
        price_currency="EUR",
        num_in_stock=40,
    )
    ProductCategory.objects.create(product=product, category=Category.add_root(name="Dispensa"))
    return admission, product


def test_manager_approves_the_supplier_and_its_product_goes_on_sale(browser, live_server):
    admission, product = applied_supplier_with_a_product()
    manager = user_with_password(email="gestore@innesto.example", first_name="Giulia", is_staff=True)
    grant_role(manager, Role.MANAGER)
    device = TOTPDevice.objects.create(user=manager, name="app", confirmed=True)
    assert not Product._default_manager.browsable().filter(pk=product.pk).exists()

    # Log in; the dashboard asks for the code of the authenticator app.
    log_in(browser, live_server, manager.email, PASSWORD, next_url=reverse("charter:queue"))
    assert reverse("security:2fa-verify") in browser.current_url
    check_accessibility(browser, "2fa verify")
    shot(browser, "1-2fa-verify")
    type_into(browser, "id_token", totp_token(device))
    press(browser, "Continua")

    assert browser.current_url.endswith(reverse("charter:queue"))
    assert "Apicoltura del Lago" in page_text(browser)
    check_accessibility(browser, "queue")
    shot(browser, "2-queue", full_page=True)
    follow(browser, "Esamina la candidatura")

    # The application, its signature, and the decision.
    assert "Luca Verdi" in page_text(browser)
    Select(browser.find_element(By.ID, "id_action")).select_by_visible_text("Approva")
    check_accessibility(browser, "admission")
    shot(browser, "3-admission", full_page=True)
    press(browser, "Registra la decisione")

    admission.refresh_from_db()
    assert admission.status == Admission.Status.APPROVED and admission.on_sale
    shot(browser, "4-approved", full_page=True)

    # Publish the product in Oscar's dashboard.
    browser.get(live_server.url + reverse("dashboard:catalogue-product", kwargs={"pk": product.pk}))
    public = browser.find_element(By.ID, "id_is_public")
    assert public.is_enabled()
    click(browser, public)
    press(browser, browser.find_element(By.CSS_SELECTOR, "button[name=action][value=save]"))
    product.refresh_from_db()
    assert product.is_public
    assert Product._default_manager.browsable().filter(pk=product.pk).exists()

    # The product in the shop, on sale.
    browser.get(live_server.url + product.get_absolute_url())
    text = page_text(browser)
    assert "Miele di castagno 500 g" in text and "9,50 €" in text and "Apicoltura del Lago" in text
    browser.find_element(By.XPATH, "//button[contains(., 'Aggiungi al carrello')]")
    check_accessibility(browser, "product in the shop")
    shot(browser, "5-product-in-shop")
