"""The packing station driven end to end in headless Chromium, with an axe-core check per screen.

Chromium and axe-core come from tests/browser.py (skipped without them). Screenshots go to
docs/screenshots/logistics-packing-*.png.
"""

import pytest
from django.urls import reverse

from shop.logistics.models import Box, BoxItem
from tests.browser import check_accessibility, press, screenshot, sign_in_with_session
from tests.factories.logistics import boxed_product, paid_order
from tests.factories.welfare import funded_plan
from tests.logistics.helpers import packable_boxes

MIN_TARGET_PX = 48

pytestmark = pytest.mark.browser


def shot(driver, name: str) -> None:
    screenshot(driver, f"logistics-packing-{name}")


@pytest.mark.django_db(transaction=True)
def test_trainee_packs_a_box_with_one_item_missing(
    browser, live_server, settings, buyer, employer, zone, trainee, operator_user, no_auto_assign
):
    settings.LANGUAGE_CODE = "it"
    funded_plan(employer=employer)
    honey = boxed_product(title="Miele di castagno", price="9.00")
    eggs = boxed_product(title="Uova fresche", price="3.20")
    apples = boxed_product(title="Mele di collina", price="5.50")
    (box,) = packable_boxes([paid_order(user=buyer, lines=[(honey, 2), (eggs, 1), (apples, 3)])])
    browser.set_window_size(1180, 1400)
    browser.implicitly_wait(5)

    sign_in_with_session(browser, live_server, operator_user)
    browser.get(live_server.url + reverse("logistics:trainees"))
    press(browser, "T-07")  # operator page: "Apri la sessione per T-07" hands the tablet over

    assert browser.current_url.endswith(reverse("logistics:station"))
    check_accessibility(browser, "start")
    shot(browser, "1-start")
    press(browser, "scatola", MIN_TARGET_PX)  # "Inizia una scatola"

    check_accessibility(browser, "item")
    shot(browser, "2-item")
    press(browser, "Fatto", MIN_TARGET_PX)
    check_accessibility(browser, "after done")
    shot(browser, "3-done")
    press(browser, "Manca", MIN_TARGET_PX)
    press(browser, "Torna indietro", MIN_TARGET_PX)  # undo the "Manca" ...
    press(browser, "Manca", MIN_TARGET_PX)  # ... and say it again
    shot(browser, "4-missing")
    press(browser, "Fatto", MIN_TARGET_PX)

    check_accessibility(browser, "close")
    shot(browser, "5-close")
    press(browser, "Chiudi la scatola", MIN_TARGET_PX)
    check_accessibility(browser, "closed")
    shot(browser, "6-closed")

    box.refresh_from_db()
    assert box.status == Box.Status.PACKED
    statuses = list(box.items.order_by("pk").values_list("status", "refunded_amount"))
    assert statuses == [
        (BoxItem.Status.DONE, None),
        (BoxItem.Status.MISSING, eggs.stockrecords.get().price),
        (BoxItem.Status.DONE, None),
    ]

    press(browser, "Ho finito", MIN_TARGET_PX)
    assert browser.current_url.endswith(reverse("logistics:station-bye"))
