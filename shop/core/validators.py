"""A period's end never comes before its start: one rule, one message per kind of period.

Periods of days (employments, credit plans) hold both ends, so a one-day period ends on its
start date. Windows of time within a day (a service's opening hours) hold no time at their
end, so theirs must come after the start.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def period_problem(start, end, *, whole_days: bool = True) -> str | None:
    """Why ``start``..``end`` is no period (a translated sentence), or None.

    A missing bound is no problem here: the field's own validation reports it.
    """
    if start is None or end is None:
        return None
    if whole_days:
        return _("The end date comes before the start date.") if end < start else None
    return _("The end time must be after the start time.") if end <= start else None


def check_period(start, end, *, field: str | None = None, whole_days: bool = True) -> None:
    """Raise ``ValidationError`` (on ``field``, if given) when ``period_problem`` finds one."""
    problem = period_problem(start, end, whole_days=whole_days)
    if problem is not None:
        raise ValidationError({field: problem} if field else problem)
