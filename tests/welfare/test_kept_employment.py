"""The buyer's employment is kept across page reads (eligibility.EMPLOYMENT_VERSION) and read
from the database by every request that may write: credit is never spent on a kept answer.

A roster change saved through the model (HR's roster page, the import) shows on the next
page; one written without signals (a bulk ``update()``) still stops the credit at once,
because adding to the basket, reserving credit and placing the order read it afresh."""

import datetime
from decimal import Decimal

import pytest

from shop.core.request_memo import writing_request
from shop.eligibility.models import Employee
from shop.eligibility.selectors import employment_for_credit
from shop.welfare.allocation import CreditLine
from shop.welfare.exceptions import NotEligible
from shop.welfare.services import credit_allocate
from tests.factories.welfare import ON, funded_plan, product_in
from tests.request_scope import as_one_request

pytestmark = pytest.mark.django_db

YESTERDAY = ON - datetime.timedelta(days=1)


def in_a_request(ask, *, writes=False):
    with as_one_request():
        if writes:
            with writing_request():
                return ask()
        return ask()


@pytest.fixture
def buyer(employer, employee_user):
    funded_plan(employer=employer, amount="500.00", categories=["Alimentari"])
    product = product_in(category_path="Alimentari > Verdura", price="12.50")
    line = CreditLine(key="1", product=product, amount=Decimal("12.50"))
    return employee_user, line


def employment(user):
    return in_a_request(lambda: employment_for_credit(user=user, on=ON))


def test_a_page_read_reuses_the_employment_of_the_previous_one(buyer, django_assert_num_queries):
    user, _line = buyer
    employment(user)

    with django_assert_num_queries(0):
        assert employment(user) is not None


def test_an_employment_ended_on_the_roster_stops_the_credit_on_the_next_page(buyer):
    user, _line = buyer
    assert employment(user) is not None

    entry = Employee.objects.get(user=user)
    entry.end_date = YESTERDAY
    entry.save()

    assert employment(user) is None


def test_an_employment_ended_without_signals_stops_the_credit_at_once(buyer):
    user, line = buyer
    assert employment(user) is not None

    Employee.objects.filter(user=user).update(end_date=YESTERDAY)

    assert in_a_request(lambda: employment_for_credit(user=user, on=ON), writes=True) is None
    with pytest.raises(NotEligible):
        in_a_request(lambda: credit_allocate(user=user, lines=[line], on=ON), writes=True)
