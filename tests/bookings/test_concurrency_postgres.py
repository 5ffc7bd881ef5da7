"""Buyers holding the same slot at the same moment, each thread on its own connection: the
slot counters' row locks give each place once (PostgreSQL; SQLite serialises writers)."""

import datetime

import pytest
from django.db import connection

from shop.bookings.exceptions import SlotFull, SlotUnavailable
from shop.bookings.models import Booking, SlotCounter
from shop.bookings.services import booking_hold
from tests.factories.bookings import rome, service_calendar
from tests.factories.eligibility import UserFactory
from tests.welfare.test_concurrency_postgres import run_together

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

T = datetime.time


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL: run with DATABASE_URL=postgres://...")


def hold(calendar, buyer, start):
    return booking_hold(calendar=calendar, buyer=buyer, start=start).reference


def test_two_buyers_never_get_the_last_place(clock):
    calendar = service_calendar(windows=((T(9), T(10)),), default_capacity=1)
    buyers = [UserFactory(), UserFactory()]
    start = rome(2026, 3, 3, 9)

    results = run_together(hold, [(calendar, buyer, start) for buyer in buyers])

    assert sum(isinstance(r, str) for r in results) == 1, results
    assert sum(isinstance(r, SlotFull) for r in results) == 1, results
    assert Booking.objects.count() == 1
    assert SlotCounter.objects.get(calendar=calendar, start=start).taken == 1


def test_many_buyers_fill_a_slot_exactly_to_capacity(clock):
    calendar = service_calendar(windows=((T(9), T(10)),), default_capacity=3)
    buyers = [UserFactory() for _ in range(8)]
    start = rome(2026, 3, 3, 9)

    results = run_together(hold, [(calendar, buyer, start) for buyer in buyers])

    assert sum(isinstance(r, str) for r in results) == 3, results
    assert sum(isinstance(r, SlotFull) for r in results) == 5, results
    assert Booking.objects.filter(status="held").count() == 3


def test_multi_session_holds_overlapping_in_a_later_session_never_overbook(clock):
    # Weekly sessions: a booking from 3/3 takes 3/3 and 10/3; one from 10/3 takes 10/3 and 17/3.
    calendar = service_calendar(
        weekdays=(1,), windows=((T(9), T(10)),), default_capacity=1, session_count=2, session_every_days=7
    )
    buyers = [UserFactory(), UserFactory()]

    results = run_together(
        hold, [(calendar, buyers[0], rome(2026, 3, 3, 9)), (calendar, buyers[1], rome(2026, 3, 10, 9))]
    )

    assert sum(isinstance(r, str) for r in results) == 1, results
    assert sum(isinstance(r, SlotUnavailable) for r in results) == 1, results
    assert SlotCounter.objects.get(calendar=calendar, start=rome(2026, 3, 10, 9)).taken == 1
