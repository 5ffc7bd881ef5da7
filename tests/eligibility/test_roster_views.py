import datetime

import pytest
from django.urls import reverse

from shop.eligibility.models import Employee
from tests.factories.eligibility import EmployeeFactory, TerritoryMunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lovere():
    return TerritoryMunicipalityFactory(
        name="Lovere", province="BG", istat_code="016128", cadastral_code="E704"
    )


def form_data(**overrides):
    data = {
        "first_name": "Maria",
        "last_name": "Rossi",
        "codice_fiscale": "rssmra85t10a562s",
        "work_email": "maria.rossi@coop.it",
        "home_municipality": "Lovere (BG)",
        "start_date": "2024-09-01",
        "end_date": "",
    }
    return {**data, **overrides}


def test_hr_adds_employee_choosing_municipality_by_name(hr_client, employer, lovere):
    response = hr_client.post(reverse("eligibility:hr-employee-add", args=[employer.pk]), form_data())
    assert response.status_code == 302
    employee = Employee.objects.get(employer=employer)
    assert employee.codice_fiscale == "RSSMRA85T10A562S"
    assert employee.home_municipality == lovere


def test_bad_codice_fiscale_keeps_what_was_typed_and_writes_nothing(hr_client, employer, lovere):
    response = hr_client.post(
        reverse("eligibility:hr-employee-add", args=[employer.pk]),
        form_data(codice_fiscale="RSSMRA85T10A562T"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "carattere di controllo" in html
    assert 'value="Maria"' in html
    assert not Employee.objects.exists()


def test_unknown_municipality_is_refused(hr_client, employer, lovere):
    response = hr_client.post(
        reverse("eligibility:hr-employee-add", args=[employer.pk]), form_data(home_municipality="Atlantide")
    )
    assert response.status_code == 200
    assert not Employee.objects.exists()


def test_duplicate_codice_fiscale_on_roster_is_refused(hr_client, employer, lovere):
    EmployeeFactory(employer=employer, codice_fiscale="RSSMRA85T10A562S")
    response = hr_client.post(reverse("eligibility:hr-employee-add", args=[employer.pk]), form_data())
    assert response.status_code == 200
    assert Employee.objects.count() == 1


def test_hr_edits_employee(hr_client, employer, lovere):
    employee = EmployeeFactory(employer=employer)
    response = hr_client.post(
        reverse("eligibility:hr-employee-edit", args=[employer.pk, employee.pk]),
        form_data(codice_fiscale=employee.codice_fiscale, work_email="nuova@coop.it"),
    )
    assert response.status_code == 302
    employee.refresh_from_db()
    assert employee.work_email == "nuova@coop.it"


def test_hr_ends_employment(hr_client, employer):
    employee = EmployeeFactory(employer=employer, start_date=datetime.date(2024, 1, 1))
    response = hr_client.post(
        reverse("eligibility:hr-employee-end", args=[employer.pk, employee.pk]), {"end_date": "2025-06-30"}
    )
    assert response.status_code == 302
    employee.refresh_from_db()
    assert employee.end_date == datetime.date(2025, 6, 30)


def test_end_date_before_start_is_refused(hr_client, employer):
    employee = EmployeeFactory(employer=employer, start_date=datetime.date(2024, 1, 1))
    response = hr_client.post(
        reverse("eligibility:hr-employee-end", args=[employer.pk, employee.pk]), {"end_date": "2023-06-30"}
    )
    assert response.status_code == 200
    employee.refresh_from_db()
    assert employee.end_date is None


def test_roster_lists_own_employees_only(hr_client, employer, other_employer):
    EmployeeFactory(employer=employer, last_name="Mio")
    EmployeeFactory(employer=other_employer, last_name="Altrui")
    html = hr_client.get(reverse("eligibility:hr-roster", args=[employer.pk])).content.decode()
    assert "Mio" in html and "Altrui" not in html


def test_dates_are_typed_and_shown_as_italians_write_them(hr_client, employer, lovere):
    """dd/mm/yyyy in a text box, whatever the browser's locale: never a type="date" box that an
    English browser draws as mm/dd/yyyy."""
    url = reverse("eligibility:hr-employee-add", args=[employer.pk])
    page = hr_client.get(url).content.decode()
    assert 'type="date"' not in page and 'placeholder="gg/mm/aaaa"' in page

    response = hr_client.post(url, form_data(start_date="01/09/2024", end_date="31/12/2026"))

    assert response.status_code == 302
    employee = Employee.objects.get(employer=employer)
    assert employee.start_date == datetime.date(2024, 9, 1)
    assert employee.end_date == datetime.date(2026, 12, 31)
    edit = hr_client.get(reverse("eligibility:hr-employee-edit", args=[employer.pk, employee.pk]))
    assert 'value="01/09/2024"' in edit.content.decode()


def test_a_date_written_the_american_way_is_refused_and_kept(hr_client, employer, lovere):
    response = hr_client.post(
        reverse("eligibility:hr-employee-add", args=[employer.pk]), form_data(start_date="09/31/2024")
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Inserisci una data valida." in html and 'value="09/31/2024"' in html
    assert not Employee.objects.exists()
