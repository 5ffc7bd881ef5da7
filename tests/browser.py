"""Headless Chromium for the browser tests: one fixture and the helpers they share.

Needs Debian's ``chromium`` and ``chromium-driver`` (``/usr/bin/chromium``,
``/usr/bin/chromedriver``) and selenium; without them every test that uses the ``browser``
fixture is skipped with a message saying what to install. axe-core is read from
``AXE_CORE_JS`` (default ``var/node_modules/axe-core/axe.min.js``, installed by ``make axe``);
without it the accessibility checks are skipped with a printed note.

The fixture is registered for the whole suite in ``tests/conftest.py``; mark the modules
that use it ``pytestmark = pytest.mark.browser``.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
SCREENSHOTS = Path(django_settings.BASE_DIR) / "docs" / "screenshots"
WINDOW = (1280, 1100)
# Tallest full-page screenshot: longer pages are cut there rather than making huge files.
MAX_SHOT_HEIGHT = 3000
PAGE_LOAD_SECONDS = 20
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def chromium_missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not shutil.which(path)]
    if missing:
        return (
            f"Chromium not found at {' and '.join(missing)}: "
            "apt-get install chromium chromium-driver to run the browser tests"
        )
    return None


def start_chromium():
    """A headless Chromium asking for Italian pages; skips the test when Chromium is missing."""
    reason = chromium_missing()
    if reason:
        pytest.skip(reason)
    webdriver = pytest.importorskip(
        "selenium.webdriver", reason="selenium is not installed (make install)"
    )
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-dev-shm-usage",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
        "--force-device-scale-factor=1",
        "--lang=it",
    ):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"intl.accept_languages": "it-IT,it"})
    driver = webdriver.Chrome(
        service=webdriver.ChromeService(executable_path=CHROMEDRIVER), options=options
    )
    driver.set_page_load_timeout(60)
    return driver


@pytest.fixture
def browser():
    """Headless Chromium for one test, closed afterwards."""
    driver = start_chromium()
    try:
        yield driver
    finally:
        driver.quit()


# --- Signing in ------------------------------------------------------------------------------


def share_session(driver, live_server, client: Client) -> None:
    """Give the browser the session cookie of a logged-in test client."""
    driver.get(live_server.url + "/")
    driver.delete_all_cookies()
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    driver.add_cookie({"name": django_settings.SESSION_COOKIE_NAME, "value": cookie.value, "path": "/"})


def sign_in_with_session(driver, live_server, user) -> Client:
    """Log the browser in as ``user`` without the login page; returns the client sharing it."""
    client = Client()
    client.force_login(user)
    share_session(driver, live_server, client)
    return client


def sign_out(driver) -> None:
    """Forget every cookie, after leaving the page so that none of its late responses (a
    thumbnail's 404 page, say) sets the old CSRF cookie again under the next login page."""
    driver.get("about:blank")
    driver.execute_cdp_cmd("Network.clearBrowserCookies", {})


def log_in(driver, live_server, email: str, password: str, next_url: str = "") -> None:
    """Log in through the login page, typing the e-mail and the password."""
    from selenium.webdriver.common.by import By

    query = f"?next={next_url}" if next_url else ""
    driver.get(live_server.url + reverse("customer:login") + query)
    type_into(driver, "id_login-username", email)
    type_into(driver, "id_login-password", password)
    press(driver, driver.find_element(By.NAME, "login_submit"))


# --- Acting on a page ------------------------------------------------------------------------


def type_into(driver, element_id: str, text: str) -> None:
    from selenium.webdriver.common.by import By

    field = driver.find_element(By.ID, element_id)
    field.clear()
    field.send_keys(text)


def click(driver, element) -> None:
    """Click an element on this page (a checkbox, a tab) after scrolling it to the middle."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()


def press(driver, target, min_px: int | None = None) -> None:
    """Click a button (an element, or the visible button whose text contains ``target``)
    that submits a form, and wait until the next page replaces this one.

    ``min_px`` first checks the button is a target at least that many pixels each way.
    """
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    if isinstance(target, str):
        target = driver.find_element(
            By.XPATH,
            f"//button[contains(normalize-space(.), '{target}')]"
            f"|//input[@type='submit' and contains(@value, '{target}')]",
        )
    if min_px:
        size = target.size
        assert size["width"] >= min_px and size["height"] >= min_px, (target.text, size)
    click(driver, target)
    WebDriverWait(driver, PAGE_LOAD_SECONDS).until(_gone(target))


def _gone(element):
    """True once ``element``'s page has been replaced.

    Selenium's ``staleness_of`` only knows StaleElementReferenceException; while the next
    page commits, Chromium may instead answer "Node with given id does not belong to the
    document", which means the same thing.
    """
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException

    def check(_driver) -> bool:
        try:
            element.is_enabled()
        except StaleElementReferenceException:
            return True
        except WebDriverException as exc:
            if "does not belong to the document" in str(exc):
                return True
            raise
        return False

    return check


def follow(driver, link_text: str) -> None:
    """Click the link whose text contains ``link_text`` and wait for the next page."""
    from selenium.webdriver.common.by import By

    link = driver.find_element(By.PARTIAL_LINK_TEXT, link_text)
    press(driver, link)


def page_text(driver) -> str:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.TAG_NAME, "body").text


# --- Checking and recording a page -----------------------------------------------------------


def axe_source() -> str | None:
    path = Path(
        os.environ.get("AXE_CORE_JS")
        or Path(django_settings.BASE_DIR) / "var/node_modules/axe-core/axe.min.js"
    )
    return path.read_text() if path.is_file() else None


def load_axe_with_every_page(driver) -> None:
    """axe-core evaluated by the browser in every page it opens from now on, before the page's
    own scripts: a test visiting many pages sends it over once instead of once a page. Frames
    get it too, so axe checks what they show (a rich-text editor's body, say)."""
    source = axe_source()
    if source and not getattr(driver, "axe_with_every_page", False):
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": source})
        driver.axe_with_every_page = True  # once per browser: a second copy would run twice


def ensure_axe(driver, source: str) -> None:
    """axe-core in the page on the screen: sent over unless the page has it already (loaded
    with every page, or sent by an earlier check of the same page)."""
    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.execute_script(source)


def check_accessibility(
    driver, screen: str, source: str | None = None, allow: tuple[str, ...] = ()
) -> list[dict]:
    """Run axe-core on the page and fail on any critical or serious violation.

    Rules named in ``allow`` are reported (printed) instead of failing. Returns every
    violation found (minor and moderate ones included) for the caller to report.
    """
    source = source or axe_source()
    if source is None:
        print(f"axe-core not found (AXE_CORE_JS, make axe): accessibility check of {screen} skipped")
        return []
    ensure_axe(driver, source)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, "
        "nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))"
        ".catch(e => done([{id: 'axe-error ' + e, impact: 'critical', nodes: []}]));",
        AXE_TAGS,
    )
    serious = [v for v in result if v["impact"] in ("serious", "critical")]
    known = [v for v in serious if v["id"] in allow]
    if known:
        print(f"{screen}: violations let through: {known}")
    serious = [v for v in serious if v["id"] not in allow]
    assert not serious, f"{screen}: {serious}"
    return result


def screenshot(driver, name: str, folder: Path | None = None, full_page: bool = False) -> Path:
    """Save ``<name>.png`` under docs/screenshots (or ``folder``).

    ``full_page`` first stretches the window to the page's height (up to MAX_SHOT_HEIGHT)
    and puts it back afterwards.
    """
    folder = folder or SCREENSHOTS
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    if full_page:
        size = driver.get_window_size()
        height, frame = driver.execute_script(
            "return [document.documentElement.scrollHeight, window.outerHeight - window.innerHeight]"
        )
        driver.set_window_size(size["width"], min(max(height + frame, size["height"]), MAX_SHOT_HEIGHT))
        driver.execute_script("window.scrollTo(0, 0); document.activeElement.blur();")
        driver.save_screenshot(str(path))
        driver.set_window_size(size["width"], size["height"])
    else:
        driver.save_screenshot(str(path))
    return path
