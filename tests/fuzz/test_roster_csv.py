"""The HR roster import, fed random files through the import page.

A file is imported whole or not at all: with any bad line the page (200) says in Italian what
is wrong and the roster is untouched; a good file adds exactly its rows. Rows are drawn from
good and bad cells (codice fiscale with a wrong check character, impossible dates, unknown
municipality, formula cells, NUL bytes...), the file in UTF-8, UTF-8 with BOM, UTF-16 or
Windows-1252, comma or semicolon separated, with missing or extra columns.
"""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from shop.eligibility.models import Employee
from shop.eligibility.roster_import import COLUMNS
from tests.factories.eligibility import EmployeeFactory, TerritoryMunicipalityFactory, codice_fiscale
from tests.fuzz.helpers import assert_italian, changed, db_state, example_rolled_back

pytestmark = pytest.mark.django_db

ON_ROSTER = codice_fiscale(1)
GOOD_CF = [codice_fiscale(n) for n in range(100, 106)]

# (cell, good?) per column; a None cell leaves the column out of the row.
CELLS = {
    "nome": [
        ("Maria", True),
        ("Zoë", True),
        ("", False),
        ("x" * 101, False),
        ("Ma\x00ria", False),
        ("=CMD|' /C calc'!A0", True),
        ("@SUM(1+1)", True),
    ],
    "cognome": [("Rossi", True), ("D'Angelo", True), ("", False), ("+39 Bianchi", True)],
    "codice_fiscale": [
        ("CF", True),
        ("cf lower", True),
        ("RSSMRA85T10A562X", False),
        ("", False),
        (ON_ROSTER, False),
        ("12345678901", False),
        ('=HYPERLINK("x")', False),
    ],
    "email_lavoro": [("m.rossi@coop.it", True), ("non-una-mail", False), ("", False)],
    "comune_residenza": [
        ("Lovere", True),
        ("Lovere (BG)", True),
        ("016128", True),
        ("Atlantide", False),
        ("", False),
    ],
    "data_inizio": [
        ("01/09/2024", True),
        ("2024-09-01", True),
        ("31/02/2024", False),
        ("domani", False),
        ("", False),
    ],
    "data_fine": [("", True), ("31/12/2030", True), ("01/01/2020", False), ("mai", False)],
}


@st.composite
def rows(draw):
    """A list of (cells, good) rows; good codici fiscali are unique unless a duplicate is drawn."""
    n = draw(st.integers(min_value=1, max_value=6))
    out = []
    for i in range(n):
        cells, good = {}, True
        for column, choices in CELLS.items():
            value, ok = draw(st.sampled_from(choices))
            if value == "CF":
                value = GOOD_CF[i]
            elif value == "cf lower":
                value = " " + GOOD_CF[i].lower() + " "
            cells[column] = value
            good = good and ok
        if draw(st.integers(0, 9)) == 0 and out:  # a duplicate of an earlier line
            cells, good = out[0]
        out.append((cells, good))
    return out


def render(header, body_rows, sep):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([row.get(column, "") for column in header] for row in body_rows)
    return out.getvalue()


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1252"]


@pytest.fixture
def lovere(db):
    return TerritoryMunicipalityFactory(name="Lovere", istat_code="016128", cadastral_code="E704")


@pytest.fixture
def import_url(employer, lovere, hr_client):
    EmployeeFactory(employer=employer, codice_fiscale=ON_ROSTER)
    return reverse("eligibility:hr-roster-import", kwargs={"employer_pk": employer.pk})


def post_file(client, url, content: bytes, name="dipendenti.csv"):
    return client.post(url, {"file": SimpleUploadedFile(name, content, content_type="text/csv")})


@given(
    data=rows(),
    sep=st.sampled_from([";", ","]),
    encoding=st.sampled_from(ENCODINGS),
    drop=st.sampled_from([None, None, None, "cognome", "data_inizio", "data_fine"]),
    extra=st.booleans(),
)
def test_a_roster_file_goes_in_whole_or_not_at_all(
    hr_client, import_url, employer, data, sep, encoding, drop, extra
):
    header = [c for c in COLUMNS if c != drop] + (["note"] if extra else [])
    text = render(header, [cells for cells, _good in data], sep)
    try:
        content = text.encode(encoding)
    except UnicodeEncodeError:
        content = text.encode("utf-8")
    # Duplicate lines (same codice fiscale twice) are bad even when each line is good.
    codes = [cells["codice_fiscale"].strip().upper() for cells, _good in data]
    unique = len(set(codes)) == len(codes)
    good = unique and all(ok for _cells, ok in data) and drop in (None, "data_fine")
    with example_rolled_back():
        before = db_state()
        response = post_file(hr_client, import_url, content)
        if good:
            assert response.status_code == 302, (response.context or {}).get("row_errors")
            after = db_state()
            assert after["eligibility_employee"] == before["eligibility_employee"] + len(data)
            added = Employee.objects.filter(employer=employer).exclude(codice_fiscale=ON_ROSTER)
            assert sorted(added.values_list("codice_fiscale", flat=True)) == sorted(codes)
        else:
            assert response.status_code == 200
            messages = [response.context["import_error"]]
            messages += [m for row in response.context["row_errors"] for m in row.messages]
            assert_italian(messages)
            assert db_state() == before, changed(before, db_state())


@given(content=st.binary(max_size=400))
@example(content=b"PK\x03\x04\x81\x8d\x90 a spreadsheet renamed .csv")
@example(content=b"\xff\xfe\x00\xd8")  # a UTF-16 BOM and half a surrogate
@example(content=b"")
@example(content=b"\n;;;\n,,,\n")
def test_any_bytes_are_refused_in_italian_without_writing(hr_client, import_url, content):
    with example_rolled_back():
        before = db_state()
        response = post_file(hr_client, import_url, content)
        assert response.status_code == 200
        form = response.context["form"]
        messages = [str(m) for errors in form.errors.values() for m in errors]
        if not messages:
            messages = [response.context["import_error"]]
            messages += [m for row in response.context["row_errors"] for m in row.messages]
        assert_italian(messages)
        assert db_state() == before, changed(before, db_state())


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("dipendenti.xlsx", b"nome;cognome\n"),
        ("dipendenti.csv", b"x" * (2 * 1024 * 1024 + 1)),
        (
            "dipendenti.csv",
            (
                "nome;cognome;codice_fiscale;email_lavoro;comune_residenza;data_inizio\n" + "a;" * 10 + "\n"
            ).encode(),
        ),
        ("dipendenti.csv", b'nome;cognome\n"' + b"a" * 200_000 + b'"\n'),
    ],
)
def test_wrong_files_are_refused_with_the_form(hr_client, import_url, name, content):
    before = db_state()
    response = post_file(hr_client, import_url, content, name=name)
    assert response.status_code == 200
    messages = [str(m) for errors in response.context["form"].errors.values() for m in errors]
    messages = messages or [response.context["import_error"]]
    assert_italian(messages)
    assert db_state() == before


def test_a_utf16_file_from_excel_is_imported(hr_client, import_url, employer):
    text = render(
        list(COLUMNS),
        [
            {
                "nome": "Zoë",
                "cognome": "Rossi",
                "codice_fiscale": GOOD_CF[0],
                "email_lavoro": "z@coop.it",
                "comune_residenza": "Lovere",
                "data_inizio": "01/09/2024",
            }
        ],
        ";",
    )
    response = post_file(hr_client, import_url, text.encode("utf-16"))
    assert response.status_code == 302
    assert Employee.objects.get(codice_fiscale=GOOD_CF[0]).first_name == "Zoë"


def test_regression_undecodable_bytes_gave_an_english_codec_error(hr_client, import_url):
    response = post_file(hr_client, import_url, b"PK\x03\x04\x81\x8d\x90")
    assert response.context["import_error"] == (
        'Questo non è un file CSV di testo: salvalo da Excel come "CSV UTF-8".'
    )


def test_regression_a_nul_byte_in_a_name_was_accepted(hr_client, import_url):
    text = render(
        list(COLUMNS),
        [
            {
                "nome": "Ma\x00ria",
                "cognome": "Rossi",
                "codice_fiscale": GOOD_CF[0],
                "email_lavoro": "m@coop.it",
                "comune_residenza": "Lovere",
                "data_inizio": "01/09/2024",
            }
        ],
        ";",
    )
    # PostgreSQL refuses NUL in text: the import used to end in a server error there.
    response = post_file(hr_client, import_url, text.encode())
    assert response.status_code == 200 and not Employee.objects.filter(codice_fiscale=GOOD_CF[0]).exists()
