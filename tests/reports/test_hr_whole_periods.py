"""HR figures come for whole months, quarters or years only, so ranges cannot be differenced,
and every money aggregate is a Decimal to the cent on SQLite and PostgreSQL."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from shop.core.money import MoneySum
from shop.reports import selectors
from shop.reports.selectors import Period, Scope
from shop.welfare.models import LedgerEntry, Wallet
from shop.welfare.services import wallet_adjust
from tests.reports.conftest import PERIOD_START, TODAY

D = datetime.date


@pytest.mark.parametrize(
    ("start", "end", "whole"),
    [
        (D(2026, 11, 1), D(2026, 11, 30), True),
        (D(2026, 2, 1), D(2026, 2, 28), True),
        (D(2026, 10, 1), D(2026, 12, 31), True),
        (D(2026, 1, 1), D(2026, 12, 31), True),
        (D(2026, 2, 1), D(2026, 4, 30), False),  # three months, not a quarter
        (D(2026, 1, 1), D(2026, 12, 2), False),  # year to date
        (D(2026, 1, 1), D(2026, 12, 3), False),  # and a day later: the difference is one day
        (D(2026, 11, 2), D(2026, 11, 30), False),
        (D(2026, 1, 1), D(2026, 6, 30), False),
    ],
)
def test_whole_periods(start, end, whole):
    assert Period(start=start, end=end).is_whole is whole


def test_hr_cannot_get_two_ranges_a_day_apart(client, dataset, hr_a):
    """Differencing: year to 2 December and year to 3 December would isolate one day's buyers."""
    client.force_login(hr_a)
    url = reverse("reports:hr-report", args=[dataset["employer_a"].pk])
    for end in ("2026-12-02", "2026-12-03"):
        response = client.get(url, {"date_from": "2026-01-01", "date_to": end})
        assert response.status_code == 200
        assert "sections" not in response.context
        assert "mesi, trimestri o anni interi" in response.content.decode()
        export = reverse("reports:hr-export", args=[dataset["employer_a"].pk, "credit", "csv"])
        assert client.get(export, {"date_from": "2026-01-01", "date_to": end}).status_code == 404
    with pytest.raises(ValueError):
        selectors.scope_for_hr(
            user=hr_a,
            employer_id=dataset["employer_a"].pk,
            period=Period(start=D(2026, 1, 1), end=D(2026, 12, 2)),
        )


def test_hr_gets_a_whole_quarter_and_by_default_the_whole_year(client, dataset, hr_a):
    client.force_login(hr_a)
    url = reverse("reports:hr-report", args=[dataset["employer_a"].pk])
    quarter = client.get(url, {"date_from": "2026-10-01", "date_to": "2026-12-31"})
    assert quarter.context["period"] == Period(start=D(2026, 10, 1), end=D(2026, 12, 31))
    default = client.get(url)
    assert default.context["period"] == Period(start=D(TODAY.year, 1, 1), end=D(TODAY.year, 12, 31))


def test_money_sums_are_decimals_to_the_cent(dataset):
    wallet = Wallet.objects.order_by("pk").first()
    for amount in ("0.10", "0.20", "369.90", "369.90", "369.60"):
        wallet_adjust(wallet=wallet, amount=Decimal(amount), note="prova", by=None)
    total = LedgerEntry.objects.filter(wallet=wallet, kind="adjust").aggregate(total=MoneySum("amount"))[
        "total"
    ]
    assert str(total) == "1109.70"
    empty = LedgerEntry.objects.filter(pk=-1).aggregate(total=MoneySum("amount"))["total"]
    assert str(empty) == "0.00"


def test_the_credit_report_writes_cents(dataset):
    table = selectors.credit_by_plan(scope=Scope(period=Period(start=PERIOD_START, end=TODAY)))
    _header, rows = table.as_lists()
    money = [value for row in rows for value in row if isinstance(value, Decimal)]
    assert money and all(
        value == value.quantize(Decimal("0.01")) and value.as_tuple().exponent == -2 for value in money
    )
