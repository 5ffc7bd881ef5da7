"""Supplier journey: apply online, sign the ethical charter, add a product with its photo in
Oscar's dashboard (kept off the shop until the manager approves the supplier).

Screenshots: docs/screenshots/journey-supplier-*.png (docs/journeys.md).
"""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model
from PIL import Image
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from shop.charter.models import Admission, Signature
from tests.a11y.sweep import check_at_both_sizes
from tests.browser import check_accessibility, page_text, press, screenshot, type_into
from tests.factories import MunicipalityFactory, ProductClassFactory
from tests.factories.charter import published_version

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")

pytestmark = pytest.mark.browser

APPLICATION = {
    "id_legal_name": "Apicoltura del Lago s.s.",
    "id_display_name": "Apicoltura del Lago",
    "id_vat_number": "IT 00743110157",
    "id_contact_name": "Luca Verdi",
    "id_contact_role": "Socio",
    "id_email": "luca@apicoltura.example",
    "id_phone": "035 111111",
    "id_offers": "Miele di acacia e di castagno",
    "id_production_notes": "Arnie stanziali sul Sebino",
    "id_password1": "Arnie-sul-lago-2026",
    "id_password2": "Arnie-sul-lago-2026",
}


def shot(driver, step: str, **kwargs) -> None:
    screenshot(driver, f"journey-supplier-{step}", **kwargs)


def honey_photo(folder) -> str:
    """A small JPEG, as a phone would give (uploads are checked by content)."""
    path = folder / "miele.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (214, 160, 40)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def open_tab(driver, label: str) -> None:
    tab = f"//a[@data-toggle='tab' and contains(normalize-space(.), '{label}')]"
    driver.find_element(By.XPATH, tab).click()


def test_supplier_signs_the_charter_and_adds_a_product(browser, live_server, tmp_path):
    version = published_version(number=1)
    seat = MunicipalityFactory(name="Predore", area="Basso Sebino")
    ProductClassFactory(name="Alimentari", requires_shipping=True, vat_rate="10")
    Category.add_root(name="Dispensa")

    # Apply: the form creates the supplier and its login, then asks for the signature.
    browser.get(live_server.url + reverse("charter:apply"))
    for field, value in APPLICATION.items():
        type_into(browser, field, value)
    Select(browser.find_element(By.ID, "id_seat")).select_by_visible_text(str(seat))
    # Regression: the Italian introduction used to be printed twice (charter's django.po).
    assert page_text(browser).count("Le imprese e le cooperative sociali") == 1
    check_accessibility(browser, "application")
    shot(browser, "1-application", full_page=True)
    press(browser, "Candidati e vai alla carta")

    assert browser.current_url.endswith(reverse("charter:sign"))
    assert version.preamble in page_text(browser)
    type_into(browser, "id_signer_name", "Luca Verdi")
    type_into(browser, "id_signer_role", "Legale rappresentante")
    browser.find_element(By.ID, "id_accept").click()
    check_accessibility(browser, "sign")
    shot(browser, "2-sign", full_page=True)
    # Not in the page sweep (the demo supplier has signed): its checks here, at both sizes.
    check_at_both_sizes(browser, "charter sign", {"390": "journey-supplier-2-sign-390"}, touch_targets=False)
    press(browser, "Firma per")

    partner = Partner.objects.get(vat_number="00743110157")
    signature = Signature.objects.get(partner=partner)
    assert signature.version == version and signature.signer_name == "Luca Verdi"
    assert partner.admission.status == Admission.Status.APPLIED
    assert browser.current_url.endswith(reverse("charter:mine"))
    check_accessibility(browser, "my charter")
    shot(browser, "3-my-charter", full_page=True)

    # A product in Oscar's dashboard: details, category, price and stock, photo.
    browser.get(live_server.url + reverse("dashboard:catalogue-product-list"))
    Select(browser.find_element(By.ID, "id_product_class")).select_by_visible_text("Alimentari")
    press(browser, "Nuovo prodotto")
    type_into(browser, "id_title", "Miele di castagno 500 g")
    open_tab(browser, "Categorie")
    category = browser.find_element(By.ID, "id_productcategory_set-0-category")
    Select(category).select_by_visible_text("Dispensa")
    open_tab(browser, "Disponibilità e prezzo")
    Select(browser.find_element(By.ID, "id_stockrecords-0-partner")).select_by_visible_text(
        "Apicoltura del Lago"
    )
    type_into(browser, "id_stockrecords-0-partner_sku", "MIELE-CAST-500")
    type_into(browser, "id_stockrecords-0-num_in_stock", "40")
    type_into(browser, "id_stockrecords-0-price", "9,50")
    open_tab(browser, "Immagini")
    browser.find_element(By.ID, "id_images-0-original").send_keys(honey_photo(tmp_path))
    check_accessibility(browser, "product form")
    shot(browser, "4-product-form", full_page=True)
    press(browser, browser.find_element(By.CSS_SELECTOR, "button[name=action][value=continue]"))

    product = Product.objects.get(title="Miele di castagno 500 g")
    assert not product.is_public  # not before the manager approves the supplier
    stock = product.stockrecords.get()
    assert (stock.partner, stock.price, stock.num_in_stock) == (partner, Decimal("9.50"), 40)
    assert product.images.count() == 1
    check_accessibility(browser, "product saved")
    shot(browser, "5-product-saved", full_page=True)
