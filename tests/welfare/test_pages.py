from decimal import Decimal

from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from shop.welfare.context_processors import wallet as wallet_context
from shop.welfare.models import CreditPlan
from tests.factories.eligibility import EmployeeFactory, UserFactory, make_hr_contact
from tests.factories.welfare import YEAR_END, YEAR_START, funded_plan, order_with_credit, product_in


def test_the_employee_sees_balance_available_and_statement(client, employer, employee_user):
    funded_plan(employer=employer, amount="80.00")
    product = product_in(category_path="Servizi > Assistenza", price="30.00")
    order = order_with_credit(user=employee_user, lines=[(product, 1)])
    client.force_login(employee_user)

    response = client.get(reverse("welfare:wallet"))

    assert response.status_code == 200
    assert (response.context["balance"], response.context["available"]) == (
        Decimal("80.00"),
        Decimal("50.00"),
    )
    rows = response.context["wallets"][0].rows
    assert [row.entry.kind for row in rows] == ["reserve", "fund"]
    assert str(order.number) in response.content.decode()


def test_the_wallet_page_shows_only_the_users_own_wallets(client, employer, employee_user):
    colleague = UserFactory()
    EmployeeFactory(employer=employer, user=colleague)
    funded_plan(employer=employer, amount="80.00")
    client.force_login(colleague)

    response = client.get(reverse("welfare:wallet"))

    wallets = response.context["wallets"]
    assert [s.wallet.employee.user for s in wallets] == [colleague]


def test_hr_creates_and_funds_a_plan_and_sees_aggregates(client, employer, hr_user):
    for _ in range(5):
        EmployeeFactory(employer=employer)
    client.force_login(hr_user)

    response = client.post(
        reverse("welfare:hr-plan-create"),
        {
            "employer": employer.pk,
            "name": "Piano famiglie",
            "year": YEAR_START.year,
            "amount_per_employee": "300,00",
            "valid_from": YEAR_START.isoformat(),
            "valid_to": YEAR_END.isoformat(),
            "regulation_reference": "Regolamento welfare, delibera del 12/01",
        },
    )
    plan = CreditPlan.objects.get()
    assert response.status_code == 302
    client.post(reverse("welfare:hr-plan-fund", kwargs={"pk": plan.pk}))
    detail = client.get(reverse("welfare:hr-plan-detail", kwargs={"pk": plan.pk}))

    totals = detail.context["totals"]
    assert (totals.funded, totals.remaining, totals.shown) == (Decimal("1500.00"), Decimal("1500.00"), True)
    assert "Nome" not in detail.content.decode()  # no names, no per-person rows


def test_hr_plan_form_keeps_input_and_writes_nothing_on_bad_dates(client, employer, hr_user):
    client.force_login(hr_user)
    response = client.post(
        reverse("welfare:hr-plan-create"),
        {
            "employer": employer.pk,
            "name": "Piano",
            "year": 2026,
            "amount_per_employee": "100",
            "valid_from": "2026-12-31",
            "valid_to": "2026-01-01",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["valid_to"]
    assert 'value="Piano"' in response.content.decode()
    assert not CreditPlan.objects.exists()


def test_spending_figures_are_hidden_below_five_people(client, employer, employee_user, hr_user):
    plan = funded_plan(employer=employer, amount="80.00")
    client.force_login(hr_user)

    response = client.get(reverse("welfare:hr-plan-detail", kwargs={"pk": plan.pk}))

    assert response.context["totals"].shown is False


def test_hr_of_another_employer_gets_404_on_a_plan(client, employer, other_employer):
    plan = funded_plan(employer=employer, amount="80.00")
    intruder = make_hr_contact(employer=other_employer)
    client.force_login(intruder)

    assert client.get(reverse("welfare:hr-plan-detail", kwargs={"pk": plan.pk})).status_code == 404
    assert client.post(reverse("welfare:hr-plan-fund", kwargs={"pk": plan.pk})).status_code == 404
    assert plan not in client.get(reverse("welfare:hr-plan-list")).context["rows"]


def test_an_employee_cannot_reach_hr_plan_pages(client, employee_user):
    client.force_login(employee_user)
    assert client.get(reverse("welfare:hr-plan-list")).status_code == 403
    assert client.get(reverse("welfare:hr-plan-create")).status_code == 403


def test_the_context_processor_queries_nothing_for_anonymous_visitors(db):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with CaptureQueriesContext(connection) as queries:
        context = wallet_context(request)
        rendered = Template("{% if welfare_balance %}x{% endif %}").render(Context(context))
    assert rendered == ""
    assert len(queries) == 0


def test_the_context_processor_gives_available_credit_to_an_employee(employer, employee_user):
    funded_plan(employer=employer, amount="80.00")
    request = RequestFactory().get("/")
    request.user = employee_user

    with CaptureQueriesContext(connection) as queries:
        context = wallet_context(request)
    assert len(queries) == 0  # nothing until a template reads it
    rendered = Template(
        "{% load currency_filters %}{{ welfare_balance|currency }} {{ welfare_balance }}"
    ).render(Context(context))
    assert rendered.startswith("80,00")
    assert context["welfare_balance"]() == Decimal("80.00")
