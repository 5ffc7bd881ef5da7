"""Holding a slot from the basket, releasing it (lapse, line removed), placing the order."""

import datetime

import pytest
from django.core.management import call_command

from shop.bookings.exceptions import (
    AddressRequired,
    HoldExpired,
    MunicipalityNotServed,
    NoticeTooShort,
    SlotFull,
    SlotUnavailable,
)
from shop.bookings.models import Booking, SlotCounter
from shop.bookings.services import (
    booking_hold,
    bookings_check_basket,
    holds_release_expired,
)
from tests.bookings.helpers import book, book_and_order, open_basket
from tests.factories import MunicipalityFactory
from tests.factories.bookings import rome, service_calendar

T = datetime.time
TUE_9 = rome(2026, 3, 3, 9)


@pytest.fixture
def calendar(db):
    return service_calendar(windows=((T(9), T(11)),), default_capacity=1)


def test_hold_takes_the_place_for_the_hold_minutes(calendar, buyer, clock, settings):
    settings.SHOP_BOOKING_HOLD_MINUTES = 20

    booking = booking_hold(calendar=calendar, buyer=buyer, start=TUE_9)

    assert booking.status == Booking.Status.HELD
    assert booking.held_until == clock.now + datetime.timedelta(minutes=20)
    assert [s.start for s in booking.sessions.all()] == [TUE_9]
    assert SlotCounter.objects.get(calendar=calendar, start=TUE_9).taken == 1


def test_the_last_place_goes_once(calendar, buyer, other_buyer, clock):
    booking_hold(calendar=calendar, buyer=buyer, start=TUE_9)

    with pytest.raises(SlotFull):
        booking_hold(calendar=calendar, buyer=other_buyer, start=TUE_9)
    assert Booking.objects.count() == 1


def test_a_lapsed_hold_no_longer_takes_the_place_and_the_job_releases_it(calendar, buyer, other_buyer, clock):
    first = booking_hold(calendar=calendar, buyer=buyer, start=TUE_9)
    clock.advance(minutes=21)

    second = booking_hold(calendar=calendar, buyer=other_buyer, start=TUE_9)
    assert holds_release_expired() == 1
    assert holds_release_expired() == 0

    first.refresh_from_db()
    assert first.status == Booking.Status.RELEASED and first.held_until is None
    assert second.status == Booking.Status.HELD


def test_release_job_command_reports_the_count(calendar, buyer, clock, capsys):
    booking_hold(calendar=calendar, buyer=buyer, start=TUE_9)
    clock.advance(hours=1)

    call_command("bookings_release_holds")

    assert "1 hold(s) released." in capsys.readouterr().out
    assert SlotCounter.objects.get(calendar=calendar, start=TUE_9).taken == 0


def test_removing_the_basket_line_releases_the_hold(calendar, buyer, other_buyer, clock):
    basket, booking = book(calendar=calendar, user=buyer, start=TUE_9)

    basket.all_lines()[0].delete()

    booking.refresh_from_db()
    assert booking.status == Booking.Status.RELEASED
    booking_hold(calendar=calendar, buyer=other_buyer, start=TUE_9)  # the place is free again


def test_flushing_the_basket_releases_every_hold(calendar, buyer, clock):
    basket, first = book(calendar=calendar, user=buyer, start=TUE_9)
    book(calendar=calendar, user=buyer, start=TUE_9 + datetime.timedelta(hours=1), basket=basket)

    basket.flush()

    assert set(Booking.objects.values_list("status", flat=True)) == {Booking.Status.RELEASED}


def test_two_bookings_of_one_service_are_two_lines(calendar, buyer, clock):
    basket, first = book(calendar=calendar, user=buyer, start=TUE_9)
    book(calendar=calendar, user=buyer, start=TUE_9 + datetime.timedelta(hours=1), basket=basket)

    lines = list(basket.all_lines())
    assert len(lines) == 2 and [line.quantity for line in lines] == [1, 1]
    assert first.reference in lines[0].description
    assert "martedì 3 marzo 2026, 09:00–10:00" in lines[0].description


def test_refused_holds_write_nothing(calendar, buyer, clock):
    clock.set(rome(2026, 3, 3, 9, 30))
    calendar.min_notice_hours = 24
    calendar.save()

    with pytest.raises(SlotUnavailable, match="passato"):
        booking_hold(calendar=calendar, buyer=buyer, start=TUE_9)
    with pytest.raises(NoticeTooShort, match="almeno 24 ore"):
        booking_hold(calendar=calendar, buyer=buyer, start=rome(2026, 3, 4, 9))
    with pytest.raises(SlotUnavailable):
        booking_hold(calendar=calendar, buyer=buyer, start=rome(2026, 3, 10, 9, 30))  # not a slot start
    assert not Booking.objects.exists() and not SlotCounter.objects.filter(taken__gt=0).exists()


def test_home_service_needs_a_served_municipality_and_an_address(db, buyer, clock):
    served, elsewhere = MunicipalityFactory(name="Sarnico"), MunicipalityFactory(name="Milano")
    calendar = service_calendar(where="home")
    calendar.partner.served_municipalities.add(served)

    with pytest.raises(MunicipalityNotServed):
        booking_hold(
            calendar=calendar, buyer=buyer, start=TUE_9, municipality=elsewhere, address="Via Roma 1"
        )
    with pytest.raises(AddressRequired):
        booking_hold(calendar=calendar, buyer=buyer, start=TUE_9, municipality=served, address="  ")
    booking = booking_hold(
        calendar=calendar, buyer=buyer, start=TUE_9, municipality=served, address="Via Roma 1"
    )

    assert (booking.municipality, booking.address) == (served, "Via Roma 1")


def test_multi_session_takes_a_place_in_every_session(db, buyer, other_buyer, clock):
    calendar = service_calendar(
        weekdays=(3,), windows=((T(18), T(19)),), default_capacity=1, session_count=3, session_every_days=7
    )
    booking = booking_hold(calendar=calendar, buyer=buyer, start=rome(2026, 3, 12, 18))

    assert booking.sessions.count() == 3
    assert booking.ends_at == rome(2026, 3, 26, 19)
    with pytest.raises(SlotUnavailable):  # 19/3 would need 2/4, but 19/3 and 26/3 are taken
        booking_hold(calendar=calendar, buyer=other_buyer, start=rome(2026, 3, 19, 18))


def test_checkout_renews_a_running_hold(calendar, buyer, clock):
    basket, booking = book(calendar=calendar, user=buyer, start=TUE_9)
    clock.advance(minutes=15)

    bookings_check_basket(basket=basket)

    booking.refresh_from_db()
    assert booking.held_until == clock.now + datetime.timedelta(minutes=20)


def test_checkout_takes_a_lapsed_hold_again_while_the_place_is_free(calendar, buyer, clock):
    basket, booking = book(calendar=calendar, user=buyer, start=TUE_9)
    clock.advance(hours=2)
    holds_release_expired()

    bookings_check_basket(basket=basket)

    booking.refresh_from_db()
    assert booking.status == Booking.Status.HELD


def test_checkout_refuses_a_lapsed_hold_whose_place_was_taken(calendar, buyer, other_buyer, clock):
    basket, booking = book(calendar=calendar, user=buyer, start=TUE_9)
    clock.advance(hours=2)
    booking_hold(calendar=calendar, buyer=other_buyer, start=TUE_9)

    with pytest.raises(HoldExpired, match="scaduta"):
        bookings_check_basket(basket=basket)


def test_a_service_line_without_booking_cannot_be_checked_out(calendar, buyer, clock):
    basket = open_basket(buyer)
    basket.add_product(calendar.product, 1)

    with pytest.raises(Exception, match="Scegli data e ora"):
        bookings_check_basket(basket=basket)


def test_placing_the_order_makes_the_booking_pending_with_a_deadline(
    calendar, buyer, wallet, clock, settings
):
    settings.SHOP_BOOKING_CONFIRM_HOURS = 24

    order, booking = book_and_order(calendar=calendar, user=buyer, start=rome(2026, 3, 10, 9))

    assert booking.status == Booking.Status.PENDING
    assert booking.order_line.order == order
    assert booking.respond_by == clock.now + datetime.timedelta(hours=24)
    assert booking.held_until is None
    assert booking.reference in str(order.lines.get().attributes.get().value)


def test_the_supplier_must_answer_before_the_start_at_the_latest(calendar, buyer, wallet, clock):
    calendar.confirm_within_hours = 72
    calendar.save()

    _order, booking = book_and_order(calendar=calendar, user=buyer, start=TUE_9)

    assert booking.respond_by == TUE_9
