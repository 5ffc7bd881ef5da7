"""The supplier's bookings dashboard: who may see and act on what.

Supplier A's user sees and answers A's bookings and edits A's calendars; supplier B's user
gets 404 for all of them; an employee (no partner, not staff) is refused; anonymous visitors
go to the login page; the manager sees every supplier's.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from shop.bookings.models import Booking, Closure, ExtraSlot, ServiceCalendar
from tests.factories import MunicipalityFactory
from tests.factories.bookings import booking_made, service_calendar, service_product

User = get_user_model()


@pytest.fixture
def grone(db):
    return MunicipalityFactory(istat_code="016119", name="Grone")


@pytest.fixture
def calendar_a(supplier_a, grone):
    supplier_a.served_municipalities.add(grone)
    return service_calendar(
        partner=supplier_a, where=ServiceCalendar.Where.HOME, title="Badante per un pomeriggio"
    )


@pytest.fixture
def buyer(db):
    return User.objects.create_user(
        username="giulia@example.org",
        email="giulia@example.org",
        password="pw-Buyer-2026",
        first_name="Giulia",
        last_name="Rossi",
    )


def in_days(days: int, hour: int = 10) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def pending_a(calendar_a, buyer, grone):
    return booking_made(
        calendar=calendar_a,
        buyer=buyer,
        start=in_days(3),
        municipality=grone,
        address="Via Roma 1",
        respond_by=timezone.now() + datetime.timedelta(hours=20),
    )


# --- The inbox --------------------------------------------------------------------------------


def test_supplier_sees_its_pending_booking_with_only_what_delivery_needs(client, user_a, pending_a, buyer):
    client.force_login(user_a)

    response = client.get(reverse("bookings-dashboard:inbox"))

    assert response.status_code == 200
    assert [b.pk for b in response.context["pending"]] == [pending_a.pk]
    body = response.content.decode()
    assert "Giulia Rossi" in body and "Grone" in body and "Via Roma 1" in body
    assert buyer.email not in body  # only name, place and phone: never the email


def test_supplier_does_not_see_another_suppliers_bookings(client, user_b, pending_a):
    client.force_login(user_b)

    response = client.get(reverse("bookings-dashboard:inbox"))

    assert response.status_code == 200
    assert response.context["pending"] == [] and response.context["history"] == []
    assert pending_a.reference not in response.content.decode()


def test_inbox_shows_no_holds_of_baskets(client, user_a, calendar_a, buyer):
    held = booking_made(
        calendar=calendar_a,
        buyer=buyer,
        start=in_days(2),
        status=Booking.Status.HELD,
        held_until=timezone.now() + datetime.timedelta(minutes=10),
    )
    client.force_login(user_a)

    response = client.get(reverse("bookings-dashboard:inbox"))

    assert held.reference not in response.content.decode()


def test_manager_sees_every_suppliers_bookings(client, manager, pending_a):
    client.force_login(manager)

    response = client.get(reverse("bookings-dashboard:inbox"))

    assert [b.pk for b in response.context["pending"]] == [pending_a.pk]


@pytest.mark.parametrize("name", ["inbox", "calendars"])
def test_anonymous_visitor_goes_to_the_login_page(client, db, name):
    response = client.get(reverse(f"bookings-dashboard:{name}"))

    assert response.status_code == 302
    assert reverse("customer:login") in response["Location"]


@pytest.mark.parametrize("name", ["inbox", "calendars"])
def test_a_user_without_partner_is_refused(client, buyer, name):
    client.force_login(buyer)

    assert client.get(reverse(f"bookings-dashboard:{name}")).status_code == 403


def test_employee_cannot_confirm_a_booking(client, buyer, pending_a):
    client.force_login(buyer)

    response = client.post(reverse("bookings-dashboard:confirm", args=[pending_a.pk]))

    assert response.status_code == 403
    pending_a.refresh_from_db()
    assert pending_a.status == Booking.Status.PENDING


# --- Answering --------------------------------------------------------------------------------


def test_supplier_confirms_its_pending_booking(client, user_a, pending_a):
    client.force_login(user_a)

    response = client.post(reverse("bookings-dashboard:confirm", args=[pending_a.pk]), follow=True)

    pending_a.refresh_from_db()
    assert pending_a.status == Booking.Status.CONFIRMED
    assert pending_a.answered_by == user_a
    assert [b.pk for b in response.context["upcoming"]] == [pending_a.pk]


def test_refusing_needs_a_note_and_changes_nothing_without_it(client, user_a, pending_a):
    client.force_login(user_a)

    response = client.post(
        reverse("bookings-dashboard:refuse", args=[pending_a.pk]), {"note": " "}, follow=True
    )

    pending_a.refresh_from_db()
    assert pending_a.status == Booking.Status.PENDING
    assert "Spiega a chi ha prenotato perché rifiuti" in response.content.decode()


def test_supplier_refuses_with_a_note(client, user_a, pending_a):
    client.force_login(user_a)

    client.post(
        reverse("bookings-dashboard:refuse", args=[pending_a.pk]), {"note": "Nessun operatore libero"}
    )

    pending_a.refresh_from_db()
    assert pending_a.status == Booking.Status.REFUSED
    assert pending_a.supplier_note == "Nessun operatore libero"


@pytest.mark.parametrize("action", ["confirm", "refuse"])
def test_another_supplier_cannot_answer_a_booking(client, user_b, pending_a, action):
    client.force_login(user_b)

    response = client.post(reverse(f"bookings-dashboard:{action}", args=[pending_a.pk]), {"note": "No"})

    assert response.status_code == 404
    pending_a.refresh_from_db()
    assert pending_a.status == Booking.Status.PENDING and pending_a.answered_at is None


def test_answering_twice_is_refused_with_a_message(client, user_a, pending_a):
    client.force_login(user_a)
    client.post(reverse("bookings-dashboard:confirm", args=[pending_a.pk]))

    response = client.post(
        reverse("bookings-dashboard:refuse", args=[pending_a.pk]), {"note": "Ripensamento"}, follow=True
    )

    pending_a.refresh_from_db()
    assert pending_a.status == Booking.Status.CONFIRMED
    assert list(response.context["messages"])[-1].level_tag == "error"


def test_answer_pages_take_only_post(client, user_a, pending_a):
    client.force_login(user_a)

    assert client.get(reverse("bookings-dashboard:confirm", args=[pending_a.pk])).status_code == 405


# --- Calendars --------------------------------------------------------------------------------


def test_calendar_list_shows_only_own_services(client, user_a, user_b, calendar_a):
    service_product(partner=user_b.partners.get(), title="Doposcuola di B")
    client.force_login(user_a)

    response = client.get(reverse("bookings-dashboard:calendars"))

    body = response.content.decode()
    assert "Badante per un pomeriggio" in body and "Doposcuola di B" not in body


@pytest.mark.parametrize("name", ["calendar", "exceptions", "week"])
def test_another_supplier_cannot_open_a_calendar(client, user_b, calendar_a, name):
    client.force_login(user_b)

    response = client.get(reverse(f"bookings-dashboard:{name}", args=[calendar_a.stockrecord_id]))

    assert response.status_code == 404


def test_another_supplier_cannot_edit_a_calendar(client, user_b, calendar_a):
    client.force_login(user_b)
    url = reverse("bookings-dashboard:calendar", args=[calendar_a.stockrecord_id])

    response = client.post(url, {"where": "seat", "slot_minutes": "30", "default_capacity": "9"})

    assert response.status_code == 404
    calendar_a.refresh_from_db()
    assert (calendar_a.slot_minutes, calendar_a.default_capacity) == (60, 1)


def test_another_supplier_cannot_add_or_remove_exceptions(client, user_b, calendar_a):
    closure = Closure.objects.create(
        calendar=calendar_a, date_from=in_days(5).date(), date_to=in_days(6).date()
    )
    extra = ExtraSlot.objects.create(
        calendar=calendar_a, date=in_days(5).date(), start=datetime.time(15), end=datetime.time(17)
    )
    client.force_login(user_b)
    record = calendar_a.stockrecord_id
    day = in_days(9).date().isoformat()

    responses = [
        client.post(
            reverse("bookings-dashboard:exceptions", args=[record]),
            {"kind": "closure", "closure-date_from": day, "closure-date_to": day},
        ),
        client.post(reverse("bookings-dashboard:closure-delete", args=[record, closure.pk])),
        client.post(reverse("bookings-dashboard:extra-delete", args=[record, extra.pk])),
    ]

    assert [r.status_code for r in responses] == [404, 404, 404]
    assert Closure.objects.count() == 1 and ExtraSlot.objects.count() == 1


def test_an_exception_of_another_calendar_is_not_found_through_ones_own(
    client, user_a, calendar_a, supplier_b
):
    other = service_calendar(partner=supplier_b)
    closure = Closure.objects.create(calendar=other, date_from=in_days(5).date(), date_to=in_days(6).date())
    client.force_login(user_a)

    response = client.post(
        reverse("bookings-dashboard:closure-delete", args=[calendar_a.stockrecord_id, closure.pk])
    )

    assert response.status_code == 404
    assert Closure.objects.filter(pk=closure.pk).exists()


def test_supplier_sets_up_a_new_calendar_with_weekly_hours(client, user_a, supplier_a):
    _product, record = service_product(
        partner=supplier_a, title="Fisioterapia a domicilio — ciclo di 10", where="home", session_count=10
    )
    client.force_login(user_a)
    url = reverse("bookings-dashboard:calendar", args=[record.pk])
    page = client.get(url).content.decode()
    assert "10 incontri, prenotati insieme in un'unica riga." in page and "A casa di chi acquista" in page

    response = client.post(
        url,
        {
            # Where and how many sessions are the product's: a posted value changes nothing.
            **calendar_fields(slot_minutes="45", session_count="1", where="seat", session_every_days="7"),
            **weekly_rows([("0", "09:00", "12:00", ""), ("2", "14:00", "18:00", "2")]),
        },
    )

    assert response.status_code == 302, response.context and response.context["form"].errors
    calendar = ServiceCalendar.objects.get(stockrecord=record)
    assert (calendar.partner, calendar.product) == (supplier_a, record.product)
    assert (calendar.slot_minutes, calendar.session_count, calendar.where) == (45, 10, "home")
    windows = [(w.weekday, w.start, w.end, w.capacity) for w in calendar.weekly_slots.all()]
    assert windows == [
        (0, datetime.time(9), datetime.time(12), None),
        (2, datetime.time(14), datetime.time(18), 2),
    ]


def test_pages_needing_a_calendar_send_to_its_settings_first(client, user_a, supplier_a):
    _product, record = service_product(partner=supplier_a)
    client.force_login(user_a)

    response = client.get(reverse("bookings-dashboard:week", args=[record.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("bookings-dashboard:calendar", args=[record.pk])


def test_week_view_shows_places_taken_and_left(client, user_a, calendar_a, buyer, clock):
    # On a pinned Monday: two days from a real today may be a public holiday, with no slots
    # (from Sunday 6 December 2026, Tuesday 8 December, the Immacolata).
    ServiceCalendar.objects.filter(pk=calendar_a.pk).update(default_capacity=2)
    start = in_days(2, hour=9)
    booking_made(calendar=calendar_a, buyer=buyer, start=start, status=Booking.Status.CONFIRMED)
    booking_made(calendar=calendar_a, buyer=buyer, start=start, status=Booking.Status.PENDING)
    booking_made(calendar=calendar_a, buyer=buyer, start=start + datetime.timedelta(hours=1))
    client.force_login(user_a)

    response = client.get(reverse("bookings-dashboard:week", args=[calendar_a.stockrecord_id]))

    slots = {slot.start: slot for _day, day_slots in response.context["days"] for slot in day_slots}
    assert (slots[start].taken, slots[start].remaining) == (2, 0)  # full, still listed
    assert slots[start + datetime.timedelta(hours=1)].remaining == 1
    assert slots[start + datetime.timedelta(hours=2)].taken == 0
    assert len(response.context["week_bookings"]) == 3


@pytest.mark.parametrize("value", ["2026-13-45", "domani", ""])
def test_week_view_reads_a_bad_date_as_today(client, user_a, calendar_a, value):
    client.force_login(user_a)

    response = client.get(
        reverse("bookings-dashboard:week", args=[calendar_a.stockrecord_id]), {"dal": value}
    )

    assert response.status_code == 200
    assert response.context["days"][0][0] == timezone.localdate()


def test_manager_can_open_any_calendar(client, manager, calendar_a):
    client.force_login(manager)

    response = client.get(reverse("bookings-dashboard:calendar", args=[calendar_a.stockrecord_id]))

    assert response.status_code == 200


def calendar_fields(**overrides) -> dict:
    fields = {
        "slot_minutes": "60",
        "default_capacity": "1",
        "min_notice_hours": "24",
        "horizon_days": "60",
        "cancel_free_hours": "48",
        "confirm_within_hours": "",
        "session_every_days": "7",
        "is_active": "on",
    }
    return {**fields, **overrides}


def weekly_rows(rows, *, initial: int = 0) -> dict:
    data = {
        "weekly-TOTAL_FORMS": str(len(rows)),
        "weekly-INITIAL_FORMS": str(initial),
        "weekly-MIN_NUM_FORMS": "0",
        "weekly-MAX_NUM_FORMS": "1000",
    }
    for index, (weekday, start, end, capacity) in enumerate(rows):
        data.update(
            {
                f"weekly-{index}-weekday": weekday,
                f"weekly-{index}-start": start,
                f"weekly-{index}-end": end,
                f"weekly-{index}-capacity": capacity,
            }
        )
    return data
