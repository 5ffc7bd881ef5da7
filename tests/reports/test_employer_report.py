"""The employer's report: its own employees only, aggregates, every group under 5 people hidden."""

import datetime
from decimal import Decimal

import pytest
from django.http import Http404
from django.urls import reverse

from shop.reports import selectors
from shop.reports.selectors import Period
from tests.reports.conftest import PERIOD_START, TODAY

D = Decimal
PERIOD = Period(start=PERIOD_START, end=datetime.date(TODAY.year, 12, 31))


def hr_scope(user, employer):
    return selectors.scope_for_hr(user=user, employer_id=employer.pk, period=PERIOD)


def test_groups_under_five_people_are_suppressed_and_the_total_dropped(dataset, hr_a):
    scope = hr_scope(hr_a, dataset["employer_a"])
    table = selectors.spending_by_category(scope=scope)
    by_label = {row["label"]: row for row in table.rows}
    assert (by_label["Alimentari"]["amount"], by_label["Alimentari"]["people"]) == (D("50.00"), 5)
    assert by_label["Servizi"]["amount"] == "< 5" and by_label["Servizi"]["people"] == "< 5"
    assert by_label["Servizi"]["lines"] == "< 5"
    assert table.total is None  # 90 − 50 would give the hidden 40 away


def test_groups_of_five_or_more_keep_figures_and_total(dataset, hr_a):
    scope = hr_scope(hr_a, dataset["employer_a"])
    table = selectors.spending_by_municipality(scope=scope)
    assert [(r["label"], r["amount"], r["people"]) for r in table.rows] == [("Grone", D("90.00"), 6)]
    assert table.total["amount"] == D("90.00")
    # In the report HR sees, the total goes: the category table hides a row (test_hr_differencing).
    shown = selectors.table_by_slug(selectors.employer_report(scope=scope), "spending-municipality")
    assert shown.rows[0]["amount"] == D("90.00") and shown.total is None
    km0 = selectors.km0_table(scope=scope).rows[0]
    assert (km0["amount"], km0["share_value"], km0["people"]) == (D("50.00"), D("55.6"), 6)


def test_small_employer_sees_only_suppressed_cells_but_its_funding(dataset, hr_b):
    scope = hr_scope(hr_b, dataset["employer_b"])
    report = selectors.employer_report(scope=scope)
    for table in report:
        for row in table.rows:
            assert row.get("people") == "< 5", (table.slug, row)
    credit = selectors.table_by_slug(report, "credit").rows[0]
    assert credit["funded"] == D("100.00") and credit["spent"] == "< 5" and credit["remaining"] == "< 5"


def test_employer_report_never_names_a_person(dataset, hr_a, client):
    client.force_login(hr_a)
    html = client.get(reverse("reports:hr-report", args=[dataset["employer_a"].pk])).content.decode()
    for user in dataset["a_users"]:
        employee = user.employments.get()
        assert employee.last_name not in html and user.email not in html and user.username not in html
    assert "Cooperativa Beta" not in html


def test_employer_cannot_see_another_employers_figures(dataset, hr_a, client):
    with pytest.raises(Http404):
        hr_scope(hr_a, dataset["employer_b"])
    client.force_login(hr_a)
    other = dataset["employer_b"].pk
    assert client.get(reverse("reports:hr-report", args=[other])).status_code == 404
    assert client.get(reverse("reports:hr-export", args=[other, "credit", "csv"])).status_code == 404


def test_employer_totals_exclude_other_employers(dataset, hr_a):
    scope = hr_scope(hr_a, dataset["employer_a"])
    credit = selectors.credit_by_plan(scope=scope)
    assert {row["employer"] for row in credit.rows} == {"Cooperativa Alfa"}
    assert selectors.spending_by_month(scope=scope).rows[0]["amount"] == D("90.00")


def test_hr_report_index_leads_to_the_own_employer(dataset, hr_a, client):
    client.force_login(hr_a)
    response = client.get(reverse("reports:hr-report-index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:hr-report", args=[dataset["employer_a"].pk])


def test_employee_is_not_let_into_the_hr_report(dataset, client):
    client.force_login(dataset["a_users"][0])
    assert client.get(reverse("reports:hr-report", args=[dataset["employer_a"].pk])).status_code == 403
