from decimal import Decimal

from shop.welfare.models import EmployeeCategory, EmployeeWelfareProfile, Wallet
from shop.welfare.services import plan_create, plan_fund
from tests.factories.eligibility import EmployeeFactory
from tests.factories.welfare import ON, YEAR_END, YEAR_START


def test_funding_follows_the_categories_of_the_regulation(employer):
    clerk = EmployeeFactory(employer=employer)
    worker = EmployeeFactory(employer=employer)
    unclassified = EmployeeFactory(employer=employer)
    EmployeeWelfareProfile.objects.create(employee=clerk, category=EmployeeCategory.CLERK)
    EmployeeWelfareProfile.objects.create(employee=worker, category=EmployeeCategory.WORKER)
    plan = plan_create(
        employer=employer,
        name="Piano impiegati",
        year=ON.year,
        amount_per_employee=Decimal("200.00"),
        valid_from=YEAR_START,
        valid_to=YEAR_END,
        regulation_reference="Regolamento welfare, delibera del CdA del 12/01",
        employee_categories=[EmployeeCategory.CLERK],
    )
    plan_fund(plan=plan, on=ON)
    assert set(Wallet.objects.filter(plan=plan).values_list("employee", flat=True)) == {clerk.pk}
    assert unclassified.pk not in set(Wallet.objects.values_list("employee", flat=True))


def test_a_plan_without_categories_funds_all_employees(employer):
    people = [EmployeeFactory(employer=employer) for _ in range(2)]
    plan = plan_create(
        employer=employer,
        name="Piano per tutti",
        year=ON.year,
        amount_per_employee=Decimal("100.00"),
        valid_from=YEAR_START,
        valid_to=YEAR_END,
        regulation_reference="Regolamento welfare 2026",
    )
    plan_fund(plan=plan, on=ON)
    assert Wallet.objects.filter(plan=plan).count() == len(people)


def test_hr_sets_categories_of_its_own_employees_only(client, employer, other_employer, hr_user):
    from django.urls import reverse

    mine = EmployeeFactory(employer=employer)
    theirs = EmployeeFactory(employer=other_employer)
    client.force_login(hr_user)
    url = reverse("welfare:hr-categories")
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"employer": employer.pk, f"category_{mine.pk}": "clerk", f"category_{theirs.pk}": "executive"}
    )
    assert response.status_code == 302
    assert EmployeeWelfareProfile.objects.get(employee=mine).category == "clerk"
    assert not EmployeeWelfareProfile.objects.filter(employee=theirs).exists()
    assert client.get(url, {"employer": other_employer.pk}).status_code == 404
