"""The funder report: project indicators for a period, on the page and in the PDF."""

from decimal import Decimal

from django.urls import reverse

from shop.reports import selectors
from shop.reports.selectors import Period, Scope
from tests.reports.conftest import PERIOD_START, TODAY

D = Decimal


def report():
    return selectors.funder_report(scope=Scope(period=Period(start=PERIOD_START, end=TODAY)))


def test_funder_indicators_on_the_hand_made_year(dataset):
    figures = report()
    assert (figures.workers_reached, figures.employers_involved) == (8, 2)
    assert figures.credit_spent == D("50.00")
    assert figures.km0.share_by_value == D("60.0")
    assert (figures.inclusion.trainees, figures.inclusion.boxes_packed) == (1, 1)


def test_services_delivered_per_need(dataset):
    table = report().services_per_need
    row = next(r for r in table.rows if r["label"] == "Assistenza a casa")
    assert (row["lines"], row["quantity"], row["people"]) == (2, 2, 2)


def test_municipalities_reached_mark_those_without_services_before(dataset):
    figures = report()
    assert {r["label"]: r["new"] for r in figures.municipalities.rows} == {"Grone": "sì", "Sarnico": "no"}
    assert (figures.municipalities_reached, figures.municipalities_new) == (2, 1)


def test_funder_pdf_is_a_pdf(dataset, manager, client):
    client.force_login(manager)
    response = client.get(reverse("reports:funder-pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_funder_page_shows_indicators_and_exports(dataset, manager, client):
    client.force_login(manager)
    html = client.get(reverse("reports:funder")).content.decode()
    assert 'id="table-indicators"' in html and 'id="table-services-need"' in html
    assert reverse("reports:export", args=["indicators", "csv"]) in html
    response = client.get(reverse("reports:export", args=["municipalities", "xlsx"]))
    assert response.status_code == 200
