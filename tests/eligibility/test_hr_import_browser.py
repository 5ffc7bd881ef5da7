"""The HR menu and the roster import's column-choice step in headless Chromium, at 1280 and 390 px.

Checked with axe-core (no critical or serious violation) and for sideways scrolling on the
phone; saved as docs/screenshots/hr-menu-*.png and hr-import-columns-*.png.
"""

import pytest
from django.urls import reverse
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from shop.eligibility.models import Employee, RosterColumnMapping
from tests.browser import check_accessibility, press, screenshot, sign_in_with_session
from tests.eligibility.test_hr_menu import MENU_LABELS
from tests.eligibility.test_roster_import_payroll import ODD_HEADERS, cp1252_csv, odd_rows
from tests.factories.eligibility import TerritoryMunicipalityFactory, codice_fiscale

pytestmark = pytest.mark.browser

SIZES = {"1280": (1280, 800), "390": (390, 844)}


def fits_the_screen(browser) -> bool:
    return browser.execute_script(
        "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_hr_menu_and_column_choice_at_both_sizes(browser, live_server, employer, hr_user, tmp_path):
    TerritoryMunicipalityFactory(name="Lovere", istat_code="016128", cadastral_code="E704")
    sign_in_with_session(browser, live_server, hr_user)
    rows = odd_rows(4)
    rows[0][0], rows[0][1] = "Cortesi Ferrè", "Niccolò"
    path = tmp_path / "Export paghe novembre.csv"
    path.write_bytes(cp1252_csv(ODD_HEADERS, rows))

    for name, (width, height) in SIZES.items():
        browser.set_window_size(width, height)
        browser.get(live_server.url + reverse("eligibility:hr-dashboard", args=[employer.pk]))
        menu = browser.find_element(By.CSS_SELECTOR, "nav.mainnav--area")
        labels = [a.text for a in menu.find_elements(By.TAG_NAME, "a")]
        assert labels == MENU_LABELS
        assert not browser.find_elements(By.CSS_SELECTOR, ".basket-summary, .site-search")
        assert fits_the_screen(browser), name
        check_accessibility(browser, f"HR menu {name}")
        screenshot(browser, f"hr-menu-{name}")

        browser.get(live_server.url + reverse("eligibility:hr-roster-import", args=[employer.pk]))
        browser.find_element(By.ID, "id_file").send_keys(str(path))
        press(browser, "Controlla e importa")
        assert "Quale colonna contiene cosa?" in browser.page_source
        assert "Niccolò" in browser.page_source  # the preview, Windows-1252 read right
        assert fits_the_screen(browser), name
        check_accessibility(browser, f"HR import columns {name}")
        screenshot(browser, f"hr-import-columns-{name}", full_page=True)

    Select(browser.find_element(By.ID, "id_comune_residenza")).select_by_visible_text("Residente a")
    Select(browser.find_element(By.ID, "id_data_inizio")).select_by_visible_text("Assunto il")
    press(browser, "Ricorda le colonne e importa")
    assert "4 dipendenti aggiunti al ruolino." in browser.page_source
    assert Employee.objects.filter(employer=employer).count() == 4
    assert Employee.objects.get(codice_fiscale=codice_fiscale(3000)).first_name == "Niccolò"
    assert RosterColumnMapping.objects.get(employer=employer).columns["data_inizio"] == "assuntoil"
