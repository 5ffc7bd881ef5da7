"""The emergency flow reads the booking calendar: the earliest free slot within 48 hours that
reaches the buyer's home, booked through the normal booking flow; an accepted urgent request
turned into a booking records its reference."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from oscar.apps.order.signals import order_placed
from oscar.test.factories import create_order

from shop.bookings.models import Booking, ExtraSlot, ServiceCalendar
from shop.needs import selectors, services
from shop.needs.models import UrgentRequest
from tests.factories.bookings import booking_made, rome
from tests.needs.conftest import GRONE, SARNICO, TRESCORE, need, service, supplier


def local_day(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def opening(calendar, *, day: datetime.date, hour: int, capacity=None) -> datetime.datetime:
    ExtraSlot.objects.create(
        calendar=calendar,
        date=day,
        start=datetime.time(hour),
        end=datetime.time(hour + 1),
        capacity=capacity,
    )
    return rome(day.year, day.month, day.day, hour)


def urgent_request(employee, calendar, places, start) -> UrgentRequest:
    return services.urgent_request_create(
        buyer=employee.user,
        need=need("figlio-malato"),
        product=calendar.product,
        partner=calendar.partner,
        municipality=places[GRONE],
        wanted_from=start,
        contact_phone="333 1234567",
    )


@pytest.fixture
def carer(places, categories):
    """A home baby-sitting service of a supplier reaching Grone, with a calendar (no weekly hours)."""
    partner = supplier(name="Tate di Grone", seat=places[TRESCORE], serves=[places[GRONE]])
    product = service(
        title="Baby sitter a domicilio",
        category=categories["nursery"],
        partner=partner,
        origin=places[TRESCORE],
        urgent_hours=48,
    )
    product.service_place = ServiceCalendar.Where.HOME
    product.save(update_fields=["service_place"])
    record = product.stockrecords.get()
    calendar = ServiceCalendar.objects.create(
        stockrecord=record,
        partner=partner,
        product=product,
        min_notice_hours=0,
        horizon_days=30,
    )
    return calendar


def offers_for(client, employee, place):
    client.force_login(employee.user)
    return client.get(reverse("needs:urgent"), {"situation": "figlio-malato", "municipality": place})


def test_urgent_page_shows_the_earliest_free_slot_reaching_home(client, employee, carer):
    later = opening(carer, day=local_day(1), hour=15)
    earliest = opening(carer, day=local_day(1), hour=10)

    response = offers_for(client, employee, GRONE)

    (offer,) = response.context["offers"]
    assert (offer.product, offer.slot.start) == (carer.product, earliest)
    assert offer.slot.start != later
    body = response.content.decode()
    assert reverse("bookings:book", args=[carer.product.pk]) in body
    assert f'value="{offer.slot.key}"' in body and 'name="address"' in body


def test_a_full_slot_gives_way_to_the_next_free_one(client, employee, carer, places):
    full = opening(carer, day=local_day(1), hour=10)
    free = opening(carer, day=local_day(1), hour=11)
    booking_made(calendar=carer, buyer=employee.user, start=full, municipality=places[GRONE])

    response = offers_for(client, employee, GRONE)

    assert [o.slot.start for o in response.context["offers"]] == [free]


def test_a_service_whose_first_slot_is_beyond_48_hours_is_not_listed(client, employee, carer):
    opening(carer, day=local_day(3), hour=10)  # at least 58 hours away

    response = offers_for(client, employee, GRONE)

    assert response.context["offers"] == []
    assert "Baby sitter a domicilio" not in response.content.decode()


def test_a_service_not_reaching_the_municipality_is_not_listed(client, employee, carer, places):
    opening(carer, day=local_day(1), hour=10)

    response = offers_for(client, employee, SARNICO)

    assert response.context["offers"] == []
    assert selectors.urgent_offers(need=need("figlio-malato"), municipality=places[SARNICO]) == []


def test_the_urgent_slot_is_booked_through_the_normal_booking_flow(client, employee, carer, places):
    start = opening(carer, day=local_day(1), hour=10)
    (offer,) = offers_for(client, employee, GRONE).context["offers"]

    response = client.post(
        reverse("bookings:book", args=[carer.product.pk]),
        {
            "day": local_day(1).isoformat(),
            "slot": offer.slot.key,
            "municipality": GRONE,
            "address": "Via Roma 3",
        },
    )

    assert response.status_code == 302 and response["Location"] == reverse("basket:summary")
    booking = Booking.objects.get(buyer=employee.user)
    assert (booking.status, booking.starts_at, booking.municipality, booking.address) == (
        Booking.Status.HELD,
        start,
        places[GRONE],
        "Via Roma 3",
    )


def test_an_accepted_request_records_the_booking_that_answers_it(
    employee, carer, places, django_capture_on_commit_callbacks
):
    start = opening(carer, day=local_day(1), hour=10)
    request = urgent_request(employee, carer, places, start)
    supplier_user = carer.partner.users.first()
    services.urgent_request_answer(user=supplier_user, request_id=request.pk, accept=True)
    order = create_order(user=employee.user)
    booking = booking_made(
        calendar=carer,
        buyer=employee.user,
        start=start,
        municipality=places[GRONE],
        order_line=order.lines.first(),
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        order_placed.send(sender=None, order=order, user=employee.user)

    request.refresh_from_db()
    assert request.booking_reference == booking.reference


def test_a_booking_does_not_answer_a_request_still_pending(employee, carer, places):
    start = opening(carer, day=local_day(1), hour=10)
    pending = urgent_request(employee, carer, places, start)
    order = create_order(user=employee.user)
    booking_made(
        calendar=carer,
        buyer=employee.user,
        start=start,
        municipality=places[GRONE],
        order_line=order.lines.first(),
    )

    assert services.urgent_requests_link_bookings(order=order) == []
    pending.refresh_from_db()
    assert pending.status == UrgentRequest.Status.PENDING and pending.booking_reference == ""
