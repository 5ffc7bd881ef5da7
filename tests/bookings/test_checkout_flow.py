"""Through the checkout pages: a booked service is ordered and paid with welfare credit; a
lapsed hold whose place was taken stops checkout with an Italian message."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from shop.bookings.models import Booking
from shop.bookings.services import booking_hold
from shop.bookings.slots import slot_key
from shop.welfare.models import LedgerEntry
from tests.factories.bookings import rome, service_calendar

Country = get_model("address", "Country")
Order = get_model("order", "Order")
T = datetime.time
WED_10 = rome(2026, 3, 4, 10)


@pytest.fixture
def calendar(db):
    Country.objects.update_or_create(
        iso_3166_1_a2="IT",
        defaults={"name": "Italia", "printable_name": "Italia", "is_shipping_country": True},
    )
    return service_calendar(windows=((T(9), T(12)),), default_capacity=1, price="40.00")


def book_in_browser(client, calendar, start):
    response = client.post(
        reverse("bookings:book", kwargs={"pk": calendar.product_id}),
        {"day": "2026-03-04", "slot": slot_key(start)},
    )
    assert response.status_code == 302, response.content.decode()[:3000]


def test_a_booked_service_is_ordered_with_credit_and_waits_for_the_supplier(
    client, calendar, buyer, wallet, clock, django_capture_on_commit_callbacks
):
    client.force_login(buyer)
    book_in_browser(client, calendar, WED_10)

    assert client.get(reverse("checkout:payment-details"), follow=True).status_code == 200
    client.post(reverse("checkout:preview"), {"credit": "40.00", "rest_method": "cash"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("checkout:preview"), {"action": "place_order"})

    assert response.status_code == 302, response.content.decode()[:3000]
    order = Order.objects.get()
    booking = Booking.objects.get()
    assert (booking.status, booking.order_line) == ("pending", order.lines.get())
    assert LedgerEntry.objects.get(order_number=order.number, kind="reserve").held == Decimal("40.00")
    assert any(booking.reference in email.subject for email in mail.outbox)


def test_checkout_stops_when_a_lapsed_hold_lost_its_place(
    client, calendar, buyer, other_buyer, wallet, clock
):
    client.force_login(buyer)
    book_in_browser(client, calendar, WED_10)
    clock.advance(minutes=30)
    booking_hold(calendar=calendar, buyer=other_buyer, start=WED_10)

    response = client.get(reverse("checkout:payment-details"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("basket:summary")
    assert "è scaduta e l&#x27;orario ora è al completo" in response.content.decode() or (
        "è scaduta e l'orario ora è al completo" in response.content.decode()
    )
    assert not Order.objects.exists()
