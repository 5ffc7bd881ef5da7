"""Reads of calendars and bookings, one selector per role."""

import datetime

from django.db.models import QuerySet

from shop.bookings.models import Booking


def slots_available(*, calendar, date_from: datetime.date, date_to: datetime.date, now=None) -> list:
    raise NotImplementedError


def earliest_slot(*, product=None, calendar=None, municipality=None, within_hours: int = 48, now=None):
    raise NotImplementedError


def bookings_for_buyer(*, user) -> QuerySet[Booking]:
    raise NotImplementedError


def bookings_for_partner_user(*, user) -> QuerySet[Booking]:
    raise NotImplementedError
