"""Oscar's dashboard, as the supplier and the manager use it, passes axe-core with no rule let
through: every main page of each role, Oscar's own and the shop's extra ones.

The fixes: static/shop/css/dashboard.css (contrast), static/shop/js/dashboard.js (names for
Oscar's unlabelled controls), templates/oscar/dashboard/layout.html (navbar list),
index.html and orders/order_detail.html (docs/journeys.md, "The dashboard"). Screenshots:
docs/screenshots/dashboard-*.png.
"""

import datetime
import time
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from oscar.core.loading import get_model
from oscar.test.factories import create_order
from selenium.webdriver.common.by import By

from shop.core.roles import Role, grant_role
from shop.needs.models import Need
from tests.browser import (
    check_accessibility,
    click,
    load_axe_with_every_page,
    screenshot,
    sign_in_with_session,
)
from tests.factories import PartnerFactory
from tests.factories.bookings import booking_made, service_calendar
from tests.factories.charter import published_version, supplier_user
from tests.factories.logistics import basket_with, boxed_product, record_sources
from tests.journeys.conftest import user_with_password

pytestmark = pytest.mark.browser

Partner = get_model("partner", "Partner")

# Bootstrap's .fade transition is 0.15 s.
FADE_SECONDS = 0.3
# Screens kept in docs/screenshots/dashboard-<name>.png.
SHOTS = {"manager-index", "manager-order", "manager-product", "supplier-orders", "supplier-bookings-week"}


def a_supplier_with_a_product_an_order_and_a_booking():
    published_version(number=1)
    partner = PartnerFactory(name="Orto del Sebino")  # approved, charter signed
    supplier = supplier_user(partner, email="fornitore@orto.example")
    product = boxed_product(title="Cassetta di verdure", price="12.50", partner=partner)
    buyer = user_with_password(email="fabio@lacordata.example", first_name="Fabio")
    order = create_order(basket=basket_with(user=buyer, lines=[(product, 2)]), user=buyer)
    record_sources(order, credit=Decimal("0.00"))  # paid at the door
    calendar = service_calendar(partner=partner, title="Consulenza dell'orto")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    start = datetime.datetime.combine(tomorrow, datetime.time(10), tzinfo=timezone.get_current_timezone())
    booking_made(calendar=calendar, buyer=buyer, start=start)
    return supplier, partner, product, order, calendar


def a_manager_with_second_factor(browser, live_server):
    manager = user_with_password(email="gestore@orto.example", first_name="Giulia", is_staff=True)
    grant_role(manager, Role.MANAGER)
    device = TOTPDevice.objects.create(user=manager, name="app", confirmed=True)
    client = sign_in_with_session(browser, live_server, manager)
    # The second factor proved, as the verify page leaves it (the manager journey types it).
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return manager


def oscar_pages(product, order) -> dict[str, str]:
    """Oscar's own pages both roles work in."""
    return {
        "index": reverse("dashboard:index"),
        "products": reverse("dashboard:catalogue-product-list"),
        "product": reverse("dashboard:catalogue-product", kwargs={"pk": product.pk}),
        "orders": reverse("dashboard:order-list"),
        "order": reverse("dashboard:order-detail", kwargs={"number": order.number}),
    }


def shown(browser, pane: str) -> None:
    """Wait for Bootstrap's fade between tab panes to end (axe would see half-faded text)."""
    from selenium.webdriver.support.ui import WebDriverWait

    script = "const pane = document.querySelector(arguments[0]); return pane.matches('.active');"
    WebDriverWait(browser, 5).until(lambda driver: driver.execute_script(script, pane), pane)
    time.sleep(FADE_SECONDS)


def check_pages(browser, live_server, role: str, pages: dict[str, str]) -> None:
    load_axe_with_every_page(browser)
    for name, url in pages.items():
        browser.get(live_server.url + url)
        assert browser.find_elements(By.CSS_SELECTOR, "link[href$='shop/css/dashboard.css']"), (name, url)
        assert "/accounts/login/" not in browser.current_url, (name, url)
        check_accessibility(browser, f"{role} {name}")
        if f"{role}-{name}" in SHOTS:
            screenshot(browser, f"dashboard-{role}-{name}", full_page=True)
        # The other tabs (product form, order page): a hidden pane is not checked until shown.
        for tab in browser.find_elements(By.CSS_SELECTOR, "a[data-toggle=tab]:not(.active)"):
            click(browser, tab)
            shown(browser, tab.get_attribute("hash"))
            check_accessibility(browser, f"{role} {name} {tab.get_attribute('hash')}")


def test_dashboard_pages_pass_axe_for_supplier_and_manager(browser, live_server):
    supplier, partner, product, order, calendar = a_supplier_with_a_product_an_order_and_a_booking()
    need = Need.objects.first() or Need.objects.create(
        slug="spesa-settimanale", name="Spesa settimanale", concerns=Need.Concerns.HOUSEHOLD
    )
    supplier_pages = {
        **oscar_pages(product, order),
        "charter": reverse("charter:mine"),
        "bookings-inbox": reverse("bookings-dashboard:inbox"),
        "bookings-calendars": reverse("bookings-dashboard:calendars"),
        "bookings-calendar": reverse(
            "bookings-dashboard:calendar", kwargs={"record": calendar.stockrecord_id}
        ),
        "bookings-week": reverse("bookings-dashboard:week", kwargs={"record": calendar.stockrecord_id}),
        "urgent-requests": reverse("needs:supplier-requests"),
    }
    sign_in_with_session(browser, live_server, supplier)
    check_pages(browser, live_server, "supplier", supplier_pages)

    a_manager_with_second_factor(browser, live_server)
    manager_pages = {
        **oscar_pages(product, order),
        "partners": reverse("dashboard:partner-list"),
        "partner": reverse("dashboard:partner-manage", kwargs={"pk": partner.pk}),
        "charter-queue": reverse("charter:queue"),
        "charter-suppliers": reverse("charter:suppliers"),
        "charter-admission": reverse("charter:admission", kwargs={"pk": partner.admission.pk}),
        "charter-versions": reverse("charter:versions"),
        "bookings-inbox": reverse("bookings-dashboard:inbox"),
        "bookings-calendars": reverse("bookings-dashboard:calendars"),
        "reports": reverse("reports:manager"),
        "reports-funder": reverse("reports:funder"),
        "needs": reverse("needs:dashboard-needs"),
        "need-form": reverse("needs:dashboard-need-create"),
        "needs-coverage": reverse("needs:dashboard-coverage"),
        "territory-coverage": reverse("km0:coverage-map"),
        "territory-share": reverse("km0:share-map"),
        "need": reverse("needs:dashboard-need", kwargs={"pk": need.pk}),
    }
    check_pages(browser, live_server, "manager", manager_pages)
