"""Manager-only pages, filters, and exports that parse back equal to the tables."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from shop.core.roles import Role, grant_role
from shop.reports import selectors
from shop.reports.selectors import Period, Scope
from tests.factories.eligibility import UserFactory
from tests.reports.conftest import PERIOD_START, TODAY

MANAGER_URLS = [
    reverse("reports:manager"),
    reverse("reports:funder"),
    reverse("reports:funder-pdf"),
    reverse("reports:export", args=["spending-category", "csv"]),
]


@pytest.mark.parametrize("url", MANAGER_URLS)
def test_manager_pages_are_refused_to_other_roles(dataset, hr_a, client, url):
    supplier = UserFactory()
    grant_role(supplier, Role.SUPPLIER)
    for user in (hr_a, dataset["a_users"][0], supplier):
        client.force_login(user)
        assert client.get(url).status_code == 403


def test_manager_report_shows_every_section_with_chart_and_table(dataset, manager, client):
    client.force_login(manager)
    response = client.get(reverse("reports:manager"))
    assert response.status_code == 200
    html = response.content.decode()
    for slug in (
        "spending-month",
        "spending-category",
        "spending-supplier",
        "spending-municipality",
        "km0",
        "credit",
        "suppliers",
        "inclusion",
        "needs",
    ):
        assert f'id="table-{slug}"' in html, slug
    assert html.count('role="img"') >= 8 and "<desc" in html
    assert "140,00" in html  # Italian number format of the total spending


def test_invalid_filters_get_italian_messages_and_no_figures(dataset, manager, client):
    client.force_login(manager)
    response = client.get(
        reverse("reports:manager"), {"date_from": "2026-05-01", "date_to": "2026-01-01", "area": "Marte"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Scegli Val Cavallina, Basso Sebino o entrambi." in html
    assert 'value="2026-05-01"' in html  # what was typed is kept
    assert 'id="table-' not in html
    response = client.get(reverse("reports:manager"), {"date_from": "31/02/2026"})
    assert "Inserisci una data valida" in response.content.decode()


def test_area_filter_on_the_page(dataset, manager, client):
    client.force_login(manager)
    html = client.get(reverse("reports:manager"), {"area": "Basso Sebino"}).content.decode()
    assert "Sarnico" in html and "50,00" in html


def _table():
    return selectors.credit_by_plan(scope=Scope(period=Period(start=PERIOD_START, end=TODAY)))


def test_csv_export_parses_back_equal_to_the_table(dataset, manager, client):
    client.force_login(manager)
    response = client.get(reverse("reports:export", args=["credit", "csv"]))
    assert response["Content-Type"].startswith("text/csv")
    parsed = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    headers, rows = _table().as_lists()
    assert parsed[0] == headers
    assert parsed[1:] == [[str(v) for v in row] for row in rows]


def test_xlsx_export_parses_back_equal_to_the_table(dataset, manager, client):
    client.force_login(manager)
    response = client.get(reverse("reports:export", args=["spending-category", "xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    parsed = [list(row) for row in sheet.iter_rows(values_only=True)]
    headers, rows = selectors.spending_by_category(
        scope=Scope(period=Period(start=PERIOD_START, end=TODAY))
    ).as_lists()
    assert parsed[0] == headers
    assert [[Decimal(str(v)) if isinstance(v, float) else v for v in row] for row in parsed[1:]] == rows


def test_hr_export_carries_the_suppressed_cells(dataset, hr_a, client):
    client.force_login(hr_a)
    response = client.get(
        reverse("reports:hr-export", args=[dataset["employer_a"].pk, "spending-category", "csv"])
    )
    parsed = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    servizi = next(row for row in parsed if row[0] == "Servizi")
    assert servizi[1:] == ["< 5", "< 5", "< 5"]
    assert not any(row[0] == "Totale" for row in parsed)


def test_unknown_export_is_not_found(dataset, manager, client):
    client.force_login(manager)
    assert client.get(reverse("reports:export", args=["nope", "csv"])).status_code == 404
    assert client.get(reverse("reports:export", args=["credit", "pdf"])).status_code == 404


def test_report_menu_entry_is_shown_to_managers(dataset, manager, client):
    client.force_login(manager)
    html = client.get(reverse("dashboard:index")).content.decode()
    assert reverse("reports:manager") in html


def test_bar_chart_is_accessible_svg_with_every_value_in_its_description():
    from shop.reports.charts import bar_chart
    from shop.reports.selectors import Chart, Column, Table

    table = Table(
        slug="t",
        title="Spesa",
        columns=[
            Column("label", "Categoria"),
            Column("amount", "Spesa (€)", "money"),
            Column("people", "Persone"),
        ],
        rows=[
            {"label": "Alimentari", "amount": Decimal("60.00"), "people": 6},
            {"label": "Servizi", "amount": "< 5"},
        ],
        chart=Chart(kind="bar", label_key="label", value_key="amount"),
    )
    svg = str(bar_chart(table))
    assert svg.startswith("<svg") and 'role="img"' in svg and "<title" in svg
    assert "Alimentari: 60,00" in svg and "Servizi: &lt; 5" in svg
    assert svg.count("<rect") == 1  # no bar for the hidden figure
