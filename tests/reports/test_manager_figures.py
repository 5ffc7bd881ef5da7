"""Each figure of the manager's report on the hand-made data set of conftest.py."""

from decimal import Decimal

from shop.reports import selectors
from shop.reports.selectors import Period, Scope
from tests.reports.conftest import PERIOD_START, TODAY

D = Decimal


def scope(area=""):
    return Scope(period=Period(start=PERIOD_START, end=TODAY), area=area)


def rows(table, *keys):
    return {row["label"]: tuple(row[k] for k in keys) for row in table.rows}


def test_spending_by_category_counts_each_product_in_its_root(dataset):
    table = selectors.spending_by_category(scope=scope())
    assert rows(table, "amount", "lines", "people") == {
        "Alimentari": (D("60.00"), 6, 6),
        "Servizi": (D("80.00"), 2, 2),
    }
    assert (table.total["amount"], table.total["lines"], table.total["people"]) == (D("140.00"), 8, 8)


def test_cancelled_and_earlier_orders_are_not_spending(dataset):
    table = selectors.spending_by_month(scope=scope())
    assert [row["amount"] for row in table.rows] == [D("140.00")]


def test_spending_by_supplier_and_municipality(dataset):
    by_supplier = selectors.spending_by_supplier(scope=scope())
    assert sorted(row["amount"] for row in by_supplier.rows) == [D("60.00"), D("80.00")]
    by_place = selectors.spending_by_municipality(scope=scope())
    assert rows(by_place, "amount", "people") == {"Grone": (D("90.00"), 6), "Sarnico": (D("50.00"), 2)}


def test_area_filter_keeps_the_buyers_of_that_area(dataset):
    table = selectors.spending_by_municipality(scope=scope("Val Cavallina"))
    assert rows(table, "amount") == {"Grone": (D("90.00"),)}
    assert selectors.spending_by_category(scope=scope("Basso Sebino")).total["amount"] == D("50.00")


def test_km0_share_by_value_and_by_lines_over_known_distances(dataset):
    figures = selectors.km0_figures(scope=scope())
    assert figures.km0_amount == D("60.00") and figures.known_amount == D("100.00")
    assert figures.share_by_value == D("60.0")
    assert (figures.km0_lines, figures.known_lines, figures.lines) == (6, 7, 8)
    assert figures.share_by_lines == D("85.7")
    assert figures.average_km == D("20.7")  # (5 × 5 + 100 + 20) / 7


def test_credit_funded_spent_expired_and_remaining_per_plan(dataset):
    table = selectors.credit_by_plan(scope=scope())
    year = TODAY.year
    assert {
        (r["employer"], r["label"]): (r["funded"], r["spent"], r["expired"], r["remaining"], r["people"])
        for r in table.rows
    } == {
        ("Cooperativa Alfa", f"Piano primavera {year}"): (D("120.00"), D("0.00"), D("120.00"), D("0.00"), 6),
        ("Cooperativa Alfa", f"Piano welfare {year}"): (D("600.00"), D("50.00"), D("0.00"), D("510.00"), 6),
        ("Cooperativa Beta", f"Piano welfare {year}"): (D("100.00"), D("0.00"), D("0.00"), D("100.00"), 2),
    }
    assert (table.total["funded"], table.total["spent"], table.total["remaining"]) == (
        D("820.00"),
        D("50.00"),
        D("610.00"),
    )


def test_credit_remaining_is_taken_at_the_end_of_the_period(dataset):
    before_any_entry = Scope(
        period=Period(
            start=PERIOD_START.replace(year=TODAY.year - 1), end=PERIOD_START.replace(year=TODAY.year - 1)
        )
    )
    assert selectors.credit_by_plan(scope=before_any_entry).rows == []


def test_suppliers_by_charter_status(dataset):
    table = selectors.suppliers_by_charter_status(scope=scope())
    approved = next(row for row in table.rows if row["label"] == "Approvato")
    assert approved["suppliers"] == 2 and table.total["suppliers"] == 2


def test_inclusion_figures_from_the_packing_station(dataset):
    summary = selectors.inclusion_summary(scope=scope())
    assert (summary.trainees, summary.sessions, summary.boxes_packed) == (1, 1, 1)
    assert summary.hours == D("2.0")


def test_needs_covered_and_not_covered_by_municipality(dataset):
    from oscar.core.loading import get_model

    Partner = get_model("partner", "Partner")
    Partner.objects.get(stockrecords__product__title="Assistenza").served_municipalities.add(dataset["grone"])
    table = selectors.needs_coverage_table(scope=scope())
    needs = len(table.rows[0]["missing"].split(", ")) + table.rows[0]["covered"]
    by_place = {row["label"]: (row["covered"], row["uncovered"]) for row in table.rows}
    assert by_place == {"Grone": (1, needs - 1), "Sarnico": (0, needs)}
    assert "Assistenza a casa" not in next(r for r in table.rows if r["label"] == "Grone")["missing"]
    assert [row["label"] for row in selectors.needs_coverage_table(scope=scope("Basso Sebino")).rows] == [
        "Sarnico"
    ]
