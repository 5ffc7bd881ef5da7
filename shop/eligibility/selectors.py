"""Who may do what, read in one place: eligibility for welfare credit, who may buy, HR scoping.

Every query an HR contact's page runs goes through one of the ``*_for_hr`` selectors below,
which start from ``employers_for_hr``: an HR contact sees only their own employer(s). HR gets
rosters (which they keep) and aggregate figures, never what a person bought.
"""

import datetime
import enum

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from shop.core.cards import CacheVersion, KeptAnswers
from shop.core.compiled import CompiledOnce
from shop.core.privacy import suppress
from shop.eligibility.exceptions import InvitationInvalid, PurchaseNotAllowed
from shop.eligibility.models import (
    Employee,
    Employer,
    Invitation,
    JoinRequest,
    ResidentProfile,
    RosterColumnMapping,
)
from shop.territory.models import Municipality


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

    return _employment_memo.get((user.pk, on), lambda: _EMPLOYMENT_SQL.first(user.pk, on))


# Asked again by every request that may write (checkout steps, additions): compiled once.
_EMPLOYMENT_SQL = CompiledOnce(
    "employment-for-credit",
    lambda user_id, on: (
        employments_active_on(on=on)
        .filter(user_id=user_id)
        .select_related("employer", "home_municipality")
        .order_by("start_date")[:1]
    ),
)


# Bumped by every save and deletion of a roster entry or an employer (apps.py): answers about
# a user's employment kept across requests follow it (the km-0 reference point of listings
# and badges, shop.km0.selectors.shown_reference_point; the employment below).
EMPLOYMENT_VERSION = CacheVersion("eligibility:employment:version", "employment-cache.stamp")

# Every storefront page asks (account menu, wallet, km-0 reference, checkout steps): once a
# request, kept across page reads by user and day until a roster entry or an employer is
# saved. A request that may write (add to the basket, reserve credit, place an order) reads
# it from the database: spending credit never relies on a kept answer. A write within the
# request bumps the version, so the rest of the request reads it afresh.
_employment_memo = KeptAnswers("employment_for_credit", EMPLOYMENT_VERSION, fresh_when_writing=True)


def may_use_welfare_credit(*, user, on: datetime.date | None = None) -> bool:
    return employment_for_credit(user=user, on=on) is not None


# --- Who may buy at all ------------------------------------------------------------------


class PurchaseMode(enum.StrEnum):
    EMPLOYEE = "employee"  # may spend welfare credit (and pay the rest)
    CITIZEN = "citizen"  # resident of the territory, pays in full


def home_municipality_for(*, user) -> Municipality | None:
    """Where ``user`` lives: their own resident profile first, else their latest roster entry."""
    if not getattr(user, "is_authenticated", False):
        return None
    profile = ResidentProfile.objects.filter(user=user).select_related("home_municipality").first()
    if profile:
        return profile.home_municipality
    employee = (
        Employee.objects.filter(user=user).select_related("home_municipality").order_by("-start_date").first()
    )
    return employee.home_municipality if employee else None


def purchase_mode_for(*, user, on: datetime.date | None = None) -> PurchaseMode:
    """How ``user`` may buy today, or PurchaseNotAllowed with the reason in Italian.

    Eligible employees always may. Anyone else only as a resident of the territory, and only
    while ``SHOP_CITIZEN_PURCHASES`` is on (the project starts with employees only).
    """
    if not getattr(user, "is_authenticated", False):
        raise PurchaseNotAllowed(_("Please sign in to place an order."))
    if employment_for_credit(user=user, on=on) is not None:
        return PurchaseMode.EMPLOYEE
    if not settings.SHOP_CITIZEN_PURCHASES:
        raise PurchaseNotAllowed(
            _(
                "For now the shop is open only to employees of member companies whose employment "
                "and membership are active today. If you think this is a mistake, ask your HR contact."
            )
        )
    home = home_municipality_for(user=user)
    if home is None or not home.in_territory:
        raise PurchaseNotAllowed(
            _(
                "Citizens may buy only if they live in Basso Sebino or Val Cavallina: "
                'set your home municipality in the page "My employer" of your account.'
            )
        )
    return PurchaseMode.CITIZEN


# --- HR contacts: scoping ----------------------------------------------------------------


def employers_for_hr(*, user) -> QuerySet[Employer]:
    """The employers whose roster and aggregates an HR contact may see: their own only."""
    if not getattr(user, "is_authenticated", False):
        return Employer.objects.none()
    return Employer.objects.filter(hr_contacts__user=user).distinct()


def employees_of(*, employers) -> QuerySet[Employee]:
    """Everyone on the rosters of ``employers`` (an HR contact's own, from employers_for_hr)."""
    return Employee.objects.filter(employer__in=employers)


def employees_by_pk(*, pks) -> QuerySet[Employee]:
    """The employees with these ids, for a figure computed elsewhere (ledger, payroll)."""
    return Employee.objects.filter(pk__in=pks)


def roster_for_hr(*, user, employer: Employer) -> QuerySet[Employee]:
    """The roster of ``employer``, empty unless ``user`` is one of its HR contacts."""
    return Employee.objects.filter(
        employer=employer, employer__in=employers_for_hr(user=user)
    ).select_related("home_municipality", "user")


def invitations_for_hr(*, user, employer: Employer) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        employee__employer=employer, employee__employer__in=employers_for_hr(user=user)
    ).select_related("employee")


def join_requests_for_hr(*, user, employer: Employer) -> QuerySet[JoinRequest]:
    return JoinRequest.objects.filter(
        employer=employer, employer__in=employers_for_hr(user=user)
    ).select_related("home_municipality", "employee")


def current_roster(*, employer: Employer, on: datetime.date) -> QuerySet[Employee]:
    return Employee.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=on), employer=employer, start_date__lte=on
    )


def hr_dashboard_figures(
    *, user, employer: Employer, on: datetime.date | None = None
) -> dict[str, int | str]:
    """Aggregate figures of an employer's roster, each suppressed below MIN_GROUP_SIZE.

    "Active this month" counts people on the roster who placed at least one order since the
    first of the month: a head count, never what or how much they bought.
    """
    if not employers_for_hr(user=user).filter(pk=employer.pk).exists():
        return {}
    on = on or timezone.localdate()
    roster = current_roster(employer=employer, on=on)
    joined = roster.filter(user__isnull=False)
    month_start = on.replace(day=1)
    Order = get_model("order", "Order")
    active_users = (
        Order._default_manager.filter(
            user__in=joined.values("user"), date_placed__date__gte=month_start, date_placed__date__lte=on
        )
        .values("user")
        .distinct()
        .count()
    )
    return {
        "on_roster": suppress(roster.count()),
        "joined": suppress(joined.count()),
        "active_this_month": suppress(active_users),
    }


def employee_municipality_codes() -> set[str]:
    """ISTAT codes of every municipality where an employee lives or works."""
    codes = set(Employee.objects.values_list("home_municipality_id", flat=True).distinct())
    codes |= set(
        Employee.objects.exclude(work_municipality=None)
        .values_list("work_municipality_id", flat=True)
        .distinct()
    )
    return codes


# --- The employee's own view --------------------------------------------------------------


def employments_for_user(*, user) -> QuerySet[Employee]:
    if not getattr(user, "is_authenticated", False):
        return Employee.objects.none()
    return (
        Employee.objects.filter(user=user)
        .select_related("employer", "home_municipality")
        .order_by("-start_date")
    )


def join_requests_for_user(*, user) -> QuerySet[JoinRequest]:
    if not getattr(user, "is_authenticated", False):
        return JoinRequest.objects.none()
    return JoinRequest.objects.filter(user=user).select_related("employer")


def employers_open_to_join() -> QuerySet[Employer]:
    """Members a registered user may ask to join: active ones and those applying."""
    return Employer.objects.filter(status__in=[Employer.Status.ACTIVE, Employer.Status.APPLICANT])


def invitation_for_token(*, token: str) -> Invitation | None:
    return Invitation.objects.select_related("employee__employer").filter(token=token).first()


def roster_columns_remembered(*, employer: Employer) -> dict[str, str]:
    """The column choices ``employer``'s HR contact made on an earlier import (may be empty)."""
    mapping = RosterColumnMapping.objects.filter(employer=employer).first()
    return dict(mapping.columns) if mapping else {}


def invitation_check(*, invitation: Invitation | None) -> Invitation:
    if invitation is None:
        raise InvitationInvalid(_("This invitation link is not valid."))
    if invitation.accepted_at:
        raise InvitationInvalid(_("This invitation has already been used."))
    if invitation.expires_at < timezone.now():
        raise InvitationInvalid(_("This invitation has expired: ask your HR contact for a new one."))
    if invitation.employee.user_id:
        raise InvitationInvalid(_("Someone has already joined as this employee."))
    return invitation
