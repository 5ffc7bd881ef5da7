"""Bookings fixtures: a controllable clock, a buyer with welfare credit, two suppliers and their
users (A and B, for the scoping tests)."""

import datetime

import pytest
from django.utils import timezone

from shop.welfare.models import Wallet
from tests.factories import PartnerFactory
from tests.factories.bookings import rome
from tests.factories.charter import supplier_user
from tests.factories.eligibility import EmployeeFactory, EmployerFactory, UserFactory
from tests.factories.welfare import funded_plan


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


@pytest.fixture
def supplier_a(db):
    return PartnerFactory(name="Cura Casa Sebino", phone="+39 035 111111")


@pytest.fixture
def supplier_b(db):
    return PartnerFactory(name="Assistenza Altrove")


@pytest.fixture
def user_a(supplier_a):
    return supplier_user(supplier_a, email="a@example.org")


@pytest.fixture
def user_b(supplier_b):
    return supplier_user(supplier_b, email="b@example.org")
