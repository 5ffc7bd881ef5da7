import datetime

import pytest

from shop.eligibility.models import Employer
from shop.eligibility.selectors import employment_for_credit, may_use_welfare_credit
from tests.factories.eligibility import EmployeeFactory, UserFactory

START = datetime.date(2025, 3, 1)
END = datetime.date(2025, 9, 30)

pytestmark = pytest.mark.django_db


@pytest.fixture
def employment():
    return EmployeeFactory(user=UserFactory(), start_date=START, end_date=END)


def test_employee_of_active_member_is_eligible_during_employment(employment):
    assert employment_for_credit(user=employment.user, on=datetime.date(2025, 6, 1)) == employment


def test_first_day_of_employment_is_eligible(employment):
    assert may_use_welfare_credit(user=employment.user, on=START)


def test_day_before_start_is_not_eligible(employment):
    assert not may_use_welfare_credit(user=employment.user, on=START - datetime.timedelta(days=1))


def test_last_day_of_employment_is_eligible(employment):
    assert may_use_welfare_credit(user=employment.user, on=END)


def test_day_after_end_of_employment_is_not_eligible(employment):
    assert not may_use_welfare_credit(user=employment.user, on=END + datetime.timedelta(days=1))


def test_open_ended_employment_stays_eligible():
    employment = EmployeeFactory(user=UserFactory(), start_date=START, end_date=None)
    assert may_use_welfare_credit(user=employment.user, on=datetime.date(2030, 1, 1))


@pytest.mark.parametrize(
    "status", [Employer.Status.SUSPENDED, Employer.Status.APPLICANT, Employer.Status.LEFT]
)
def test_employer_not_active_makes_employee_ineligible(employment, status):
    Employer.objects.filter(pk=employment.employer.pk).update(status=status)
    assert not may_use_welfare_credit(user=employment.user, on=datetime.date(2025, 6, 1))


def test_user_not_on_any_roster_is_not_eligible():
    assert employment_for_credit(user=UserFactory(), on=datetime.date(2025, 6, 1)) is None


def test_roster_row_without_linked_account_makes_nobody_eligible(employment):
    stranger = UserFactory(email=employment.work_email)
    assert not may_use_welfare_credit(user=stranger, on=datetime.date(2025, 6, 1))


def test_anonymous_user_is_not_eligible():
    from django.contrib.auth.models import AnonymousUser

    assert employment_for_credit(user=AnonymousUser()) is None


def test_second_employment_at_active_member_keeps_eligibility_when_first_employer_is_suspended(employment):
    EmployeeFactory(user=employment.user, start_date=START, end_date=None)
    Employer.objects.filter(pk=employment.employer.pk).update(status=Employer.Status.SUSPENDED)
    found = employment_for_credit(user=employment.user, on=datetime.date(2025, 6, 1))
    assert found is not None and found.employer.status == Employer.Status.ACTIVE
