"""The supplier's answer, the timeout and the buyer's cancellation: refunds to the paying
sources (welfare ledger included) and emails to the buyer."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.db.models import Sum

from shop.bookings.exceptions import InvalidTransition, NotAllowed, NotCancellable
from shop.bookings.models import Booking
from shop.bookings.services import (
    booking_cancel,
    booking_confirm,
    booking_refuse,
    bookings_expire_unanswered,
    bookings_remind,
)
from shop.welfare.models import LedgerEntry
from tests.bookings.helpers import book_and_order
from tests.factories import PartnerFactory
from tests.factories.bookings import rome, service_calendar

T = datetime.time
THU_9 = rome(2026, 3, 5, 9)


@pytest.fixture
def calendar(db):
    return service_calendar(windows=((T(9), T(11)),), price="42.50", cancel_free_hours=48)


@pytest.fixture
def placed(calendar, buyer, wallet, clock, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        order, booking = book_and_order(calendar=calendar, user=buyer, start=THU_9, credit=Decimal("30.00"))
    mail.outbox.clear()
    return order, booking


def ledger(order, kind):
    return LedgerEntry.objects.filter(order_number=order.number, kind=kind)


def test_placement_tells_the_supplier(calendar, buyer, wallet, clock, django_capture_on_commit_callbacks):
    user = calendar.partner.users.first()
    with django_capture_on_commit_callbacks(execute=True):
        _order, booking = book_and_order(calendar=calendar, user=buyer, start=THU_9)

    [email] = mail.outbox
    assert email.to == [user.email] and booking.reference in email.subject


def test_confirmation_by_the_supplier_emails_the_buyer_with_the_calendar_file(
    placed, calendar, clock, django_capture_on_commit_callbacks
):
    order, booking = placed
    user = calendar.partner.users.first()

    with django_capture_on_commit_callbacks(execute=True):
        booking_confirm(booking=booking, by=user)

    booking.refresh_from_db()
    assert (booking.status, booking.answered_by, booking.answered_at) == ("confirmed", user, clock.now)
    assert booking.order_line.status == "Confermato"
    [email] = mail.outbox
    assert email.to == ["fabio@example.it"]
    assert "confermata" in email.subject and "giovedì 5 marzo 2026, 09:00–10:00" in email.body
    [(name, content, mimetype)] = email.attachments
    assert name.endswith(".ics") and mimetype == "text/calendar"
    assert ledger(order, "refund").count() == 0


def test_a_supplier_cannot_answer_another_suppliers_booking(placed, clock):
    _order, booking = placed
    stranger = PartnerFactory().users.first()

    with pytest.raises(NotAllowed):
        booking_confirm(booking=booking, by=stranger)
    with pytest.raises(NotAllowed):
        booking_refuse(booking=booking, by=stranger)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.PENDING


def test_an_answered_booking_cannot_be_answered_again(placed, calendar, clock):
    _order, booking = placed
    user = calendar.partner.users.first()
    booking_confirm(booking=booking, by=user)

    with pytest.raises(InvalidTransition):
        booking_refuse(booking=booking, by=user)


def test_refusal_refunds_exactly_what_the_line_took_and_tells_the_buyer(
    placed, calendar, wallet, clock, django_capture_on_commit_callbacks
):
    order, booking = placed
    wallet.refresh_from_db()
    assert (wallet.balance, wallet.reserved) == (Decimal("500.00"), Decimal("30.00"))

    with django_capture_on_commit_callbacks(execute=True):
        booking_refuse(booking=booking, by=calendar.partner.users.first(), note="Operatrice malata")

    wallet.refresh_from_db()
    assert (wallet.balance, wallet.reserved) == (Decimal("500.00"), Decimal("0.00"))
    assert ledger(order, "release").aggregate(total=Sum("held"))["total"] == Decimal("-30.00")
    line = order.lines.get()
    assert line.status == "Annullato"
    order.refresh_from_db()
    assert order.status == "Annullato"
    [event] = order.payment_events.filter(event_type__code="rimborso")
    assert event.amount == Decimal("42.50")  # the whole line: 30.00 credit + 12.50 other payment
    [email] = mail.outbox
    assert "rifiutata" in email.subject and "Operatrice malata" in email.body
    call_command("verify_wallets")


def test_refusal_after_confirmation_of_spent_credit_is_a_refund(placed, calendar, wallet, clock):
    order, booking = placed
    order.set_status("Confermato")  # credit spent
    wallet.refresh_from_db()
    assert wallet.balance == Decimal("470.00")

    booking_refuse(booking=booking, by=calendar.partner.users.first())

    wallet.refresh_from_db()
    assert (wallet.balance, wallet.reserved) == (Decimal("500.00"), Decimal("0.00"))
    assert ledger(order, "refund").aggregate(total=Sum("amount"))["total"] == Decimal("30.00")


def test_unanswered_bookings_expire_with_a_refund_once(
    placed, wallet, clock, django_capture_on_commit_callbacks
):
    order, booking = placed
    clock.advance(hours=23)
    assert bookings_expire_unanswered() == 0

    clock.advance(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("bookings_expire")
    assert bookings_expire_unanswered() == 0

    booking.refresh_from_db()
    assert booking.status == Booking.Status.EXPIRED
    wallet.refresh_from_db()
    assert (wallet.balance, wallet.reserved) == (Decimal("500.00"), Decimal("0.00"))
    assert ledger(order, "release").count() == 1
    [email] = mail.outbox
    assert "non confermata in tempo" in email.subject
    with pytest.raises(InvalidTransition):  # too late to answer now
        booking_confirm(booking=booking, by=booking.partner.users.first())


def test_the_buyer_cancels_within_the_terms_and_is_refunded(
    placed, buyer, wallet, clock, django_capture_on_commit_callbacks
):
    order, booking = placed
    clock.set(THU_9 - datetime.timedelta(hours=48))  # exactly at the limit: still free

    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(booking=booking, by=buyer)

    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED and booking.cancelled_at == clock.now
    wallet.refresh_from_db()
    assert wallet.reserved == Decimal("0.00") and wallet.balance == Decimal("500.00")
    assert "disdetta" in mail.outbox[0].subject


def test_the_buyer_cannot_cancel_after_the_terms(placed, buyer, wallet, clock):
    order, booking = placed
    clock.set(THU_9 - datetime.timedelta(hours=47))

    with pytest.raises(NotCancellable, match="48 ore"):
        booking_cancel(booking=booking, by=buyer)

    booking.refresh_from_db()
    assert booking.status == Booking.Status.PENDING
    assert not ledger(order, "release").exists()


def test_another_buyer_cannot_cancel(placed, other_buyer, clock):
    _order, booking = placed

    with pytest.raises(NotAllowed):
        booking_cancel(booking=booking, by=other_buyer)


def test_reminder_goes_once_a_day_before_with_the_calendar_file(placed, calendar, clock, settings):
    settings.SHOP_BOOKING_REMIND_HOURS = 24
    _order, booking = placed
    booking_confirm(booking=booking, by=calendar.partner.users.first())
    mail.outbox.clear()

    clock.set(THU_9 - datetime.timedelta(hours=25))
    assert bookings_remind() == 0
    clock.set(THU_9 - datetime.timedelta(hours=23))
    call_command("bookings_remind")
    assert bookings_remind() == 0

    [email] = mail.outbox
    assert "Promemoria" in email.subject and email.attachments[0][0].endswith(".ics")


def test_reminders_skip_public_holidays_and_reach_over_them(calendar, buyer, wallet, clock, settings):
    """Tuesday 8 December 2026 is a public holiday (Immacolata): no reminder goes out on it, and
    the booking of Wednesday 9 at 9:00 is reminded on Monday 7, a working day before."""
    settings.SHOP_BOOKING_REMIND_HOURS = 24
    wednesday_9 = rome(2026, 12, 9, 9)
    clock.set(rome(2026, 12, 1, 10))
    _order, booking = book_and_order(calendar=calendar, user=buyer, start=wednesday_9)
    booking_confirm(booking=booking, by=calendar.partner.users.first())
    mail.outbox.clear()

    clock.set(rome(2026, 12, 7, 8, 59))
    assert bookings_remind() == 0  # 48 hours and one minute ahead: not yet
    clock.set(rome(2026, 12, 8, 10))
    assert bookings_remind() == 0  # the holiday: nothing is sent
    assert mail.outbox == []
    clock.set(rome(2026, 12, 7, 9, 1))
    assert bookings_remind() == 1
    [email] = mail.outbox
    assert booking.reference in email.subject


def test_three_days_ahead_no_reminder_goes_out_at_christmas_it_goes_on_the_24th(
    calendar, buyer, wallet, clock, settings
):
    """With reminders 72 hours ahead, Monday 28 December at 9:00 would be reminded on the 25th;
    25 and 26 December are holidays, so it goes on the 24th, whose window reaches over them."""
    settings.SHOP_BOOKING_REMIND_HOURS = 72
    clock.set(rome(2026, 12, 15, 10))
    _order, booking = book_and_order(calendar=calendar, user=buyer, start=rome(2026, 12, 28, 9))
    booking_confirm(booking=booking, by=calendar.partner.users.first())
    mail.outbox.clear()

    clock.set(rome(2026, 12, 23, 9, 30))
    assert bookings_remind() == 0  # the 23rd's window ends on the 26th
    for day in (25, 26):
        clock.set(rome(2026, 12, day, 12))
        assert bookings_remind() == 0
    clock.set(rome(2026, 12, 24, 9, 30))
    assert bookings_remind() == 1
