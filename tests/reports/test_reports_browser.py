"""The report pages in headless Chromium: each renders its charts in Italian.

Chromium comes from tests/browser.py (skipped without it). Screenshots of
this small data set go to the test's tmp_path; docs/screenshots/reports-*.png are taken on
the demo data (docs/reports.md).
"""

import pytest
from django.urls import reverse

from tests.browser import screenshot, sign_in_with_session

pytestmark = pytest.mark.browser


def shoot(browser, live_server, client, user, url, name, folder):
    sign_in_with_session(browser, live_server, user)
    browser.get(live_server.url + url)
    screenshot(browser, f"reports-{name}", folder=folder, full_page=True)
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
