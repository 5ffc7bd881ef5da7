from django.utils.translation import gettext_lazy as _


class MarketplaceError(Exception):
    default_message = _("This action is not possible on this line.")

    def __init__(self, message=None):
        super().__init__(str(message or self.default_message))


class NotYourLine(MarketplaceError):
    default_message = _("This line belongs to another supplier.")


class WrongLineState(MarketplaceError):
    default_message = _("This line cannot take that step in its present state.")
