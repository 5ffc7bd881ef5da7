"""A home-care service booked end to end in headless Chromium: the employee picks a day, a
time, the municipality and the address, pays with welfare credit; the supplier sees it in its
calendar and confirms it from the inbox; the buyer finds it confirmed on the bookings page.
axe-core checks every screen (no critical or serious violation).

Screenshots: docs/screenshots/bookings-*.png (docs/bookings.md).
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from shop.bookings.models import Booking, ServiceCalendar
from shop.welfare.models import Wallet
from tests.browser import (
    check_accessibility,
    follow,
    log_in,
    page_text,
    press,
    screenshot,
    sign_out,
    type_into,
)
from tests.factories import MunicipalityFactory, PartnerFactory
from tests.factories.bookings import service_calendar
from tests.factories.eligibility import EmployeeFactory, EmployerFactory, UserFactory
from tests.factories.welfare import funded_plan

Country = get_model("address", "Country")
Order = get_model("order", "Order")

BUYER_PASSWORD = "pw-Segreta-2026"  # UserFactory's
SUPPLIER_PASSWORD = "pw-Fornitore-2026"  # tests.factories.charter.supplier_user's


pytestmark = pytest.mark.browser


def shot(driver, step: str, **kwargs) -> None:
    screenshot(driver, f"bookings-{step}", **kwargs)


@pytest.fixture
def shop(settings, db):
    settings.LANGUAGE_CODE = "it"
    Country.objects.update_or_create(
        iso_3166_1_a2="IT",
        defaults={"name": "Italia", "printable_name": "Italia", "is_shipping_country": True},
    )
    grone = MunicipalityFactory(istat_code="016119", name="Grone")
    casazza = MunicipalityFactory(istat_code="016063", name="Casazza")
    supplier = PartnerFactory(name="Cura Casa Sebino", phone="+39 035 811 234", seat=casazza)
    supplier.served_municipalities.set([grone, casazza])
    calendar = service_calendar(
        partner=supplier,
        title="Assistenza domiciliare a un familiare anziano (3 ore)",
        price="66.00",
        where=ServiceCalendar.Where.HOME,
        weekdays=(0, 1, 2, 3, 4),
        windows=((datetime.time(9), datetime.time(12)), (datetime.time(14), datetime.time(17))),
        slot_minutes=180,
        default_capacity=2,
        min_notice_hours=24,
        horizon_days=60,
        cancel_free_hours=48,
        confirm_within_hours=24,
    )
    employer = EmployerFactory(legal_name="La Cordata cooperativa sociale")
    buyer = UserFactory(email="fabio.belotti@example.it", first_name="Fabio", last_name="Belotti")
    EmployeeFactory(
        employer=employer, user=buyer, first_name="Fabio", last_name="Belotti", home_municipality=grone
    )
    funded_plan(employer=employer, amount="500.00", name="Piano welfare 2026")
    return calendar, buyer


def sign_in(driver, live_server, email: str, password: str) -> None:
    """Log in through the login page and wait for the signed-in page before going elsewhere
    (navigating on at once could cancel the login's response and its session cookie)."""
    from selenium.webdriver.support.ui import WebDriverWait

    log_in(driver, live_server, email, password)
    WebDriverWait(driver, 20).until(lambda d: "Esci" in page_text(d))


def test_home_care_booked_paid_with_credit_confirmed_by_the_supplier(browser, live_server, shop):
    calendar, buyer = shop
    product = calendar.product
    supplier_user = calendar.partner.users.get()

    # The employee picks the second day offered, its first time, Grone and the address.
    sign_in(browser, live_server, buyer.email, BUYER_PASSWORD)
    browser.get(live_server.url + product.get_absolute_url())
    days = browser.find_elements(By.CSS_SELECTOR, ".booking-days a")
    assert len(days) >= 2, page_text(browser)
    follow(browser, days[1].text)
    browser.find_element(By.ID, "slot-1").click()
    Select(browser.find_element(By.NAME, "municipality")).select_by_visible_text("Grone")
    browser.find_element(By.NAME, "address").send_keys("Via Roma 12")
    assert "disdetta gratuita fino a 48 ore" in page_text(browser), page_text(browser)
    check_accessibility(browser, "product page")
    browser.execute_script("document.getElementById('booking-panel-title').scrollIntoView();")
    shot(browser, "1-product")
    press(browser, "Prenota e aggiungi al carrello")

    # The basket holds the booked line with its date.
    assert browser.current_url.endswith(reverse("basket:summary"))
    booking = Booking.objects.get(buyer=buyer)
    assert booking.status == Booking.Status.HELD and booking.address == "Via Roma 12"
    assert booking.reference in page_text(browser)
    check_accessibility(browser, "basket")
    shot(browser, "2-basket")
    follow(browser, "Vai alla cassa")

    # Paid entirely with welfare credit.
    credit = browser.find_element(By.ID, "id_credit")
    assert credit.get_attribute("value") == "66,00"
    press(browser, "Continua")
    press(browser, browser.find_element(By.ID, "place-order"))
    order = Order.objects.get(user=buyer)
    assert order.number in page_text(browser)
    sources = {s.source_type.name: s.amount_allocated for s in order.sources.all()}
    assert sources == {"Credito welfare": Decimal("66.00")}
    booking.refresh_from_db()
    assert booking.status == Booking.Status.PENDING and booking.order_line.order == order

    # The supplier sees the place taken in its week and confirms from the inbox.
    sign_out(browser)
    sign_in(browser, live_server, supplier_user.email, SUPPLIER_PASSWORD)
    browser.get(live_server.url + reverse("bookings-dashboard:calendar", args=[calendar.stockrecord_id]))
    assert "Orari settimanali" in page_text(browser)
    check_accessibility(browser, "calendar settings")
    shot(browser, "3-calendar", full_page=True)
    follow(browser, "Prossimi sette giorni")
    assert "1/2" in page_text(browser), page_text(browser)
    check_accessibility(browser, "week")
    shot(browser, "4-week", full_page=True)

    # A closure typed the Italian way (dd/mm/yyyy), three weeks ahead.
    follow(browser, "Chiusure e aperture straordinarie")
    closed = timezone.localdate() + datetime.timedelta(days=21)
    type_into(browser, "id_closure-date_from", f"{closed:%d/%m/%Y}")
    type_into(browser, "id_closure-date_to", f"{closed:%d/%m/%Y}")
    type_into(browser, "id_closure-reason", "Formazione del personale")
    press(browser, "Aggiungi la chiusura")
    assert "Chiusura aggiunta" in page_text(browser)
    assert calendar.closures.get().date_from == closed
    check_accessibility(browser, "closures")
    shot(browser, "5-closures", full_page=True)

    browser.get(live_server.url + reverse("bookings-dashboard:inbox"))
    text = page_text(browser)
    assert booking.reference in text and "Fabio Belotti" in text and "Via Roma 12" in text
    assert buyer.email not in text
    check_accessibility(browser, "inbox")
    shot(browser, "6-inbox")
    press(browser, "Conferma")
    assert "confermata" in page_text(browser)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED and booking.answered_by == supplier_user

    # The buyer finds it confirmed, with the credit spent.
    sign_out(browser)
    sign_in(browser, live_server, buyer.email, BUYER_PASSWORD)
    browser.get(live_server.url + reverse("bookings:mine"))
    text = page_text(browser)
    assert booking.reference in text and "onfermat" in text, text
    check_accessibility(browser, "buyer's bookings")
    shot(browser, "7-buyer")
    wallet = Wallet.objects.get(employee__user=buyer)
    assert wallet.available == Decimal("434.00")
