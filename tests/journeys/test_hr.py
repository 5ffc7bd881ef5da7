"""HR journey: log in with a second factor, import a roster CSV through the upload page, see
the employees, create a credit plan and fund it.

Screenshots: docs/screenshots/journey-hr-*.png (docs/journeys.md).
"""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from selenium.webdriver.common.by import By

from shop.eligibility.models import Employee
from shop.welfare.models import CreditPlan, Wallet
from tests.browser import check_accessibility, follow, log_in, page_text, press, screenshot, type_into
from tests.factories import MunicipalityFactory
from tests.factories.eligibility import EmployerFactory, codice_fiscale, make_hr_contact
from tests.journeys.conftest import PASSWORD, totp_token

pytestmark = pytest.mark.browser

ROSTER = [
    ("Maria", "Rossi", codice_fiscale(501), "maria.rossi@sorriso.example", "Lovere"),
    ("Paolo", "Bianchi", codice_fiscale(502), "paolo.bianchi@sorriso.example", "Sarnico"),
    ("Anna", "Verdi", codice_fiscale(503), "anna.verdi@sorriso.example", "Lovere"),
]


def shot(driver, step: str, **kwargs) -> None:
    screenshot(driver, f"journey-hr-{step}", **kwargs)


def set_date(driver, element_id: str, value) -> None:
    """Fill an <input type="date"> (the browser's own date picker) with an ISO date."""
    field = driver.find_element(By.ID, element_id)
    driver.execute_script(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'));",
        field,
        value.isoformat(),
    )


def test_hr_imports_a_roster_and_funds_a_plan(browser, live_server, tmp_path):
    for name in ("Lovere", "Sarnico"):
        MunicipalityFactory(name=name, area="Basso Sebino")
    employer = EmployerFactory(legal_name="Cooperativa Il Sorriso")
    hr = make_hr_contact(employer=employer, email="ufficio.personale@sorriso.example", first_name="Elena")

    # Log in, then the HR area asks to set up the authenticator app (SHOP_REQUIRE_2FA).
    log_in(browser, live_server, hr.email, PASSWORD, next_url=reverse("eligibility:hr-index"))
    assert reverse("security:2fa-setup") in browser.current_url
    device = TOTPDevice.objects.get(user=hr, confirmed=False)
    # Regression: a required field's label showed two asterisks (ours and Oscar's CSS one).
    label = browser.find_element(By.CSS_SELECTOR, "label[for=id_token]")
    assert browser.execute_script("return getComputedStyle(arguments[0], '::after').content", label) == "none"
    check_accessibility(browser, "2fa setup")
    shot(browser, "1-2fa-setup")
    type_into(browser, "id_token", totp_token(device))
    press(browser, "Attiva")
    device.refresh_from_db()
    assert device.confirmed
    assert browser.current_url.endswith(reverse("eligibility:hr-dashboard", args=[employer.pk]))
    check_accessibility(browser, "hr dashboard")
    shot(browser, "2-dashboard")

    # The roster, as a CSV saved from Excel (semicolons), uploaded through the page.
    csv = tmp_path / "ruolino.csv"
    rows = ["nome;cognome;codice_fiscale;email_lavoro;comune_residenza;data_inizio;data_fine"]
    rows += [";".join([*row, "01/09/2024", ""]) for row in ROSTER]
    csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    browser.get(live_server.url + reverse("eligibility:hr-roster-import", args=[employer.pk]))
    browser.find_element(By.ID, "id_file").send_keys(str(csv))
    check_accessibility(browser, "roster import")
    shot(browser, "3-import")
    press(browser, "Controlla e importa")

    assert browser.current_url.endswith(reverse("eligibility:hr-roster", args=[employer.pk]))
    text = page_text(browser)
    assert "3 dipendenti aggiunti" in text, text
    for first, last, *_rest in ROSTER:
        assert last in text and first in text
    assert Employee.objects.filter(employer=employer).count() == 3
    check_accessibility(browser, "roster")
    shot(browser, "4-roster", full_page=True)

    # A plan of 150,00 € each, valid for this year, then funded.
    browser.get(live_server.url + reverse("welfare:hr-plan-list"))
    follow(browser, "Nuovo piano")
    year = timezone.localdate().year
    type_into(browser, "id_name", "Piano conciliazione")
    type_into(browser, "id_year", str(year))
    type_into(browser, "id_amount_per_employee", "150,00")
    set_date(browser, "id_valid_from", timezone.localdate().replace(month=1, day=1))
    set_date(browser, "id_valid_to", timezone.localdate().replace(month=12, day=31))
    type_into(browser, "id_regulation_reference", "Regolamento welfare aziendale 2026")
    check_accessibility(browser, "plan form")
    shot(browser, "5-plan-form", full_page=True)
    press(browser, "Crea piano")

    plan = CreditPlan.objects.get(employer=employer)
    assert browser.current_url.endswith(reverse("welfare:hr-plan-detail", args=[plan.pk]))
    assert plan.amount_per_employee == Decimal("150.00") and plan.funded_at is None
    press(browser, "Accredita ora il piano")

    assert "3 borsellini accreditati" in page_text(browser), page_text(browser)
    wallets = Wallet.objects.filter(plan=plan)
    assert sorted(w.employee.last_name for w in wallets) == ["Bianchi", "Rossi", "Verdi"]
    assert {w.balance for w in wallets} == {Decimal("150.00")}
    check_accessibility(browser, "plan funded")
    shot(browser, "6-plan-funded", full_page=True)
