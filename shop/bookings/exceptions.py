"""Refusals of the booking rules; each message is Italian-ready text for the person acting."""

from django.utils.translation import gettext_lazy as _


class BookingError(Exception):
    """A booking rule refused an action; ``str(exc)`` is the message for the user."""

    default_message = _("This booking cannot be made.")

    def __init__(self, message=None):
        super().__init__(str(message or self.default_message))


class SlotUnavailable(BookingError):
    default_message = _("This slot is no longer available: please choose another one.")


class SlotFull(SlotUnavailable):
    default_message = _("This slot is full: please choose another one.")


class NoticeTooShort(SlotUnavailable):
    default_message = _("This slot starts too soon to be booked.")


class MunicipalityNotServed(BookingError):
    default_message = _("The supplier does not reach homes in this municipality.")


class AddressRequired(BookingError):
    default_message = _("Please give the address where the service takes place.")


class HoldExpired(BookingError):
    default_message = _("The hold on this slot has lapsed: please book the slot again.")


class InvalidTransition(BookingError):
    default_message = _("This booking can no longer be changed this way.")


class NotCancellable(BookingError):
    default_message = _("The free cancellation period of this booking is over.")


class NotAllowed(BookingError):
    default_message = _("You cannot act on this booking.")
