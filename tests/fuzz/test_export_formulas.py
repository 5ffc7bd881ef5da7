"""Names that look like spreadsheet formulas come out of the exports as text, never as formulas."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from shop.core.spreadsheet import spreadsheet_text
from shop.welfare.services import credit_spend_for_order
from tests.factories.welfare import ON, funded_plan, order_with_credit, product_in

pytestmark = pytest.mark.django_db

FORMULA = "=CMD|' /C calc'!A0"


@given(text=st.text(max_size=30))
def test_spreadsheet_text_never_starts_a_formula_and_only_adds_an_apostrophe(text):
    safe = spreadsheet_text(text)
    assert not safe.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert safe in (text, "'" + text)


def test_regression_a_formula_name_from_the_roster_ran_in_the_payroll_export(
    hr_client, employer, employee_user, employee
):
    employee.first_name, employee.last_name = FORMULA, "@SUM(1+1)"
    employee.save()
    funded_plan(employer=employer, amount="100.00")
    care = product_in(category_path="Servizi", price="50.00", benefit_type="c2_f")
    credit_spend_for_order(order=order_with_credit(user=employee_user, lines=[(care, 1)]))
    query = {"employer": employer.pk, "year": ON.year, "month": ON.month}

    response = hr_client.get(reverse("welfare:hr-payroll"), {**query, "export": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert rows[1][1:3] == ["'@SUM(1+1)", "'" + FORMULA]

    response = hr_client.get(reverse("welfare:hr-payroll"), {**query, "export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = list(sheet.iter_rows(min_row=2, max_row=2))[0]
    assert [c.value for c in cells[1:3]] == ["'@SUM(1+1)", "'" + FORMULA]
    assert all(c.data_type == "s" for c in cells[1:3])  # text, not a formula ("f")
