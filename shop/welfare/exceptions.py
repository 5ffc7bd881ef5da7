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
