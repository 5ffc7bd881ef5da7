"""Writes of bookings: hold, release, placement, the supplier's answer, cancellation."""

import datetime

from shop.bookings.models import Booking, ServiceCalendar


def booking_hold(
    *,
    calendar: ServiceCalendar,
    buyer,
    start: datetime.datetime,
    municipality=None,
    address: str = "",
    basket_line=None,
) -> Booking:
    raise NotImplementedError


def booking_release(*, booking: Booking) -> Booking:
    raise NotImplementedError


def bookings_release_for_basket_line(*, line_id: int) -> int:
    return 0


def holds_release_expired(*, now: datetime.datetime | None = None) -> int:
    raise NotImplementedError


def bookings_place_for_order(*, order) -> list[Booking]:
    return []


def booking_confirm(*, booking: Booking, by) -> Booking:
    raise NotImplementedError


def booking_refuse(*, booking: Booking, by, note: str = "") -> Booking:
    raise NotImplementedError


def bookings_expire_unanswered(*, now: datetime.datetime | None = None) -> int:
    raise NotImplementedError


def booking_cancel(*, booking: Booking, by) -> Booking:
    raise NotImplementedError
