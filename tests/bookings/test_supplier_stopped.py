"""A supplier that may no longer sell (issue 20): its pending bookings are refused with a full
refund and an email, its confirmed future bookings wait for the manager to keep or cancel, and
it cannot confirm anything meanwhile."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.db.models import Sum
from django.urls import reverse

from shop.bookings.exceptions import InvalidTransition, NotAllowed
from shop.bookings.models import Booking
from shop.bookings.services import booking_confirm, booking_review
from shop.charter.models import Admission, AuditEntry
from shop.charter.services import admission_decide
from shop.welfare.models import LedgerEntry
from tests.bookings.helpers import book_and_order
from tests.factories.bookings import rome, service_calendar
from tests.factories.eligibility import make_hr_contact

T = datetime.time
THU_9 = rome(2026, 3, 5, 9)
NEXT_THU_9 = rome(2026, 3, 12, 9)


@pytest.fixture
def calendar(db):
    return service_calendar(windows=((T(9), T(11)),), price="42.50", title="Fisioterapia a domicilio")


@pytest.fixture
def two_bookings(calendar, buyer, wallet, clock, django_capture_on_commit_callbacks):
    """One booking still pending, one confirmed for next week; €30 of credit on each."""
    supplier = calendar.partner.users.first()
    with django_capture_on_commit_callbacks(execute=True):
        pending_order, pending = book_and_order(
            calendar=calendar, user=buyer, start=THU_9, credit=Decimal("30.00")
        )
        confirmed_order, confirmed = book_and_order(
            calendar=calendar, user=buyer, start=NEXT_THU_9, credit=Decimal("30.00")
        )
        booking_confirm(booking=confirmed, by=supplier)
    mail.outbox.clear()
    return {"pending": (pending_order, pending), "confirmed": (confirmed_order, confirmed)}


def suspend(partner, manager, callbacks):
    with callbacks(execute=True):
        admission_decide(
            admission=Admission.objects.get(partner=partner),
            actor=manager,
            action=AuditEntry.Action.SUSPENDED,
            reason="Firma della carta non valida",
        )


def test_suspension_refuses_pending_bookings_with_a_full_refund_and_an_email(
    two_bookings, calendar, manager, wallet, clock, django_capture_on_commit_callbacks
):
    order, booking = two_bookings["pending"]
    wallet.refresh_from_db()
    assert wallet.reserved == Decimal("60.00")

    suspend(calendar.partner, manager, django_capture_on_commit_callbacks)

    booking.refresh_from_db()
    assert booking.status == Booking.Status.REFUSED
    assert "non può più vendere" in booking.supplier_note
    wallet.refresh_from_db()
    assert (wallet.balance, wallet.reserved) == (Decimal("500.00"), Decimal("30.00"))
    release = LedgerEntry.objects.filter(order_number=order.number, kind="release")
    assert release.aggregate(total=Sum("held"))["total"] == Decimal("-30.00")
    [event] = order.payment_events.filter(event_type__code="rimborso")
    assert event.amount == Decimal("42.50")  # the whole line: €30 credit + €12.50 at the door
    assert order.lines.get().status == "Annullato"
    to_buyer = [m for m in mail.outbox if m.to == ["fabio@example.it"]]
    assert len(to_buyer) == 1
    assert booking.reference in to_buyer[0].subject and "rimborsato" in to_buyer[0].subject
    assert "non può più vendere" in to_buyer[0].body
    call_command("verify_wallets")


def test_suspension_sends_confirmed_future_bookings_to_the_managers_review(
    two_bookings, calendar, manager, clock, django_capture_on_commit_callbacks
):
    order, booking = two_bookings["confirmed"]

    suspend(calendar.partner, manager, django_capture_on_commit_callbacks)

    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED  # nothing decided for the manager
    assert booking.review_requested_at == clock.now and booking.reviewed_at is None
    assert not order.payment_events.filter(event_type__code="rimborso").exists()
    assert not [m for m in mail.outbox if booking.reference in m.subject]


def test_a_supplier_that_may_not_sell_confirms_nothing(calendar, buyer, wallet, clock, client):
    _order, booking = book_and_order(calendar=calendar, user=buyer, start=THU_9)
    supplier = calendar.partner.users.first()
    # Suspended without the service (a data fix, an import): the confirmation still refuses.
    Admission.objects.filter(partner=calendar.partner).update(status=Admission.Status.SUSPENDED)

    with pytest.raises(InvalidTransition, match="sospesa"):
        booking_confirm(booking=booking, by=supplier)

    client.force_login(supplier)
    response = client.post(reverse("bookings-dashboard:confirm", args=[booking.pk]), follow=True)
    assert "non può essere confermata" in response.content.decode()
    booking.refresh_from_db()
    assert (booking.status, booking.answered_at) == (Booking.Status.PENDING, None)


def test_the_manager_cancels_a_reviewed_booking_with_a_full_refund(
    two_bookings, calendar, manager, wallet, clock, client, django_capture_on_commit_callbacks
):
    order, booking = two_bookings["confirmed"]
    suspend(calendar.partner, manager, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    client.force_login(manager)
    inbox = client.get(reverse("bookings-dashboard:inbox")).content.decode()
    assert booking.reference in inbox
    assert reverse("bookings-dashboard:review-cancel", args=[booking.pk]) in inbox

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("bookings-dashboard:review-cancel", args=[booking.pk]))

    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert (booking.reviewed_by, booking.reviewed_at) == (manager, clock.now)
    [event] = order.payment_events.filter(event_type__code="rimborso")
    assert event.amount == Decimal("42.50")
    wallet.refresh_from_db()
    assert (wallet.balance, wallet.reserved) == (Decimal("500.00"), Decimal("0.00"))
    [email] = [m for m in mail.outbox if booking.reference in m.subject]
    assert email.to == ["fabio@example.it"] and "non può più vendere" in email.body
    # Out of the queue: a second answer finds nothing.
    assert client.post(reverse("bookings-dashboard:review-keep", args=[booking.pk])).status_code == 404
    call_command("verify_wallets")


def test_the_manager_keeps_a_reviewed_booking(
    two_bookings, calendar, manager, clock, client, django_capture_on_commit_callbacks
):
    order, booking = two_bookings["confirmed"]
    suspend(calendar.partner, manager, django_capture_on_commit_callbacks)
    client.force_login(manager)

    client.post(reverse("bookings-dashboard:review-keep", args=[booking.pk]))

    booking.refresh_from_db()
    assert (booking.status, booking.reviewed_by) == (Booking.Status.CONFIRMED, manager)
    assert not order.payment_events.filter(event_type__code="rimborso").exists()
    assert booking.reference not in client.get(reverse("bookings-dashboard:inbox")).context["to_review"]


def test_nobody_but_the_manager_reviews(
    two_bookings, calendar, manager, buyer, employer, clock, client, django_capture_on_commit_callbacks
):
    _order, booking = two_bookings["confirmed"]
    suspend(calendar.partner, manager, django_capture_on_commit_callbacks)
    supplier = calendar.partner.users.first()
    hr = make_hr_contact(employer=employer)
    for user in (supplier, buyer, hr):
        client.force_login(user)
        for name in ("review-keep", "review-cancel"):
            response = client.post(reverse(f"bookings-dashboard:{name}", args=[booking.pk]))
            assert response.status_code == 403, (user, name)
        with pytest.raises(NotAllowed):
            booking_review(booking=booking, by=user, keep=False)
    client.logout()
    response = client.post(reverse("bookings-dashboard:review-cancel", args=[booking.pk]))
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(supplier)
    assert "to_review" not in client.get(reverse("bookings-dashboard:inbox")).content.decode()
    assert client.get(reverse("bookings-dashboard:inbox")).context["to_review"] == []
    booking.refresh_from_db()
    assert (booking.status, booking.reviewed_at) == (Booking.Status.CONFIRMED, None)
