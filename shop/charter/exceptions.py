"""Domain errors of the charter: each carries a message fit for the person who caused it."""


class CharterError(Exception):
    """Base class: ``str(exc)`` is a user-facing, translated message."""


class InvalidTransition(CharterError):
    pass


class SignatureRefused(CharterError):
    pass


class VersionRefused(CharterError):
    pass


class AuditTrailIsAppendOnly(CharterError):
    pass
