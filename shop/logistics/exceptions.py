from django.utils.translation import gettext_lazy as _


class LogisticsError(Exception):
    """A logistics rule refused the operation; ``str()`` is the Italian message."""

    default_message = _("The logistics operation was refused.")

    def __init__(self, message=None):
        super().__init__(str(message or self.default_message))


class WrongState(LogisticsError):
    default_message = _("This step is not possible now.")


class NoWorkSession(LogisticsError):
    default_message = _("Ask the operator to open your work session.")
