"""Emails about bookings, and the iCalendar file attached to the confirmation and the reminder.

Times are written in the booking time zone (Europe/Rome) in the text, and in the calendar
file as local times with TZID and the zone's VTIMEZONE, so a calendar app shows the same
wall-clock time on both sides of a daylight-saving change.
"""

import logging

from django.conf import settings
from django.contrib.sites.models import Site
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from shop.bookings.slots import booking_zone
from shop.core.tasks import after_commit

logger = logging.getLogger(__name__)


def local(moment):
    return moment.astimezone(booking_zone())


def day_text(day) -> str:
    text = formats.date_format(day, "l j F Y")
    if (translation.get_language() or "").startswith("it"):
        text = text.lower()  # Italian writes weekdays and months in lower case
    return text


def session_text(start, end) -> str:
    start, end = local(start), local(end)
    return f"{day_text(start)}, {start:%H:%M}–{end:%H:%M}"


def when_text(booking) -> str:
    sessions = list(booking.sessions.all())
    if len(sessions) == 1:
        return session_text(sessions[0].start, sessions[0].end)
    return _("%(count)s sessions from %(first)s") % {
        "count": len(sessions),
        "first": session_text(sessions[0].start, sessions[0].end),
    }


def where_text(booking) -> str:
    if booking.is_home:
        return f"{booking.address}, {booking.municipality.name}" if booking.municipality else booking.address
    seat = booking.partner.seat
    return _("At the supplier's seat: %(partner)s, %(place)s") % {
        "partner": booking.partner.name,
        "place": seat.name if seat else "",
    }


def booking_ics(booking) -> bytes:
    """One VEVENT per session, local times with TZID and the VTIMEZONE of the booking zone."""
    from icalendar import Calendar, Event  # imported on use (tests/perf/test_startup_imports.py)

    calendar = Calendar()
    calendar.add("prodid", "-//AtC56W+//Prenotazioni//IT")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    domain = Site.objects.get_current().domain.split(":")[0]
    for index, session in enumerate(booking.sessions.all(), start=1):
        event = Event()
        event.add("uid", f"{booking.reference}-{index}@{domain}")
        event.add("dtstamp", booking.created_at)
        event.add("dtstart", local(session.start))
        event.add("dtend", local(session.end))
        event.add("summary", booking.product.get_title())
        event.add("location", where_text(booking))
        event.add(
            "description",
            _("Booking %(reference)s with %(partner)s")
            % {
                "reference": booking.reference,
                "partner": booking.partner.name,
            },
        )
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _send(*, booking, subject: str, template: str, attach_ics: bool = False, extra=None) -> None:
    """Email the buyer in Italian (the shop's language); a failure is logged, never raised."""
    if not booking.buyer.email:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "booking": booking,
            "when": when_text(booking),
            "where": where_text(booking),
            "sessions": [session_text(s.start, s.end) for s in booking.sessions.all()],
            "url": "https://"
            + Site.objects.get_current().domain
            + reverse("bookings:detail", args=[booking.reference]),
            **(extra or {}),
        }
        message = EmailMessage(
            subject=subject % {"reference": booking.reference, "service": booking.product.get_title()},
            body=render_to_string(template, context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[booking.buyer.email],
        )
        if attach_ics:
            message.attach(f"prenotazione-{booking.reference}.ics", booking_ics(booking), "text/calendar")
    try:
        message.send()
    except Exception:  # noqa: BLE001  (the booking is written; the email can be resent)
        logger.exception("Booking %s: email %s not sent", booking.reference, template)


def _buyer_confirmed(*, booking) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Booking %(reference)s confirmed: %(service)s")
    _send(booking=booking, subject=subject, template="bookings/email/confirmed.txt", attach_ics=True)


def _buyer_reminder(*, booking) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Reminder: %(service)s (booking %(reference)s)")
    _send(booking=booking, subject=subject, template="bookings/email/reminder.txt", attach_ics=True)


def _buyer_refused(*, booking) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Booking %(reference)s refused: you have been refunded")
    _send(booking=booking, subject=subject, template="bookings/email/refused.txt")


def _buyer_expired(*, booking) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Booking %(reference)s not confirmed in time: you have been refunded")
    _send(booking=booking, subject=subject, template="bookings/email/expired.txt")


def _buyer_cancelled(*, booking) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Booking %(reference)s cancelled: you have been refunded")
    _send(booking=booking, subject=subject, template="bookings/email/cancelled.txt")


def _buyer_withdrawn(*, booking) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _(
            "Booking %(reference)s cancelled: the supplier may no longer sell, you have been refunded"
        )
    _send(booking=booking, subject=subject, template="bookings/email/withdrawn.txt")


def _supplier_new_booking(*, booking) -> None:
    """Tell the supplier's users a booking waits for their answer."""
    recipients = [user.email for user in booking.partner.users.all() if user.email]
    if booking.partner.email:
        recipients.append(booking.partner.email)
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("New booking %(reference)s to confirm: %(service)s") % {
            "reference": booking.reference,
            "service": booking.product.get_title(),
        }
        body = render_to_string(
            "bookings/email/supplier_new.txt",
            {
                "booking": booking,
                "when": when_text(booking),
                "where": where_text(booking),
                "respond_by": formats.date_format(local(booking.respond_by), "j F Y H:i"),
            },
        )
    try:
        EmailMessage(
            subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=sorted(set(recipients))
        ).send()
    except Exception:  # noqa: BLE001
        logger.exception("Booking %s: supplier email not sent", booking.reference)


# --- After the commit, off the request (shop/core/tasks.py) ---------------------------------

_EMAILS = {
    "buyer_confirmed": _buyer_confirmed,
    "buyer_reminder": _buyer_reminder,
    "buyer_refused": _buyer_refused,
    "buyer_expired": _buyer_expired,
    "buyer_cancelled": _buyer_cancelled,
    "supplier_new_booking": _supplier_new_booking,
    "buyer_withdrawn": _buyer_withdrawn,
}


def deliver(kind: str, booking_id: int) -> None:
    """The task: render and send one booking email, reading the booking as committed."""
    from shop.bookings.models import Booking

    booking = Booking.objects.select_related("buyer", "partner", "product").get(pk=booking_id)
    _EMAILS[kind](booking=booking)


def _later(kind: str):
    def notify(*, booking) -> None:
        after_commit(deliver, kind, booking.pk)

    notify.__name__ = kind
    notify.__doc__ = f"Send the {kind.replace('_', ' ')} email once the booking commits."
    return notify


buyer_confirmed = _later("buyer_confirmed")
buyer_reminder = _later("buyer_reminder")
buyer_refused = _later("buyer_refused")
buyer_expired = _later("buyer_expired")
buyer_cancelled = _later("buyer_cancelled")
buyer_withdrawn = _later("buyer_withdrawn")
supplier_new_booking = _later("supplier_new_booking")
