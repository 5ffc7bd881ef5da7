"""Storefront pages: the slot form on the product page, booking into the basket, the buyer's
bookings; refused input and forbidden paths."""

import datetime

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from shop.bookings.models import Booking, SlotCounter
from shop.bookings.slots import slot_key
from tests.bookings.helpers import book_and_order
from tests.factories import MunicipalityFactory
from tests.factories.bookings import booking_made, rome, service_calendar

Basket = get_model("basket", "Basket")
T = datetime.time
TUE_9 = rome(2026, 3, 3, 9)


@pytest.fixture
def served(db):
    return MunicipalityFactory(name="Sarnico")


@pytest.fixture
def home_calendar(served):
    calendar = service_calendar(
        where="home", windows=((T(9), T(11)),), default_capacity=1, cancel_free_hours=36
    )
    calendar.partner.served_municipalities.add(served)
    return calendar


def book_url(calendar):
    return reverse("bookings:book", kwargs={"pk": calendar.product_id})


def post_data(start, municipality=None, address="Via Roma 1"):
    data = {"day": start.astimezone().date().isoformat(), "slot": slot_key(start), "address": address}
    if municipality is not None:
        data["municipality"] = municipality.pk
    return data


def test_product_page_offers_days_slots_and_the_cancellation_terms(client, home_calendar, buyer, clock):
    client.force_login(buyer)

    page = client.get(home_calendar.product.get_absolute_url() + "?giorno=2026-03-03").content.decode()

    assert 'id="booking_form"' in page and book_url(home_calendar) in page
    assert "disdetta gratuita fino a 36 ore prima dell'inizio" in page
    assert "Orari di martedì 3 marzo 2026" in page
    assert "09:00–10:00 (1 posto libero)" in page and "Sarnico" in page
    assert 'id="add_to_basket_form"' not in page


def test_booking_adds_one_line_and_holds_the_slot(client, home_calendar, served, buyer, clock):
    client.force_login(buyer)

    response = client.post(book_url(home_calendar), post_data(TUE_9, served))

    assert response.status_code == 302 and response.url == reverse("basket:summary")
    booking = Booking.objects.get()
    assert (booking.status, booking.buyer, booking.address) == ("held", buyer, "Via Roma 1")
    basket = Basket.objects.get(owner=buyer)
    assert [line.quantity for line in basket.all_lines()] == [1]
    page = client.get(reverse("basket:summary")).content.decode()
    assert "martedì 3 marzo 2026, 09:00–10:00" in page and booking.reference in page


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("past", "Questo orario è già passato"),
        ("full", "Questo orario è al completo"),
        ("unserved", "Il fornitore non raggiunge le case in questo comune."),
        ("no_address", "Indica l&#x27;indirizzo in cui si svolge il servizio."),
    ],
)
def test_bad_input_shows_an_italian_message_keeps_the_values_and_writes_nothing(
    client, home_calendar, served, buyer, other_buyer, clock, case, message
):
    client.force_login(buyer)
    data = post_data(rome(2026, 3, 4, 10), served, address="Via Tasso 12")
    if case == "past":
        data = post_data(rome(2026, 3, 2, 9), served, address="Via Tasso 12")
    elif case == "full":
        booking_made(calendar=home_calendar, buyer=other_buyer, start=rome(2026, 3, 4, 10))
    elif case == "unserved":
        data["municipality"] = MunicipalityFactory(name="Milano").pk
    elif case == "no_address":
        data["address"] = ""
    before = Booking.objects.count()

    response = client.post(book_url(home_calendar), data)

    page = response.content.decode()
    assert response.status_code == 200 and message in page
    if case != "no_address":
        assert 'value="Via Tasso 12"' in page
    assert Booking.objects.count() == before
    assert not SlotCounter.objects.filter(taken__gt=0).exclude(start=rome(2026, 3, 4, 10)).exists()
    assert not Basket.objects.filter(owner=buyer, lines__isnull=False).exists()


def test_anonymous_visitors_are_sent_to_log_in(client, home_calendar, served, clock):
    response = client.post(book_url(home_calendar), post_data(TUE_9, served))

    assert response.status_code == 302 and reverse("customer:login") in response.url
    assert not Booking.objects.exists()
    assert reverse("customer:login") in client.get(reverse("bookings:mine")).url


def test_multi_session_line_lists_every_date(client, buyer, clock):
    calendar = service_calendar(
        weekdays=(3,), windows=((T(18), T(19)),), session_count=3, session_every_days=7
    )
    client.force_login(buyer)

    client.post(book_url(calendar), post_data(rome(2026, 3, 19, 18)))

    page = client.get(reverse("basket:summary")).content.decode()
    for day in (
        "giovedì 19 marzo 2026, 18:00–19:00",
        "giovedì 26 marzo 2026, 18:00–19:00",
        "giovedì 2 aprile 2026, 18:00–19:00",
    ):
        assert day in page


@pytest.fixture
def ordered(home_calendar, served, buyer, wallet, clock):
    _order, booking = book_and_order(
        calendar=home_calendar,
        user=buyer,
        start=rome(2026, 3, 10, 9),
        municipality=served,
        address="Via Roma 1",
    )
    return booking


def test_my_bookings_lists_upcoming_and_past_and_links_the_detail(
    client, ordered, buyer, home_calendar, clock
):
    past = booking_made(calendar=home_calendar, buyer=buyer, start=rome(2026, 2, 10, 9), status="confirmed")
    client.force_login(buyer)

    page = client.get(reverse("bookings:mine")).content.decode()

    assert page.index(ordered.reference) < page.index("Passate") < page.index(past.reference)
    assert reverse("bookings:detail", args=[ordered.reference]) in page
    detail = client.get(reverse("bookings:detail", args=[ordered.reference])).content.decode()
    assert "In attesa del fornitore".lower() in detail.lower() and "Via Roma 1, Sarnico" in detail
    assert "Disdici questa prenotazione" in detail
    assert 'href="/prenotazioni/"' in client.get(reverse("customer:profile-view")).content.decode()


def test_the_buyer_cancels_from_the_detail_page(client, ordered, buyer, clock):
    client.force_login(buyer)

    response = client.post(reverse("bookings:cancel", args=[ordered.reference]), follow=True)

    ordered.refresh_from_db()
    assert ordered.status == "cancelled"
    assert "disdetta: sei stato rimborsato" in response.content.decode()


def test_cancelling_after_the_terms_is_refused_with_a_message(client, ordered, buyer, clock):
    clock.set(rome(2026, 3, 9, 10))  # 23 hours before, terms are 36 hours
    client.force_login(buyer)

    page = client.get(reverse("bookings:detail", args=[ordered.reference])).content.decode()
    response = client.post(reverse("bookings:cancel", args=[ordered.reference]), follow=True)

    assert "Disdici questa prenotazione" not in page
    assert "36 ore prima" in response.content.decode()
    ordered.refresh_from_db()
    assert ordered.status == "pending"


def test_another_buyer_gets_404_on_detail_cancel_and_calendar_file(client, ordered, other_buyer, clock):
    client.force_login(other_buyer)

    for name, method in (("detail", client.get), ("cancel", client.post), ("ics", client.get)):
        assert method(reverse(f"bookings:{name}", args=[ordered.reference])).status_code == 404
    assert ordered.reference not in client.get(reverse("bookings:mine")).content.decode()
    ordered.refresh_from_db()
    assert ordered.status == "pending"


def test_anonymous_cannot_cancel(client, ordered, clock):
    response = client.post(reverse("bookings:cancel", args=[ordered.reference]))

    assert response.status_code == 302 and reverse("customer:login") in response.url
    ordered.refresh_from_db()
    assert ordered.status == "pending"


def test_the_order_page_links_its_bookings(client, ordered, buyer, clock):
    client.force_login(buyer)
    order = ordered.order_line.order

    page = client.get(reverse("customer:order", kwargs={"order_number": order.number})).content.decode()

    assert reverse("bookings:detail", args=[ordered.reference]) in page and "Prenotazioni" in page


def test_the_buyers_home_is_chosen_when_the_supplier_serves_it(client, home_calendar, buyer, clock):
    home = buyer.employments.get().home_municipality
    home_calendar.partner.served_municipalities.add(home)
    client.force_login(buyer)

    page = client.get(home_calendar.product.get_absolute_url()).content.decode()

    assert f'<option value="{home.pk}" selected>{home.name}</option>' in page
