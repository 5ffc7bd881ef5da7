"""Every step of the packing station fits one screen at 1024×768, 1280×800 and 390×844.

Headless Chromium with the viewport set exactly (DevTools device metrics): on a box with a long
product name and on a box with two look-alike honeys, the picture, the name, the quantity and
the Fatto / Manca / Torna indietro buttons lie inside the viewport, every target is at least
48 px, the look-alike word is shown large, and axe-core finds nothing serious. Screenshots:
docs/screenshots/logistics-station-<screen>-<width>x<height>.png.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from shop.logistics.models import PictogramRule, WorkSession
from shop.logistics.selectors import session_figures
from tests.browser import check_accessibility, press, screenshot, sign_in_with_session
from tests.factories.logistics import boxed_product, paid_order
from tests.factories.welfare import funded_plan
from tests.logistics.helpers import packable_boxes

pytestmark = pytest.mark.browser

MIN_TARGET_PX = 48
SIZES = [(1024, 768), (1280, 800), (390, 844)]
LONG_TITLE = (
    "Formaggella stagionata delle malghe della Val Cavallina con latte crudo di vacca bruna "
    "alpina, affinata in cantina naturale per quaranta giorni — forma intera circa 1,5 kg"
)
# What the station's pictograms need, as migration 0003 seeds it (transactional tests flush it).
RULES = [("miele", "honey"), ("formagg", "cheese"), ("uova", "eggs"), ("mele", "fruit")]

GEOMETRY = """
const r = arguments[0].getBoundingClientRect();
return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height,
        vw: document.documentElement.clientWidth, vh: window.innerHeight};
"""


def set_viewport(driver, width: int, height: int) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )


def find(driver, css: str):
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, css)


def button(driver, text: str):
    from selenium.webdriver.common.by import By

    return driver.find_element(By.XPATH, f"//button[contains(normalize-space(.), '{text}')]")


def assert_in_viewport(driver, element, what: str, *, target: bool = False, min_height: int = 1) -> None:
    box = driver.execute_script(GEOMETRY, element)
    inside = box["left"] >= 0 and box["top"] >= 0 and box["right"] <= box["vw"] + 0.5
    assert inside and box["bottom"] <= box["vh"] + 0.5, (what, box)
    assert box["height"] >= min_height, (what, box)
    if target:
        assert box["width"] >= MIN_TARGET_PX and box["height"] >= MIN_TARGET_PX, (what, box)


def assert_every_target_large(driver, screen: str) -> None:
    """Every link, button and visible field on the page is at least 48 × 48 px."""
    small = driver.execute_script(
        """
        return [...document.querySelectorAll('a, button, input:not([type=hidden]), select, textarea')]
          .map(e => [e.textContent.trim() || e.name, e.getBoundingClientRect()])
          .filter(([, r]) => r.width < arguments[0] || r.height < arguments[0])
          .map(([name, r]) => name + ' ' + Math.round(r.width) + 'x' + Math.round(r.height));
        """,
        MIN_TARGET_PX,
    )
    assert not small, (screen, small)


def assert_item_step_fits(driver, *, undo: bool) -> None:
    assert_in_viewport(driver, find(driver, ".station-photo-img"), "picture", min_height=96)
    assert_in_viewport(driver, find(driver, "#item-name"), "name")
    assert_in_viewport(driver, find(driver, ".station-number"), "quantity")
    for text in ["Fatto", "Manca", "Ho finito"] + (["Torna indietro"] if undo else []):
        assert_in_viewport(driver, button(driver, text), text, target=True)
    assert_every_target_large(driver, "item")


def shot(driver, name: str, size) -> None:
    screenshot(driver, f"logistics-station-{name}-{size[0]}x{size[1]}")


@pytest.mark.django_db(transaction=True)
def test_each_step_fits_one_screen_with_a_long_name_and_look_alikes(
    browser, live_server, settings, buyer, employer, zone, trainee, operator_user, no_auto_assign
):
    settings.LANGUAGE_CODE = "it"
    for position, (word, key) in enumerate(RULES):
        PictogramRule.objects.get_or_create(
            title_word=word, defaults={"pictogram": key, "position": position}
        )
    funded_plan(employer=employer)
    cheese = boxed_product(title=LONG_TITLE, price="14.00")
    eggs = boxed_product(title="Uova fresche da galline allevate all'aperto — 6 uova", price="3.20")
    apples = boxed_product(title="Mele di collina — 2 kg", price="5.50")
    chestnut = boxed_product(title="Miele di castagno della Val Cavallina — 500 g", price="9.00")
    wildflower = boxed_product(title="Miele millefiori di montagna — 500 g", price="8.50")
    packable_boxes(
        [
            paid_order(user=buyer, lines=[(cheese, 3), (eggs, 1), (apples, 2)]),
            paid_order(user=buyer, lines=[(chestnut, 2), (wildflower, 1)]),
        ]
    )
    browser.implicitly_wait(5)
    sign_in_with_session(browser, live_server, operator_user)
    browser.get(live_server.url + reverse("logistics:trainees"))
    press(browser, "T-07")
    station = live_server.url + reverse("logistics:station")

    for size in SIZES:
        set_viewport(browser, *size)
        browser.get(station)
        assert_every_target_large(browser, "start")
        assert_in_viewport(browser, button(browser, "Ho finito"), "Ho finito", target=True)
    check_accessibility(browser, "start")
    press(browser, "scatola", MIN_TARGET_PX)

    # The box with the long name: each size goes forward two steps and back two.
    for size in SIZES:
        set_viewport(browser, *size)
        browser.get(station)
        name = find(browser, "#item-name")
        assert "vacca bruna alpina" in name.get_attribute("textContent")  # whole, for screen readers
        assert "vacca bruna alpina" not in find(browser, "#item-name .station-name-short").text
        assert_item_step_fits(browser, undo=False)
        shot(browser, "long-name", size)
        press(browser, "Fatto", MIN_TARGET_PX)
        assert_item_step_fits(browser, undo=True)
        press(browser, "Fatto", MIN_TARGET_PX)
        press(browser, "Torna indietro", MIN_TARGET_PX)
        assert "indietro di un passo" in find(browser, ".station-messages").text.lower()
        assert_item_step_fits(browser, undo=True)  # the banner pushes nothing off the screen
        shot(browser, "back-banner", size)
        check_accessibility(browser, f"item with banner {size}")
        press(browser, "Torna indietro", MIN_TARGET_PX)
        assert_item_step_fits(browser, undo=False)
    for _ in range(3):
        press(browser, "Fatto", MIN_TARGET_PX)
    for size in SIZES:
        set_viewport(browser, *size)
        browser.get(station)
        assert_in_viewport(browser, button(browser, "Chiudi la scatola"), "close", target=True)
        assert_in_viewport(browser, button(browser, "Ho finito"), "Ho finito", target=True)
        assert_every_target_large(browser, "close")
    press(browser, "Chiudi la scatola", MIN_TARGET_PX)
    press(browser, "scatola", MIN_TARGET_PX)

    # The box with two honeys: the word that differs, large, on its own colour band.
    bands = {}
    for word in ("castagno", "millefiori"):
        for size in SIZES:
            set_viewport(browser, *size)
            browser.get(station)
            assert_item_step_fits(browser, undo=word == "millefiori")
            lookalike = find(browser, ".station-lookalike-word")
            assert lookalike.text.lower() == word
            assert_in_viewport(browser, lookalike, word)
            assert float(lookalike.value_of_css_property("font-size").removesuffix("px")) >= 32
            assert "2" in find(browser, ".station-lookalike-note").text
            bands[word] = find(browser, ".station-lookalike").value_of_css_property("background-color")
            shot(browser, f"look-alike-{word}", size)
        check_accessibility(browser, f"look-alike {word}")
        press(browser, "Fatto", MIN_TARGET_PX)
    assert bands["castagno"] != bands["millefiori"]
    set_viewport(browser, 1280, 800)
    browser.get(station)
    words = [e.text.lower() for e in browser.find_elements("css selector", ".station-summary-word")]
    assert words == ["castagno", "millefiori"]  # the summary lists them apart
    assert_in_viewport(browser, button(browser, "Ho finito"), "Ho finito", target=True)
    check_accessibility(browser, "close with look-alikes")
    shot(browser, "summary", (1280, 800))
    press(browser, "Chiudi la scatola", MIN_TARGET_PX)
    press(browser, "Ho finito", MIN_TARGET_PX)

    for size in SIZES:
        set_viewport(browser, *size)
        browser.get(live_server.url + reverse("logistics:station-bye"))
        link = find(browser, ".station-link")
        assert_in_viewport(browser, link, "Accesso operatore", target=True)
        assert_every_target_large(browser, "goodbye")
    check_accessibility(browser, "goodbye")

    day = timezone.localdate(WorkSession.objects.get().started_at)  # the station's day, not UTC's
    (figures,) = session_figures(user=operator_user, since=day, until=day)
    assert (figures.boxes_packed, figures.items_done, figures.items_missing) == (2, 5, 0)
    assert figures.steps_undone == 2 * len(SIZES)
