"""A roster as payroll software or Excel exports it: Italian headers, Windows-1252, XLSX, and
the column-choice step (remembered per employer, never seen or used by another employer)."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from shop.eligibility.exceptions import RosterColumnsUnknown, RosterImportInvalid
from shop.eligibility.models import Employee, RosterColumnMapping
from shop.eligibility.roster_import import match_columns, normalise_header
from shop.eligibility.services import roster_import
from tests.factories.eligibility import TerritoryMunicipalityFactory, codice_fiscale, make_hr_contact

pytestmark = pytest.mark.django_db

EXCEL_HEADERS = [
    "Matricola",
    "Cognome",
    "Nome",
    "Codice fiscale",
    "E-mail aziendale",
    "Comune",
    "Data di assunzione",
    "Data cessazione",
]
# "Residente a" is no usual wording of the home municipality: the HR contact chooses it.
ODD_HEADERS = ["COGNOME", "NOME", "Cod. Fiscale", "Indirizzo e-mail", "Residente a", "Assunto il"]


@pytest.fixture
def lovere():
    return TerritoryMunicipalityFactory(name="Lovere", istat_code="016128", cadastral_code="E704")


def excel_rows(n=3):
    return [
        [
            f"M{i:03d}",
            "Belotti" if i else "Cortesi Ferrè",
            "Niccolò" if i == 0 else f"Nome{i}",
            codice_fiscale(2000 + i).lower(),
            f"p{i}@coop.it",
            "Lovere",
            "01/09/2024",
            "",
        ]
        for i in range(n)
    ]


def cp1252_csv(headers, rows) -> bytes:
    return "\r\n".join(";".join(cells) for cells in [headers, *rows]).encode("cp1252")


def xlsx(headers, rows) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(client, employer, content, name):
    return client.post(
        reverse("eligibility:hr-roster-import", args=[employer.pk]),
        {"file": SimpleUploadedFile(name, content, content_type="application/octet-stream")},
    )


def test_headers_match_whatever_the_case_accents_spaces_and_underscores():
    assert normalise_header(" E-mail  Aziendale ") == normalise_header("email_aziendale")
    assert normalise_header("Città di residenza") == normalise_header("CITTA DI RESIDENZA")
    matched = match_columns(["CODICE_FISCALE", "nome ", "Cognome", "E-MAIL", "Città", "Data Assunzione"])
    assert matched == {
        "codice_fiscale": 0,
        "nome": 1,
        "cognome": 2,
        "email_lavoro": 3,
        "comune_residenza": 4,
        "data_inizio": 5,
    }


def test_two_columns_claiming_one_field_match_neither():
    # A personal and a company address: which is which is the HR contact's choice.
    matched = match_columns(["Nome", "Cognome", "E-mail", "E-mail aziendale"])
    assert matched == {"nome": 0, "cognome": 1}


def test_windows_1252_file_with_italian_excel_headers_is_imported(employer, lovere):
    content = cp1252_csv(EXCEL_HEADERS, excel_rows(3))
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")  # a real Windows-1252 file, accents as single bytes
    imported = roster_import(employer=employer, content=content, filename="export paghe.csv")
    assert imported.added == 3
    assert imported.ignored_headers == ["Matricola"]
    first = Employee.objects.get(codice_fiscale=codice_fiscale(2000))
    assert (first.first_name, first.last_name) == ("Niccolò", "Cortesi Ferrè")
    assert first.start_date == datetime.date(2024, 9, 1)
    assert first.end_date is None
    assert first.home_municipality == lovere


def test_xlsx_with_date_cells_is_imported(employer, lovere):
    rows = excel_rows(2)
    for row in rows:
        row[6] = datetime.datetime(2025, 3, 17)  # Excel keeps dates as dates, not text
    rows[1][7] = datetime.datetime(2026, 12, 31)
    imported = roster_import(employer=employer, content=xlsx(EXCEL_HEADERS, rows), filename="Ruolino.XLSX")
    assert imported.added == 2
    second = Employee.objects.get(codice_fiscale=codice_fiscale(2001))
    assert (second.start_date, second.end_date) == (datetime.date(2025, 3, 17), datetime.date(2026, 12, 31))


def test_xlsx_bad_row_is_named_by_its_excel_line_and_nothing_is_imported(employer, lovere):
    rows = excel_rows(3)
    rows[1][6] = "31/02/2024"
    with pytest.raises(RosterImportInvalid) as info:
        roster_import(employer=employer, content=xlsx(EXCEL_HEADERS, rows), filename="ruolino.xlsx")
    assert [e.line for e in info.value.errors] == [3]
    assert not Employee.objects.exists()


def test_a_damaged_xlsx_is_refused_in_italian(hr_client, employer):
    response = upload(hr_client, employer, b"PK\x03\x04 not really a workbook", "ruolino.xlsx")
    assert response.status_code == 200
    assert "Excel" in response.context["import_error"]
    assert "salva" in response.context["import_error"].lower()


def test_import_page_takes_an_xlsx(hr_client, employer, lovere):
    response = upload(hr_client, employer, xlsx(EXCEL_HEADERS, excel_rows(2)), "ruolino.xlsx")
    assert response.status_code == 302
    assert employer.employees.count() == 2


def test_unknown_header_without_candidates_is_still_a_missing_column(employer):
    with pytest.raises(RosterImportInvalid, match="codice_fiscale") as info:
        roster_import(employer=employer, content=b"Nome;Cognome\nA;B\n")
    assert not isinstance(info.value, RosterColumnsUnknown)


# --- The column-choice step -------------------------------------------------------------------


def columns_url(employer):
    return reverse("eligibility:hr-roster-import-columns", args=[employer.pk])


def odd_rows(n=2):
    return [
        [f"Cognome{i}", f"Nome{i}", codice_fiscale(3000 + i), f"q{i}@coop.it", "Lovere", "01/10/2024"]
        for i in range(n)
    ]


CHOICE = {
    "cognome": "0",
    "nome": "1",
    "codice_fiscale": "2",
    "email_lavoro": "3",
    "comune_residenza": "4",
    "data_inizio": "5",
    "data_fine": "",
}


def test_unknown_header_shows_the_first_rows_and_a_choice_per_column(hr_client, employer, lovere):
    response = upload(hr_client, employer, cp1252_csv(ODD_HEADERS, odd_rows(7)), "paghe.csv")
    assert response.status_code == 200
    assert response.templates[0].name == "eligibility/hr/roster_columns.html"
    html = response.content.decode()
    assert "Residente a" in html and "Cognome4" in html and "Cognome5" not in html  # 5 rows shown
    assert response.context["import_error"].startswith(
        "Colonne non riconosciute (Comune di residenza, Data di assunzione)"
    )
    form = response.context["form"]
    # What was recognised is chosen already; the municipality is left to the HR contact.
    assert form.initial == {
        k: v for k, v in CHOICE.items() if k not in ("comune_residenza", "data_inizio", "data_fine")
    }
    assert not Employee.objects.exists()
    assert not RosterColumnMapping.objects.exists()


def test_choosing_the_columns_imports_and_is_remembered_for_the_employer(hr_client, employer, lovere):
    upload(hr_client, employer, cp1252_csv(ODD_HEADERS, odd_rows(2)), "paghe.csv")
    response = hr_client.post(columns_url(employer), CHOICE)
    assert response.status_code == 302
    assert employer.employees.count() == 2
    assert RosterColumnMapping.objects.get(employer=employer).columns["comune_residenza"] == "residentea"
    # Next month's export, same headers: straight in, no question asked.
    rows = [
        [f"Altro{i}", "X", codice_fiscale(3100 + i), f"r{i}@coop.it", "Lovere", "01/11/2024"]
        for i in range(3)
    ]
    response = upload(hr_client, employer, cp1252_csv(ODD_HEADERS, rows), "paghe-novembre.csv")
    assert response.status_code == 302
    assert employer.employees.count() == 5
    # The file waiting for its columns is gone once imported.
    assert hr_client.get(columns_url(employer)).status_code == 302


def test_the_same_column_twice_or_a_required_one_left_out_is_refused(hr_client, employer, lovere):
    upload(hr_client, employer, cp1252_csv(ODD_HEADERS, odd_rows(2)), "paghe.csv")
    response = hr_client.post(columns_url(employer), {**CHOICE, "comune_residenza": "0"})
    assert response.status_code == 200
    assert "già scelta" in " ".join(response.context["form"].errors["comune_residenza"])
    response = hr_client.post(columns_url(employer), {**CHOICE, "codice_fiscale": ""})
    assert response.status_code == 200
    assert response.context["form"]["comune_residenza"].value() == "4"  # what was chosen stays
    assert response.context["form"].errors["codice_fiscale"] == [
        "Scegli la colonna che contiene questo dato."
    ]
    assert not Employee.objects.exists()
    assert not RosterColumnMapping.objects.exists()


def test_bad_rows_after_the_choice_import_nothing_but_the_choice_is_kept(hr_client, employer, lovere):
    rows = odd_rows(3)
    rows[2][5] = "2024/13/01"
    upload(hr_client, employer, cp1252_csv(ODD_HEADERS, rows), "paghe.csv")
    response = hr_client.post(columns_url(employer), CHOICE)
    assert response.status_code == 200
    assert [e.line for e in response.context["row_errors"]] == [4]
    assert not Employee.objects.exists()
    assert RosterColumnMapping.objects.filter(employer=employer).exists()


def test_without_a_file_waiting_the_choice_page_sends_back_to_the_upload(hr_client, employer):
    for response in (hr_client.get(columns_url(employer)), hr_client.post(columns_url(employer), CHOICE)):
        assert response.status_code == 302
        assert response["Location"] == reverse("eligibility:hr-roster-import", args=[employer.pk])


def test_another_employers_hr_can_neither_see_nor_use_the_choice(hr_client, employer, other_employer, lovere):
    upload(hr_client, employer, cp1252_csv(ODD_HEADERS, odd_rows(2)), "paghe.csv")
    hr_client.post(columns_url(employer), CHOICE)
    upload(hr_client, employer, cp1252_csv(ODD_HEADERS, odd_rows(1)), "paghe.csv")  # one waiting
    other = Client()
    other.force_login(make_hr_contact(employer=other_employer))
    # The other employer's HR contact: 404 on this employer's choice page, GET and POST.
    assert other.get(columns_url(employer)).status_code == 404
    assert other.post(columns_url(employer), {**CHOICE, "nome": "0", "cognome": "1"}).status_code == 404
    assert RosterColumnMapping.objects.get(employer=employer).columns["nome"] == "nome"
    # Their own upload with the same headers is not imported with this employer's choice.
    rows = [
        [f"Z{i}", "Z", codice_fiscale(3200 + i), f"z{i}@coop.it", "Lovere", "01/10/2024"] for i in range(2)
    ]
    response = upload(other, other_employer, cp1252_csv(ODD_HEADERS, rows), "paghe.csv")
    assert response.status_code == 200
    assert response.templates[0].name == "eligibility/hr/roster_columns.html"
    assert "comune_residenza" not in response.context["form"].initial
    assert not other_employer.employees.exists()
    # And the file waiting in this HR contact's session is theirs only.
    assert other.get(columns_url(other_employer)).status_code == 200
    assert "Cognome0" not in other.get(columns_url(other_employer)).content.decode()


def test_an_employee_gets_403_on_the_choice_page(client, employer, employee_user):
    client.force_login(employee_user)
    assert client.get(columns_url(employer)).status_code == 403
    assert client.post(columns_url(employer), CHOICE).status_code == 403
