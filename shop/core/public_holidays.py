"""Italian public holidays (the ``holidays`` package): no slot, delivery day or reminder falls on one.

National holidays only (art. 2 L. 260/1949 and later laws, as the package lists them, with
4 October again a national holiday from 2026, L. 151/2025); a supplier's local feast days
(the patron saint of its town) are added by the supplier in ``shop.bookings``.
"""

import datetime
import functools

import holidays


@functools.lru_cache(maxsize=32)
def _italy(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("IT", years=year, language="it_IT")


def public_holiday_name(day: datetime.date) -> str | None:
    """The Italian name of the national public holiday on ``day``, None on a working day."""
    return _italy(day.year).get(day)


def is_public_holiday(day: datetime.date) -> bool:
    return public_holiday_name(day) is not None
