import re
from decimal import Decimal

from shop.reports.charts import line_chart
from shop.reports.selectors import Chart, Column, Table

MONTHS = [
    "Gennaio",
    "Febbraio",
    "Marzo",
    "Aprile",
    "Maggio",
    "Giugno",
    "Luglio",
    "Agosto",
    "Settembre",
    "Ottobre",
    "Novembre",
    "Dicembre",
]


def months_table(names, year=2026):
    return Table(
        slug="m",
        title="Spesa per mese",
        columns=[Column("month", "Mese"), Column("amount", "Spesa (€)", "money")],
        rows=[{"month": f"{m} {year}", "amount": Decimal("10.00") * (i + 1)} for i, m in enumerate(names)],
        chart=Chart(kind="line", label_key="month", value_key="amount"),
    )


def axis_texts(svg: str) -> list[list[str]]:
    return [
        re.findall(r"<tspan[^>]*>([^<]*)</tspan>", t)
        for t in re.findall(r"<text[^>]*>(<tspan.*?)</text>", svg)
    ]


def test_a_few_months_keep_their_whole_names_and_year_on_two_lines():
    svg = str(line_chart(months_table(MONTHS[9:])))
    assert axis_texts(svg) == [["Ottobre", "2026"], ["Novembre", "2026"], ["Dicembre", "2026"]]
    assert "Dicembre 202<" not in svg


def test_a_whole_year_shortens_the_month_but_never_the_year():
    svg = str(line_chart(months_table(MONTHS)))
    labels = axis_texts(svg)
    assert labels[-1] == ["Dic", "2026"] and labels[8] == ["Set", "2026"]
    assert all(year == "2026" for _month, year in labels)
    assert "Dicembre 2026: 120,00" in svg  # the full label stays in the description
