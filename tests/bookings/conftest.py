"""Bookings fixtures: a controllable clock, a buyer with welfare credit, a supplier user."""

import datetime

import pytest
from django.utils import timezone

from shop.welfare.models import Wallet
from tests.bookings.factories import rome
from tests.eligibility.factories import EmployeeFactory, EmployerFactory, UserFactory
from tests.welfare.factories import funded_plan


class Clock:
    """timezone.now() under the test's control (services, selectors and models all read it)."""

    def __init__(self, monkeypatch, start: datetime.datetime):
        self.now = start
        monkeypatch.setattr(timezone, "now", lambda: self.now)

    def set(self, moment: datetime.datetime) -> None:
        self.now = moment

    def advance(self, **delta) -> None:
        self.now += datetime.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch, rome(2026, 3, 2, 10))  # a Monday


@pytest.fixture
def employer(db):
    return EmployerFactory(legal_name="Cooperativa Il Sorriso")


@pytest.fixture
def buyer(employer):
    user = UserFactory(first_name="Fabio", email="fabio@example.it")
    EmployeeFactory(employer=employer, user=user)
    return user


@pytest.fixture
def other_buyer(employer):
    user = UserFactory(first_name="Giulia", email="giulia@example.it")
    EmployeeFactory(employer=employer, user=user)
    return user


@pytest.fixture
def wallet(employer, buyer):
    plan = funded_plan(employer=employer, amount="500.00")
    return Wallet.objects.get(employee__user=buyer, plan=plan)
