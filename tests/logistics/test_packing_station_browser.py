"""The packing station driven end to end in headless Chromium, with an axe-core check per screen.

Needs Debian's chromium and chromium-driver, and selenium; axe-core is read from AXE_CORE_JS
(default: var/node_modules/axe-core/axe.min.js, installed by
``npm install --prefix var axe-core``). Screenshots go to docs/screenshots/logistics-packing-*.png.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from shop.logistics.models import Box, BoxItem
from tests.logistics.factories import boxed_product, paid_order
from tests.logistics.helpers import packable_boxes
from tests.welfare.factories import funded_plan

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
SCREENSHOTS = Path(django_settings.BASE_DIR) / "docs" / "screenshots"
MIN_TARGET_PX = 48

pytestmark = pytest.mark.browser


def axe_source() -> str | None:
    path = Path(
        os.environ.get("AXE_CORE_JS")
        or Path(django_settings.BASE_DIR) / "var/node_modules/axe-core/axe.min.js"
    )
    return path.read_text() if path.is_file() else None


@pytest.fixture
def browser():
    if not (shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER)):
        pytest.skip(f"{CHROMIUM} or {CHROMEDRIVER} missing: apt-get install chromium chromium-driver")
    webdriver = pytest.importorskip(
        "selenium.webdriver", reason="selenium is not installed (pip install -e .[test])"
    )
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1180,1400",
        "--force-device-scale-factor=1",
        "--lang=it",
    ):
        options.add_argument(arg)
    # The tablet asks for Italian, as the trainees' tablets do.
    options.add_experimental_option("prefs", {"intl.accept_languages": "it-IT,it"})
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=CHROMEDRIVER), options=options)
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


def check_accessibility(driver, source: str | None, screen: str) -> None:
    if source is None:
        print(f"axe-core not found (AXE_CORE_JS): accessibility check of {screen} skipped")
        return
    driver.execute_script(source)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', "
        "values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
        ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length}))))"
        ".catch(e => done([{id: 'axe-error ' + e, impact: 'critical', nodes: 0}]));"
    )
    serious = [v for v in result if v["impact"] in ("serious", "critical")]
    assert not serious, f"{screen}: {serious}"


def shot(driver, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SCREENSHOTS / f"logistics-packing-{name}.png"))


def press(driver, text: str, touch: bool = True):
    """Click the visible button with ``text``, first checking it is a touch-sized target."""
    from selenium.webdriver.common.by import By

    button = driver.find_element(By.XPATH, f"//button[contains(normalize-space(.), '{text}')]")
    size = button.size
    if touch:
        assert size["width"] >= MIN_TARGET_PX and size["height"] >= MIN_TARGET_PX, (text, size)
    button.click()
    # Every station button posts a form: wait for the next page before looking at it.
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 20).until(expected_conditions.staleness_of(button))


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
    axe = axe_source()

    client = Client()
    client.force_login(operator_user)
    browser.get(live_server.url + "/")
    browser.add_cookie(
        {
            "name": django_settings.SESSION_COOKIE_NAME,
            "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
            "path": "/",
        }
    )
    browser.get(live_server.url + reverse("logistics:trainees"))
    press(browser, "T-07", touch=False)  # operator page: "Apri la sessione per T-07" hands the tablet over

    assert browser.current_url.endswith(reverse("logistics:station"))
    check_accessibility(browser, axe, "start")
    shot(browser, "1-start")
    press(browser, "scatola")  # "Inizia una scatola"

    check_accessibility(browser, axe, "item")
    shot(browser, "2-item")
    press(browser, "Fatto")
    check_accessibility(browser, axe, "after done")
    shot(browser, "3-done")
    press(browser, "Manca")
    press(browser, "Torna indietro")  # undo the "Manca" ...
    press(browser, "Manca")  # ... and say it again
    shot(browser, "4-missing")
    press(browser, "Fatto")

    check_accessibility(browser, axe, "close")
    shot(browser, "5-close")
    press(browser, "Chiudi la scatola")
    check_accessibility(browser, axe, "closed")
    shot(browser, "6-closed")

    box.refresh_from_db()
    assert box.status == Box.Status.PACKED
    statuses = list(box.items.order_by("pk").values_list("status", "refunded_amount"))
    assert statuses == [
        (BoxItem.Status.DONE, None),
        (BoxItem.Status.MISSING, eggs.stockrecords.get().price),
        (BoxItem.Status.DONE, None),
    ]

    press(browser, "Ho finito")
    assert browser.current_url.endswith(reverse("logistics:station-bye"))
