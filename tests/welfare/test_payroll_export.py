"""The payroll export on a hand-made month: totals per employee and fiscal treatment."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from shop.core.roles import Role, grant_role
from shop.welfare import claims
from shop.welfare.models import Wallet
from shop.welfare.services import children_declare, credit_return_line, credit_spend_for_order
from tests.factories.eligibility import EmployeeFactory, UserFactory, make_hr_contact
from tests.factories.welfare import ON, funded_plan, order_with_credit, product_in
from tests.welfare.fiscal_factories import file_claim


@pytest.fixture
def month_of_welfare(employer, employee_user, employee):
    """Giulia: 2×300 c.3 + 200 c.2 f spent, one c.3 unit refunded, a 120 f-bis claim approved.
    Marco: 50 c.2 f spent and nothing else."""
    funded_plan(employer=employer, amount="1500.00")
    fringe = product_in(
        category_path="Alimentari", price="300.00", benefit_type="c3", title="Cesto di Natale"
    )
    care = product_in(category_path="Servizi", price="200.00", benefit_type="c2_f", title="Fisioterapia")
    order = order_with_credit(user=employee_user, lines=[(fringe, 2), (care, 1)])
    credit_spend_for_order(order=order)
    credit_return_line(line=order.lines.get(product=fringe), quantity=1, reference="rimborso-1")
    reviewer = UserFactory(is_staff=True)
    grant_role(reviewer, Role.MANAGER)
    claim = file_claim(user=employee_user, wallet=Wallet.objects.get(employee=employee))
    claims.claim_start_review(claim=claim, by=reviewer)
    claims.claim_approve(claim=claim, by=reviewer)
    children_declare(employee=employee, year=ON.year, children_count=1, by=employee_user)

    marco_user = UserFactory()
    marco = EmployeeFactory(employer=employer, user=marco_user, last_name="Zanardi")
    plan2 = funded_plan(employer=employer, name="Secondo piano", amount="100.00")
    assert Wallet.objects.filter(employee=marco, plan=plan2).exists()
    massage = product_in(category_path="Servizi", price="50.00", benefit_type="c2_f", title="Massaggio")
    credit_spend_for_order(order=order_with_credit(user=marco_user, lines=[(massage, 1)]))
    return employee, marco


def query(employer, **extra):
    return {"employer": employer.pk, "year": ON.year, "month": ON.month, **extra}


def test_the_page_shows_totals_per_employee_and_treatment(client, employer, hr_user, month_of_welfare):
    giulia, marco = month_of_welfare
    client.force_login(hr_user)
    page = client.get(reverse("welfare:hr-payroll"), query(employer))
    assert page.status_code == 200
    rows = {row.employee: row for row in page.context["rows"]}
    assert rows[giulia].by_type == {"c3": Decimal("300.00"), "c2_f": Decimal("200.00")}
    assert rows[giulia].reimbursed == Decimal("120.00")
    assert rows[giulia].total == Decimal("620.00")
    assert rows[giulia].fringe.cap == Decimal("2000.00")
    assert rows[marco].by_type == {"c2_f": Decimal("50.00")} and rows[marco].reimbursed == Decimal("0.00")
    # The page's own content: the site header lists every top-level category to everyone.
    html = page.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    for secret in ("Cesto di Natale", "Fisioterapia", "Massaggio", "Asilo nido", "Alimentari"):
        assert secret not in main
    for secret in ("Cesto di Natale", "Fisioterapia", "Massaggio", "Asilo nido"):
        assert secret not in html


def test_csv_and_xlsx_carry_the_same_totals_and_no_items(client, employer, hr_user, month_of_welfare):
    giulia, _marco = month_of_welfare
    client.force_login(hr_user)
    response = client.get(reverse("welfare:hr-payroll"), query(employer, export="csv"))
    assert response["Content-Type"].startswith("text/csv")
    content = response.content.decode()
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    header, body = rows[0], rows[1:]
    line = dict(zip(header, next(r for r in body if r[0] == giulia.codice_fiscale), strict=True))
    assert line["Usato c3"] == "300.00" and line["Usato c2_f"] == "200.00" and line["Usato c2_fbis"] == "0.00"
    assert line["Rimborsato"] == "120.00" and line["Totale"] == "620.00"
    assert line["Figli a carico dichiarati"] == "sì" and line["Fringe benefit tassabili"] == "0.00"
    assert len(body) == 2
    for secret in ("Cesto di Natale", "Fisioterapia", "Asilo nido", "Alimentari"):
        assert secret not in content

    response = client.get(reverse("welfare:hr-payroll"), query(employer, export="xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    xlsx_line = dict(
        zip(values[0], next(r for r in values[1:] if r[0] == giulia.codice_fiscale), strict=True)
    )
    assert xlsx_line["Totale"] == "620.00" and xlsx_line["Rimborsato"] == "120.00"


def test_another_employers_payroll_is_not_found(client, employer, other_employer, month_of_welfare):
    other_hr = make_hr_contact(employer=other_employer)
    client.force_login(other_hr)
    assert client.get(reverse("welfare:hr-payroll"), query(employer)).status_code == 404
    assert client.get(reverse("welfare:hr-payroll"), query(employer, export="csv")).status_code == 404


def test_an_employee_is_not_let_into_the_payroll(client, employer, employee_user, month_of_welfare):
    client.force_login(employee_user)
    assert client.get(reverse("welfare:hr-payroll"), query(employer)).status_code == 403


def test_hr_cannot_open_an_employees_orders(client, employer, hr_user, employee_user, month_of_welfare):
    from oscar.core.loading import get_model

    order = get_model("order", "Order").objects.filter(user=employee_user).first()
    client.force_login(hr_user)
    response = client.get(reverse("customer:order", kwargs={"order_number": order.number}))
    assert response.status_code == 404
    assert client.get(reverse("dashboard:order-detail", kwargs={"number": order.number})).status_code in (
        302,
        403,
    )
