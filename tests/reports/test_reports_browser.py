"""The report pages in headless Chromium: each renders its charts and is saved to docs/screenshots.

Needs Debian's chromium and chromium-driver, and selenium (skips otherwise). Screenshots:
docs/screenshots/reports-*.png.
"""

import shutil
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
SCREENSHOTS = Path(django_settings.BASE_DIR) / "docs" / "screenshots"

pytestmark = pytest.mark.browser


@pytest.fixture
def browser():
    if not (shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER)):
        pytest.skip(f"{CHROMIUM} or {CHROMEDRIVER} missing: apt-get install chromium chromium-driver")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=it"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"intl.accept_languages": "it-IT,it"})
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def shoot(browser, live_server, client, user, url, name):
    client.force_login(user)
    browser.get(live_server.url + "/")
    browser.delete_all_cookies()
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    browser.add_cookie({"name": django_settings.SESSION_COOKIE_NAME, "value": cookie.value, "path": "/"})
    browser.get(live_server.url + url)
    height = browser.execute_script("return document.body.scrollHeight")
    browser.set_window_size(1280, min(max(height, 900), 4000))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SCREENSHOTS / f"reports-{name}.png"))
    return browser.page_source


def test_report_pages_render_charts_in_chromium(browser, live_server, client, dataset, manager, hr_a):
    html = shoot(browser, live_server, client, manager, reverse("reports:manager"), "manager")
    assert "Report del gestore" in html and html.count('role="img"') >= 8
    html = shoot(browser, live_server, client, manager, reverse("reports:funder"), "funder")
    assert "Lavoratori raggiunti" in html
    url = reverse("reports:hr-report", args=[dataset["employer_a"].pk])
    html = shoot(browser, live_server, client, hr_a, url, "hr")
    assert "&lt; 5" in html and "Cooperativa Alfa" in html
