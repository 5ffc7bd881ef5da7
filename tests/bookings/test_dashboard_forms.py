"""The calendar forms of the supplier's dashboard refuse bad input in Italian, keep what was
typed and write nothing."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from shop.bookings.dashboard.selectors import Window
from shop.bookings.dashboard.services import CalendarInvalid, calendar_save, closure_add
from shop.bookings.models import Closure, ExtraSlot, ServiceCalendar, WeeklySlot
from tests.bookings.test_dashboard import calendar_fields, weekly_rows
from tests.factories import PartnerFactory
from tests.factories.bookings import service_calendar, service_product

User = get_user_model()


@pytest.fixture
def supplier(db):
    return PartnerFactory(name="Cura Casa Sebino")


@pytest.fixture
def signed_in(client, supplier):
    client.force_login(supplier.users.first())  # the user who signed the charter
    return client


@pytest.fixture
def record(supplier):
    return service_product(partner=supplier, title="Fisioterapia")[1]


@pytest.fixture
def calendar(supplier):
    return service_calendar(partner=supplier, slot_minutes=60)


def day(offset: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=offset)).isoformat()


def post_calendar(client, record, fields=None, rows=()):
    with override("it"):
        return client.post(
            reverse("bookings-dashboard:calendar", args=[record.pk]),
            {**calendar_fields(**(fields or {})), **weekly_rows(rows)},
            HTTP_ACCEPT_LANGUAGE="it",
        )


def post_exception(client, calendar, kind: str, follow: bool = False, **fields):
    """Add a closure or an extra opening through the page, its fields named without prefix."""
    data = {"kind": kind, **{f"{kind}-{name}": value for name, value in fields.items()}}
    with override("it"):
        url = reverse("bookings-dashboard:exceptions", args=[calendar.stockrecord_id])
        return client.post(url, data, follow=follow)


def test_end_before_start_is_refused_and_the_typed_rows_stay(signed_in, record):
    response = post_calendar(signed_in, record, rows=[("0", "12:00", "09:00", "")])

    assert response.status_code == 200
    form = response.context["formset"].forms[0]
    assert form.errors["end"] == ["L'ora di fine deve venire dopo l'ora di inizio."]
    assert form["start"].value() == "12:00" and form["end"].value() == "09:00"
    assert not ServiceCalendar.objects.exists() and not WeeklySlot.objects.exists()


def test_overlapping_weekly_windows_are_refused(signed_in, record):
    response = post_calendar(
        signed_in, record, rows=[("2", "09:00", "12:00", ""), ("2", "11:00", "13:00", "")]
    )

    errors = response.context["formset"].non_form_errors()
    assert errors == ["Due fasce di mercoledì si sovrappongono: 09:00–12:00 e 11:00–13:00."]
    assert not ServiceCalendar.objects.exists()


def test_touching_windows_and_other_days_do_not_overlap(signed_in, record):
    response = post_calendar(
        signed_in,
        record,
        rows=[("2", "09:00", "12:00", ""), ("2", "12:00", "13:00", ""), ("3", "09:00", "12:00", "")],
    )

    assert response.status_code == 302
    assert WeeklySlot.objects.count() == 3


def test_a_window_shorter_than_a_slot_is_refused(signed_in, record):
    response = post_calendar(
        signed_in, record, fields={"slot_minutes": "90"}, rows=[("0", "09:00", "10:00", "")]
    )

    assert response.context["formset"].forms[0].errors["end"] == [
        "La fascia è più corta di un turno (90 minuti)."
    ]
    assert not ServiceCalendar.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("default_capacity", "0", "Un turno deve avere almeno un posto."),
        ("slot_minutes", "0", "Un turno dura da 5 minuti a 24 ore."),
        ("session_every_days", "0", "Gli incontri si ripetono ogni 1–365 giorni."),
        ("horizon_days", "0", "Le prenotazioni si possono aprire da 1 a 730 giorni prima."),
    ],
)
def test_settings_out_of_range_are_refused_in_italian(signed_in, record, field, value, message):
    response = post_calendar(signed_in, record, fields={field: value}, rows=[("0", "09:00", "12:00", "")])

    form = response.context["form"]
    assert form.errors[field] == [message]
    assert form[field].value() == value
    assert not ServiceCalendar.objects.exists() and not WeeklySlot.objects.exists()


def test_a_window_with_no_place_is_refused(signed_in, record):
    response = post_calendar(signed_in, record, rows=[("0", "09:00", "12:00", "0")])

    assert response.context["formset"].forms[0].errors["capacity"] == ["Un turno deve avere almeno un posto."]


def test_an_invalid_edit_leaves_the_saved_calendar_as_it_was(signed_in, calendar):
    before = list(calendar.weekly_slots.values_list("weekday", "start", "end"))

    response = post_calendar(
        signed_in, calendar.stockrecord, fields={"default_capacity": "5"}, rows=[("1", "18:00", "17:00", "")]
    )

    assert response.status_code == 200
    calendar.refresh_from_db()
    assert calendar.default_capacity == 1
    assert list(calendar.weekly_slots.values_list("weekday", "start", "end")) == before


def test_a_closure_ending_before_it_starts_is_refused(signed_in, calendar):
    response = post_exception(
        signed_in, calendar, "closure", date_from=day(10), date_to=day(8), reason="Ferie"
    )

    form = response.context["closure_form"]
    assert form.errors["date_to"] == ["L'ultimo giorno di chiusura non può venire prima del primo."]
    assert form["reason"].value() == "Ferie"
    assert not Closure.objects.exists()


def test_a_closure_in_the_past_is_refused(signed_in, calendar):
    response = post_exception(signed_in, calendar, "closure", date_from=day(-3), date_to=day(-1))

    assert response.context["closure_form"].errors["date_to"] == ["Scegli oggi o un giorno successivo."]
    assert not Closure.objects.exists()


def test_a_closure_is_added_and_warns_about_bookings_on_those_days(signed_in, calendar):
    from tests.factories.bookings import booking_made

    start = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=9), datetime.time(10))
    )
    buyer = User.objects.create_user(username="giulia@example.org", email="giulia@example.org")
    booking_made(calendar=calendar, buyer=buyer, start=start)

    response = post_exception(signed_in, calendar, "closure", follow=True, date_from=day(8), date_to=day(10))

    assert Closure.objects.filter(calendar=calendar).count() == 1
    texts = [str(m) for m in response.context["messages"]]
    assert any("Prenotazioni già fatte in quei giorni: 1" in text for text in texts)


def test_an_extra_opening_overlapping_another_is_refused(signed_in, calendar):
    ExtraSlot.objects.create(calendar=calendar, date=day(5), start=datetime.time(15), end=datetime.time(18))
    response = post_exception(
        signed_in, calendar, "extra", date=day(5), start="17:00", end="19:00", capacity="2"
    )

    form = response.context["extra_form"]
    assert form.errors["start"] == [
        "Questa apertura si sovrappone a un'altra apertura straordinaria dello stesso giorno."
    ]
    assert form["capacity"].value() == "2"
    assert ExtraSlot.objects.count() == 1


def test_an_extra_opening_is_added(signed_in, calendar):
    response = post_exception(
        signed_in, calendar, "extra", date=day(5), start="15:00", end="17:00", capacity=""
    )

    assert response.status_code == 302
    extra = ExtraSlot.objects.get()
    assert (extra.start, extra.end, extra.capacity) == (datetime.time(15), datetime.time(17), None)


def test_services_refuse_what_the_forms_refuse(calendar):
    fields = {name: getattr(calendar, name) for name in calendar_fields()}
    overlapping = [
        Window(day=0, start=datetime.time(9), end=datetime.time(12)),
        Window(day=0, start=datetime.time(10), end=datetime.time(11)),
    ]

    with pytest.raises(CalendarInvalid):
        calendar_save(stockrecord=calendar.stockrecord, fields=fields, weekly=overlapping)
    with pytest.raises(CalendarInvalid):
        calendar_save(stockrecord=calendar.stockrecord, fields={**fields, "default_capacity": 0}, weekly=[])
    with pytest.raises(CalendarInvalid):
        closure_add(calendar=calendar, date_from=datetime.date(2030, 1, 2), date_to=datetime.date(2030, 1, 1))
    assert calendar.weekly_slots.count() == 7 and not Closure.objects.exists()


def test_removing_and_changing_windows_of_a_saved_calendar(signed_in, supplier):
    calendar = service_calendar(
        partner=supplier, weekdays=(0, 1), windows=((datetime.time(9), datetime.time(12)),)
    )
    monday, tuesday = calendar.weekly_slots.order_by("weekday")
    data = {
        **calendar_fields(),
        **weekly_rows([("0", "08:00", "12:00", "3"), ("1", "09:00", "12:00", "")], initial=2),
        "weekly-0-id": str(monday.pk),
        "weekly-1-id": str(tuesday.pk),
        "weekly-1-DELETE": "on",
    }

    response = signed_in.post(reverse("bookings-dashboard:calendar", args=[calendar.stockrecord_id]), data)

    assert response.status_code == 302
    windows = list(calendar.weekly_slots.values_list("weekday", "start", "end", "capacity"))
    assert windows == [(0, datetime.time(8), datetime.time(12), 3)]
