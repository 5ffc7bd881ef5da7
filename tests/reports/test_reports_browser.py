"""The report pages in headless Chromium: each renders its charts in Italian.

Needs Debian's chromium and chromium-driver, and selenium (skips otherwise). Screenshots of
this small data set go to the test's tmp_path; docs/screenshots/reports-*.png are taken on
the demo data (docs/reports.md).
"""

import shutil

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"

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


def shoot(browser, live_server, client, user, url, name, folder):
    client.force_login(user)
    browser.get(live_server.url + "/")
    browser.delete_all_cookies()
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    browser.add_cookie({"name": django_settings.SESSION_COOKIE_NAME, "value": cookie.value, "path": "/"})
    browser.get(live_server.url + url)
    height = browser.execute_script("return document.body.scrollHeight")
    browser.set_window_size(1280, min(max(height, 900), 4000))
    browser.save_screenshot(str(folder / f"reports-{name}.png"))
    return browser.page_source


def test_report_pages_render_charts_in_chromium(
    browser, live_server, client, dataset, manager, hr_a, tmp_path
):
    html = shoot(browser, live_server, client, manager, reverse("reports:manager"), "manager", tmp_path)
    assert "Report del gestore" in html and html.count('role="img"') >= 8
    html = shoot(browser, live_server, client, manager, reverse("reports:funder"), "funder", tmp_path)
    assert "Lavoratori raggiunti" in html
    url = reverse("reports:hr-report", args=[dataset["employer_a"].pk])
    html = shoot(browser, live_server, client, hr_a, url, "hr", tmp_path)
    assert "&lt; 5" in html and "Cooperativa Alfa" in html
