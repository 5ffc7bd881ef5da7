from django.utils.translation import gettext_lazy as _


class WelfareError(Exception):
    """A welfare-credit rule refused the operation; ``str()`` is the Italian message."""

    default_message = _("The welfare credit operation was refused.")

    def __init__(self, message=None):
        super().__init__(str(message or self.default_message))


class LedgerIsAppendOnly(WelfareError):
    default_message = _("Ledger entries are never changed or deleted: post a correction instead.")


class NotEligible(WelfareError):
    default_message = _(
        "You cannot use welfare credit today: it needs an active employment at a member company."
    )


class CreditNotAllowed(WelfareError):
    default_message = _("These products cannot be paid with welfare credit.")


class InsufficientCredit(WelfareError):
    default_message = _("Your available welfare credit is not enough for this amount.")


class InvalidAmount(WelfareError):
    default_message = _("The amount must be positive, in euros and cents.")


class NotReimbursable(WelfareError):
    default_message = _(
        "Only art. 51 c.2 lett. f-bis and f-ter expenses can be reimbursed: "
        "c.2 lett. f services are provided directly, never paid back as cash."
    )


class DuplicateReceipt(WelfareError):
    default_message = _(
        "This receipt has already been claimed: same supplier, number and date, or the same "
        "file. A receipt can be reimbursed only once."
    )


class InvalidClaimTransition(WelfareError):
    default_message = _("The claim cannot move to that state from its current one.")
