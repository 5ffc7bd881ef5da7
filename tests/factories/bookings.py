"""Service calendars and bookings for tests (shared with the bookings dashboard tests).

``service_calendar()`` makes an admitted supplier, a service product (product class without
shipping or stock) with one stock record, and its calendar with the given weekly windows;
``where`` and ``session_count`` go on the product, which owns them.
``booking_made()`` writes a booking straight through the models, in any status, for pages and
scoping tests; rule tests go through the services.
"""

import datetime
import secrets
from decimal import Decimal
from zoneinfo import ZoneInfo

from oscar.test import factories as oscar_factories

from shop.bookings.choices import ServicePlace
from shop.bookings.models import Booking, BookingSession, ServiceCalendar, WeeklySlot
from tests.factories import PartnerFactory, ProductClassFactory

ROME = ZoneInfo("Europe/Rome")
EVERY_DAY = tuple(range(7))


def service_product(
    *,
    partner=None,
    price: str = "30.00",
    title: str = "Assistenza domiciliare",
    where: str = ServicePlace.SEAT,
    session_count: int = 1,
):
    partner = partner or PartnerFactory()
    product_class = ProductClassFactory(
        name="Servizio", requires_shipping=False, track_stock=False, vat_rate="22"
    )
    product = oscar_factories.ProductFactory(
        product_class=product_class,
        title=title,
        stockrecords=[],
        origin=partner.seat,
        service_place=where,
        session_count=session_count,
    )
    stockrecord = oscar_factories.StockRecordFactory(
        product=product, partner=partner, price=Decimal(price), price_currency="EUR", num_in_stock=None
    )
    return product, stockrecord


def service_calendar(
    *,
    partner=None,
    price: str = "30.00",
    weekdays=EVERY_DAY,
    windows=((datetime.time(9), datetime.time(12)),),
    title: str = "Assistenza domiciliare",
    **fields,
) -> ServiceCalendar:
    """A calendar open on ``weekdays`` in ``windows`` (local times), 60-minute slots by default."""
    fields.setdefault("min_notice_hours", 0)
    fields.setdefault("horizon_days", 400)
    product, stockrecord = service_product(
        partner=partner,
        price=price,
        title=title,
        where=fields.pop("where", ServicePlace.SEAT),
        session_count=fields.pop("session_count", 1),
    )
    calendar = ServiceCalendar.objects.create(
        stockrecord=stockrecord, partner=stockrecord.partner, product=product, **fields
    )
    WeeklySlot.objects.bulk_create(
        WeeklySlot(calendar=calendar, weekday=weekday, start=start, end=end)
        for weekday in weekdays
        for start, end in windows
    )
    return calendar


def rome(year, month, day, hour=0, minute=0) -> datetime.datetime:
    """An aware datetime at this wall-clock time in Rome."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=ROME)


def booking_made(
    *,
    calendar: ServiceCalendar,
    buyer,
    start: datetime.datetime,
    status: str = Booking.Status.PENDING,
    **fields,
) -> Booking:
    end = start + datetime.timedelta(minutes=calendar.slot_minutes)
    booking = Booking.objects.create(
        reference=fields.pop("reference", "T" + secrets.token_hex(4).upper()),
        calendar=calendar,
        partner=calendar.partner,
        product=calendar.product,
        buyer=buyer,
        status=status,
        starts_at=start,
        ends_at=end,
        **fields,
    )
    BookingSession.objects.create(booking=booking, start=start, end=end)
    return booking
