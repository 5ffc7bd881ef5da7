import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from shop.eligibility.exceptions import RosterImportInvalid
from shop.eligibility.models import Employee
from shop.eligibility.roster_import import COLUMNS, roster_csv_template
from shop.eligibility.services import roster_import
from tests.factories.eligibility import EmployeeFactory, TerritoryMunicipalityFactory, codice_fiscale

pytestmark = pytest.mark.django_db


@pytest.fixture
def lovere():
    return TerritoryMunicipalityFactory(name="Lovere", istat_code="016128", cadastral_code="E704")


def csv_rows(n, *, municipality="Lovere", start=1000, sep=";"):
    lines = [sep.join(COLUMNS)]
    for i in range(n):
        lines.append(
            sep.join(
                [
                    f"Nome{i}",
                    f"Cognome{i}",
                    codice_fiscale(start + i),
                    f"p{i}@coop.it",
                    municipality,
                    "01/09/2024",
                    "",
                ]
            )
        )
    return lines


def test_good_file_of_500_rows_imports_in_one_go(employer, lovere):
    content = "\n".join(csv_rows(500)).encode()
    with CaptureQueriesContext(connection) as ctx:
        started = time.perf_counter()
        added = roster_import(employer=employer, content=content).added
        elapsed = time.perf_counter() - started
    assert added == 500
    assert Employee.objects.filter(employer=employer).count() == 500
    inserts = [q for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith("INSERT")]
    # One bulk_create: a single INSERT on PostgreSQL, a few batches on SQLite (999 parameters).
    assert len(inserts) == 1 if connection.vendor == "postgresql" else len(inserts) <= 10
    print(f"500-row import: {elapsed:.2f}s, {len(ctx.captured_queries)} queries, {len(inserts)} INSERT")


def test_one_bad_codice_fiscale_imports_nothing_and_names_the_line(employer, lovere):
    lines = csv_rows(10)
    bad = lines[7].split(";")
    bad[2] = bad[2][:-1] + ("A" if bad[2][-1] != "A" else "B")  # wrong check character
    lines[7] = ";".join(bad)
    with pytest.raises(RosterImportInvalid) as info:
        roster_import(employer=employer, content="\n".join(lines).encode())
    assert Employee.objects.count() == 0
    assert [e.line for e in info.value.errors] == [8]  # header is line 1
    assert "codice_fiscale" in info.value.errors[0].messages[0]
    assert "controllo" in info.value.errors[0].messages[0]  # Italian: "carattere di controllo"


def test_errors_name_physical_lines_even_with_blank_lines(employer, lovere):
    lines = csv_rows(3)
    lines.insert(2, "")
    lines[4] = lines[4].replace("Lovere", "Atlantide")
    with pytest.raises(RosterImportInvalid) as info:
        roster_import(employer=employer, content="\n".join(lines).encode())
    assert [e.line for e in info.value.errors] == [5]
    assert "Atlantide" in info.value.errors[0].messages[0]


def test_duplicate_codice_fiscale_in_file_and_on_roster_are_refused(employer, lovere):
    EmployeeFactory(employer=employer, codice_fiscale=codice_fiscale(1001))
    lines = csv_rows(3)
    lines.append(lines[1])  # same person twice
    with pytest.raises(RosterImportInvalid) as info:
        roster_import(employer=employer, content="\n".join(lines).encode())
    assert {e.line for e in info.value.errors} == {3, 5}
    assert Employee.objects.filter(employer=employer).count() == 1


def test_bad_dates_and_email_are_reported_in_italian(employer, lovere):
    lines = csv_rows(2, sep=",")
    lines[1] = lines[1].replace("01/09/2024", "31/02/2024")
    lines[2] = lines[2].replace("p1@coop.it", "non-una-email")
    with pytest.raises(RosterImportInvalid) as info:
        roster_import(employer=employer, content="\n".join(lines).encode())
    messages = {e.line: " ".join(e.messages) for e in info.value.errors}
    assert "gg/mm/aaaa" in messages[2]
    assert "email" in messages[3].lower()
    assert Employee.objects.count() == 0


def test_missing_columns_are_named(employer):
    with pytest.raises(RosterImportInvalid, match="codice_fiscale"):
        roster_import(employer=employer, content=b"nome;cognome\nA;B\n")


def test_same_person_may_be_on_two_employers_rosters(employer, other_employer, lovere):
    EmployeeFactory(employer=other_employer, codice_fiscale=codice_fiscale(1000))
    assert roster_import(employer=employer, content="\n".join(csv_rows(1)).encode()).added == 1


def test_template_is_a_valid_import(employer, lovere):
    assert roster_import(employer=employer, content=roster_csv_template().encode("utf-8-sig")).added == 1


def test_import_page_lists_bad_lines_and_keeps_roster_empty(hr_client, employer, lovere):
    lines = csv_rows(4)
    lines[3] = lines[3].replace(codice_fiscale(1002), "RSSMRA85T10A562X")
    upload = SimpleUploadedFile("ruolino.csv", "\n".join(lines).encode(), content_type="text/csv")
    response = hr_client.post(reverse("eligibility:hr-roster-import", args=[employer.pk]), {"file": upload})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<td>4</td>" in html
    assert "nulla è stato importato" in html
    assert not employer.employees.exists()


def test_import_page_adds_good_file_and_redirects_to_roster(hr_client, employer, lovere):
    upload = SimpleUploadedFile("ruolino.csv", "\n".join(csv_rows(20)).encode(), content_type="text/csv")
    response = hr_client.post(reverse("eligibility:hr-roster-import", args=[employer.pk]), {"file": upload})
    assert response.status_code == 302
    assert employer.employees.count() == 20


def test_template_download(hr_client, employer):
    response = hr_client.get(reverse("eligibility:hr-roster-template", args=[employer.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode().splitlines()[0] == ";".join(COLUMNS)
