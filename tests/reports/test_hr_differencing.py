"""An HR contact cannot work out a hidden group by subtracting figures it is shown: not a
quarter minus its months, not a total minus the visible rows of another table."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from shop.reports import selectors
from shop.reports.selectors import SUPPRESSED, Period
from tests.factories import MunicipalityFactory
from tests.factories.eligibility import EmployeeFactory, EmployerFactory, UserFactory, make_hr_contact
from tests.factories.welfare import product_in
from tests.reports.conftest import _plain_order

Order = get_model("order", "Order")

YEAR = timezone.localdate().year - 1
QUARTER = Period(start=datetime.date(YEAR, 10, 1), end=datetime.date(YEAR, 12, 31))


def _placed(order, month):
    Order.objects.filter(pk=order.pk).update(
        date_placed=timezone.make_aware(datetime.datetime(YEAR, month, 10, 12, 0))
    )


@pytest.fixture
def quarter(db):
    """Six employees of one employer. Honey: five buyers in October, five in November, two in
    December; soap: six buyers in October only; bread: one of November's honey buyers."""
    grone = MunicipalityFactory(
        istat_code="016119", name="Grone", area="Val Cavallina", cadastral_code="E189"
    )
    employer = EmployerFactory(legal_name="Cooperativa Gamma", area="Val Cavallina", seat=grone)
    users = [UserFactory() for _ in range(6)]
    for user in users:
        EmployeeFactory(employer=employer, user=user, home_municipality=grone)
    honey = product_in(category_path="Alimentari > Miele", price="10.00", title="Miele")
    soap = product_in(category_path="Casa > Detersivi", price="4.00", title="Sapone")
    for month, buyers in ((10, users[:5]), (11, users[1:6]), (12, users[:2])):
        for user in buyers:
            _placed(_plain_order(user=user, product=honey, km="5.0", home=grone, price="10.00"), month)
    for user in users:
        _placed(_plain_order(user=user, product=soap, km="5.0", home=grone, price="4.00"), 10)
    bread = product_in(category_path="Forno > Pane", price="3.00", title="Pane")
    _placed(_plain_order(user=users[1], product=bread, km="5.0", home=grone, price="3.00"), 11)
    return {"employer": employer, "hr": make_hr_contact(employer=employer)}


def _report(quarter, period):
    scope = selectors.scope_for_hr(user=quarter["hr"], employer_id=quarter["employer"].pk, period=period)
    return {table.slug: table for table in selectors.employer_report(scope=scope)}


def _rows(table):
    return {(row.get("employer"), row["label"]): row for row in table.rows}


def test_a_quarter_hides_a_row_that_one_of_its_months_hides(quarter):
    q = _rows(_report(quarter, QUARTER)["spending-category"])
    assert q[(None, "Alimentari")]["amount"] == SUPPRESSED  # 100 − 50 − 50 would give December's 20
    assert q[(None, "Alimentari")]["people"] == SUPPRESSED
    assert q[(None, "Casa")]["amount"] == Decimal("24.00")  # only October, six buyers: nothing to hide
    assert q[(None, "Casa")]["people"] == 6


def test_no_figure_of_a_quarter_minus_its_months_reveals_a_hidden_group(quarter):
    """For every table: where the quarter shows a row, no month of it hides that row, and
    where it shows a total, no spending table of any month hides anything."""
    whole = _report(quarter, QUARTER)
    months = [_report(quarter, month) for month in QUARTER.months()]
    assert [m.start.month for m in QUARTER.months()] == [10, 11, 12]
    for slug, table in whole.items():
        if slug == "spending-month":
            continue
        for key, row in _rows(table).items():
            if row.get(table.private[0]) == SUPPRESSED:
                continue
            for month in months:
                month_row = _rows(month[slug]).get(key)
                assert month_row is None or month_row[table.private[0]] != SUPPRESSED, (slug, key)
    hidden_somewhere = any(
        t.suppressed for m in [whole, *months] for t in m.values() if t.slug.startswith("spending-")
    )
    assert hidden_somewhere
    assert all(whole[slug].total is None for slug in whole if slug.startswith("spending-"))


def test_a_month_row_is_hidden_when_that_months_breakdown_hides_a_row(quarter):
    by_month = _rows(_report(quarter, QUARTER)["spending-month"])
    amounts = [row["amount"] for row in by_month.values()]
    # October: honey 5 buyers, soap 6 — nothing hidden. November: five buyers (€53), but its
    # bread row has one, and €53 − €50 of honey would give it away. December: two buyers.
    assert amounts == [Decimal("74.00"), SUPPRESSED, SUPPRESSED]


def test_a_total_is_dropped_from_every_spending_table_when_one_hides_a_row(dataset, hr_a):
    """Employer A: honey 5 buyers (€50), home care 1 buyer (€40), all in Grone. The
    municipality total (€90) minus the visible honey row would give the home care away."""
    scope = selectors.scope_for_hr(
        user=hr_a, employer_id=dataset["employer_a"].pk, period=Period(*_this_month())
    )
    report = {t.slug: t for t in selectors.employer_report(scope=scope)}
    assert report["spending-category"].suppressed
    assert report["spending-municipality"].rows[0]["amount"] == Decimal("90.00")
    for slug in ("spending-category", "spending-supplier", "spending-municipality", "spending-month"):
        assert report[slug].total is None, slug
    assert report["spending-month"].rows[0]["amount"] == SUPPRESSED


def _this_month():
    today = timezone.localdate()
    start = today.replace(day=1)
    after = (start.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return start, after - datetime.timedelta(days=1)


def test_hr_reports_have_no_area_filter(dataset, hr_a, client):
    """One area's figures subtracted from both areas' would give the other area's."""
    client.force_login(hr_a)
    url = reverse("reports:hr-report", args=[dataset["employer_a"].pk])
    page = client.get(url, {"date_from": f"{YEAR}-10-01", "date_to": f"{YEAR}-12-31", "area": "Basso Sebino"})
    assert page.status_code == 200
    assert "area" not in page.context["form"].fields
    assert 'name="area"' not in page.content.decode()
    assert page.context["sections"]
