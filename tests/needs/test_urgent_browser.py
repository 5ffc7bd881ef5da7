"""The Urgent page in headless Chromium: the earliest free slot of a service's calendar within
48 hours, booked from the page into the basket. Screenshot: docs/screenshots/bookings-8-urgent.png.
"""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model
from selenium.webdriver.common.by import By

from shop.bookings.models import Booking
from shop.needs.models import Need
from shop.needs.taxonomy import taxonomy_apply
from tests.browser import check_accessibility, page_text, press, screenshot, sign_in_with_session
from tests.needs.conftest import GRONE
from tests.needs.test_urgent_calendar import carer, local_day, opening  # noqa: F401 (carer: fixture)

Category = get_model("catalogue", "Category")

pytestmark = pytest.mark.browser


def test_urgent_slot_is_booked_from_the_urgent_page(browser, live_server, settings, employee, carer, places):  # noqa: F811
    settings.LANGUAGE_CODE = "it"
    # Browser tests flush the database between tests: the seeded taxonomy may be gone.
    taxonomy_apply(Need=Need, Category=Category)
    start = opening(carer, day=local_day(1), hour=10)
    opening(carer, day=local_day(1), hour=15)

    sign_in_with_session(browser, live_server, employee.user)
    browser.get(live_server.url + reverse("needs:urgent") + f"?situation=figlio-malato&municipality={GRONE}")
    text = page_text(browser)
    assert "Baby sitter a domicilio" in text and "primo orario libero" in text, text
    assert f"{start.hour:02d}:00–{start.hour + 1:02d}:00" in text
    browser.find_element(By.NAME, "address").send_keys("Via Roma 3")
    check_accessibility(browser, "urgent page")
    screenshot(browser, "bookings-8-urgent", full_page=True)
    press(browser, "Prenota questo orario")

    assert browser.current_url.endswith(reverse("basket:summary"))
    booking = Booking.objects.get(buyer=employee.user)
    assert (booking.status, booking.starts_at, booking.address) == (Booking.Status.HELD, start, "Via Roma 3")
