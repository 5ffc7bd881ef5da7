class NeedsError(Exception):
    """A rule of household needs or urgent requests refused an action; the message is for the user."""


class ConsentRequired(NeedsError):
    pass


class NotAnEmployee(NeedsError):
    pass


class UrgentRequestError(NeedsError):
    pass
