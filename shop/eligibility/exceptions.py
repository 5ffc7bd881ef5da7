"""Errors raised by the eligibility services; their messages are shown to users as they are."""

from dataclasses import dataclass


class EligibilityError(Exception):
    """Base class: ``str(exc)`` is a translated message fit for the user."""


class PurchaseNotAllowed(EligibilityError):
    """The user may not place an order in the shop at all (neither employee nor citizen)."""


class InvitationInvalid(EligibilityError):
    """The invitation link is unknown, expired, already used or its employee already joined."""


class JoinRequestInvalid(EligibilityError):
    """The join request cannot be made or decided as asked."""


@dataclass(frozen=True)
class RowError:
    line: int
    messages: list[str]


class RosterImportInvalid(EligibilityError):
    """The CSV file has bad rows: nothing was written."""

    def __init__(self, message: str, *, errors: list[RowError]):
        super().__init__(message)
        self.errors = errors


class RosterColumnsUnknown(RosterImportInvalid):
    """Some required columns of the file have headers not recognised: the HR contact chooses them."""

    def __init__(self, message: str, *, table, matched: dict[str, int]):
        super().__init__(message, errors=[])
        self.table = table
        self.matched = matched
