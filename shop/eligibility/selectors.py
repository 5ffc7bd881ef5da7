"""Who may do what, read in one place: eligibility for welfare credit and HR scoping."""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from shop.eligibility.models import Employee, Employer


def employments_active_on(*, on: datetime.date) -> QuerySet[Employee]:
    """Employments running on ``on`` (start and end dates inclusive) at an active member."""
    return Employee.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=on),
        start_date__lte=on,
        employer__status=Employer.Status.ACTIVE,
    )


def employment_for_credit(*, user, on: datetime.date | None = None) -> Employee | None:
    """The employment that lets ``user`` spend welfare credit today, or None.

    The one eligibility rule of the shop: employed today (between start and end date,
    both included) by an employer whose membership is active.
    """
    if not getattr(user, "is_authenticated", False):
        return None
    on = on or timezone.localdate()
    return (
        employments_active_on(on=on)
        .filter(user=user)
        .select_related("employer", "home_municipality")
        .order_by("start_date")
        .first()
    )


def may_use_welfare_credit(*, user, on: datetime.date | None = None) -> bool:
    return employment_for_credit(user=user, on=on) is not None


def employers_for_hr(*, user) -> QuerySet[Employer]:
    """The employers whose roster and aggregates an HR contact may see: their own only."""
    if not getattr(user, "is_authenticated", False):
        return Employer.objects.none()
    return Employer.objects.filter(hr_contacts__user=user).distinct()
