"""Demo calendars: care at home, after-school hours, physiotherapy cycles, summer-camp weeks,
and two bookable services of the demo supplier (fornitore@atc56w.example), one at the
buyer's home; the demo employee has booked the supplier's course (order W2026-0003), waiting
for the supplier's answer. Create-or-update on natural keys, so a second load changes nothing."""

import datetime
import re
from decimal import Decimal

from django.utils import timezone
from oscar.core.loading import get_class, get_model

from shop.bookings.models import Booking, ServiceCalendar, WeeklySlot
from shop.bookings.selectors import slots_available
from shop.bookings.services import booking_add_to_basket
from shop.demo.images import product_picture_ensure
from shop.demo.logins import SUPPLIER_PARTNER, demo_employee
from shop.demo.upsert import upsert
from shop.demo.welfare import demo_order_place
from shop.welfare.fiscal import BenefitType

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
Selector = get_class("partner.strategy", "Selector")

SERVICE_CLASS = "Servizio"
OWN_BOOKED_SKU = "ATCBK002"  # the course the demo employee has booked
EMPLOYEE_BOOKING_ORDER = "W2026-0003"
WEEKDAYS = (0, 1, 2, 3, 4)
T = datetime.time

# Subcategory -> (where, slot minutes, capacity, weekly windows, sessions, every days)
PATTERNS = {
    "Assistenza domiciliare": (ServiceCalendar.Where.HOME, 60, 2, ((T(8), T(12)), (T(14), T(18))), 1, 7),
    "Doposcuola": (ServiceCalendar.Where.SEAT, 240, 12, ((T(14), T(18)),), 1, 7),
    "Centri estivi": (ServiceCalendar.Where.SEAT, 480, 20, ((T(8, 30), T(16, 30)),), 5, 1),
    "Fisioterapia e riabilitazione": (
        ServiceCalendar.Where.SEAT,
        45,
        1,
        ((T(9), T(12)), (T(15), T(18))),
        10,
        7,
    ),
}
PER_SUBCATEGORY = 3

# The demo supplier's own services: (upc, title, description, price, where, subcategory,
# slot minutes, capacity, sessions, every days, weekly windows)
SUPPLIER_SERVICES = (
    (
        "ATCBK001",
        "Lezione di apicoltura a domicilio",
        "Un apicoltore viene a casa tua: come avviare un'arnia in giardino, cosa piantare per le api, "
        "come riconoscere uno sciame. Materiali e tute protettive compresi.",
        "45.00",
        ServiceCalendar.Where.HOME,
        "Corsi e laboratori",
        90,
        1,
        1,
        7,
        ((T(9), T(12)), (T(14, 30), T(17, 30))),
    ),
    (
        "ATCBK002",
        "Corso di apicoltura in apiario — 5 incontri",
        "Cinque incontri il sabato mattina nell'apiario di Vigolo: la famiglia delle api, la visita "
        "all'arnia, la smielatura. Per adulti e ragazzi dai 12 anni.",
        "120.00",
        ServiceCalendar.Where.SEAT,
        "Corsi e laboratori",
        180,
        8,
        5,
        7,
        ((T(9), T(12)),),
    ),
)


def _calendar(*, stockrecord, where, minutes, capacity, windows, sessions, every, weekdays=WEEKDAYS):
    """The calendar of ``stockrecord``; where and how many sessions go on the product sold."""
    Product.objects.filter(pk=stockrecord.product_id).exclude(
        service_place=where, session_count=sessions
    ).update(service_place=where, session_count=sessions)
    calendar, _created = upsert(
        ServiceCalendar,
        lookup={"stockrecord_id": stockrecord.pk},
        values={
            "partner_id": stockrecord.partner_id,
            "product_id": stockrecord.product_id,
            "slot_minutes": minutes,
            "default_capacity": capacity,
            "min_notice_hours": 24,
            "horizon_days": 90,
            "cancel_free_hours": 48,
            "session_every_days": every,
            "is_active": True,
        },
    )
    if not calendar.weekly_slots.exists():
        WeeklySlot.objects.bulk_create(
            WeeklySlot(calendar=calendar, weekday=day, start=start, end=end)
            for day in weekdays
            for start, end in windows
        )
    return calendar


_COUNTED = re.compile(r"(?:ciclo di\s*(\d+))|(?:(\d+)\s*(?:sedute|incontri|lezioni))", re.IGNORECASE)
_SINGLE = re.compile(r"\b(singol[ao]|seduta|incontro)\s*$", re.IGNORECASE)


def sold_as(*, title: str, where: str, sessions: int) -> tuple[str, int]:
    """Where and how many sessions the demo product ``title`` sells: what is sold decides.

    "Seduta di fisioterapia — singola" is one session, "— ciclo di 10" ten, "8 incontri" eight;
    "a domicilio" takes place at the buyer's home. Otherwise the subcategory's pattern.
    """
    counted = _COUNTED.search(title)
    if counted:
        sessions = int(counted.group(1) or counted.group(2))
    elif _SINGLE.search(title):
        sessions = 1
    if "domicilio" in title.lower():
        where = ServiceCalendar.Where.HOME
    return where, sessions


def _catalogue_calendars() -> int:
    count = 0
    for subcategory, (where, minutes, capacity, windows, sessions, every) in PATTERNS.items():
        records = (
            StockRecord.objects.filter(
                product__product_class__name=SERVICE_CLASS, product__categories__name=subcategory
            )
            .select_related("partner")
            .order_by("product__upc")[:PER_SUBCATEGORY]
        )
        for record in records:
            title = record.product.get_title()
            sold_where, sold_sessions = sold_as(title=title, where=where, sessions=sessions)
            if sold_where == ServiceCalendar.Where.HOME and not record.partner.served_municipalities.exists():
                continue
            _calendar(
                stockrecord=record,
                where=sold_where,
                minutes=minutes,
                capacity=capacity,
                windows=windows,
                sessions=sold_sessions,
                every=every,
            )
            count += 1
    return count


def _supplier_services() -> int:
    partner = Partner.objects.filter(name=SUPPLIER_PARTNER).select_related("seat").first()
    product_class = ProductClass.objects.filter(name=SERVICE_CLASS).first()
    if partner is None or product_class is None:
        return 0
    count = 0
    for (
        upc,
        title,
        description,
        price,
        where,
        subcategory,
        minutes,
        capacity,
        sessions,
        every,
        windows,
    ) in SUPPLIER_SERVICES:
        category = Category.objects.filter(name=subcategory).first()
        product, _created = upsert(
            Product,
            lookup={"upc": upc},
            values={
                "title": title,
                "description": f"<p>{description}</p><p>Proposto da {partner.name}.</p>",
                "product_class_id": product_class.pk,
                "structure": Product.STANDALONE,
                "is_public": True,
                "origin_id": partner.seat_id,
                "production_method": "service",
                "vat_rate": "22",
                "benefit_type": BenefitType.C2_F,
                "service_place": where,
                "session_count": sessions,
            },
        )
        if category and list(product.categories.values_list("pk", flat=True)) != [category.pk]:
            product.categories.set([category])
        record, _created = upsert(
            StockRecord,
            lookup={"partner_id": partner.pk, "partner_sku": upc},
            values={"product_id": product.pk, "price": Decimal(price), "price_currency": "EUR"},
        )
        product_picture_ensure(
            product=product, stem=upc.lower(), category="Tempo libero e benessere", caption=partner.name
        )
        _calendar(
            stockrecord=record,
            where=where,
            minutes=minutes,
            capacity=capacity,
            windows=windows,
            sessions=sessions,
            every=every,
            weekdays=WEEKDAYS if sessions == 1 else (5,),
        )
        count += 1
    return count


def _employee_booking() -> Booking | None:
    """The demo employee has booked the demo supplier's beekeeping course, paid with welfare
    credit, and waits for the supplier's answer: a booking page for the buyer, one to confirm in
    the supplier's inbox. Booked once, through the basket and checkout's services."""
    employee = demo_employee()
    user = getattr(employee, "user", None)
    record = StockRecord.objects.filter(partner_sku=OWN_BOOKED_SKU, partner__name=SUPPLIER_PARTNER).first()
    if user is None or record is None or Order.objects.filter(number=EMPLOYEE_BOOKING_ORDER).exists():
        return None
    calendar = ServiceCalendar.objects.select_related("product").get(stockrecord=record)
    today = timezone.localdate()
    slots = slots_available(calendar=calendar, date_from=today, date_to=today + datetime.timedelta(days=60))
    if not slots:
        return None
    basket = Basket.objects.create(owner=user)
    basket.strategy = Selector().strategy(user=user)
    booking = booking_add_to_basket(basket=basket, calendar=calendar, buyer=user, start=slots[0].start)
    if demo_order_place(basket=basket, user=user, number=EMPLOYEE_BOOKING_ORDER) is None:
        return None
    booking.refresh_from_db()
    return booking


def load(*, stdout, rng) -> None:
    calendars = _catalogue_calendars()
    own = _supplier_services()
    booked = _employee_booking()
    stdout.write(
        f"bookings: {calendars} service calendars, {own} of the demo supplier"
        f"{', the demo employee booked ' + booked.reference if booked else ''}\n"
    )
