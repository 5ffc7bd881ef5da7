"""Login throttling per account, on top of django-axes' per (username, address) lockout.

django-axes locks a username from one address after ``AXES_FAILURE_LIMIT`` failures. Someone
guessing one account's password from many addresses never trips that, so the account itself
is locked as well once its failures from *any* addresses reach
``SHOP_AXES_ACCOUNT_FAILURE_LIMIT`` within the cool-off time, and its owner is told by email
(once per lockout, when the limit is reached).
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q, Sum
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from shop.core.audit import audit_log


def account_failures(*, username: str) -> int:
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    total = AccessAttempt.objects.filter(username=username, attempt_time__gte=since).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return total or 0


def account_owner(*, username: str):
    return (
        get_user_model()
        ._default_manager.filter(Q(email__iexact=username) | Q(username=username), is_active=True)
        .exclude(email="")
        .order_by("pk")
        .first()
    )


def account_lock_notify(*, username: str, request=None) -> None:
    owner = account_owner(username=username)
    audit_log(action="security.account_locked_out", request=request, username=username)
    if owner is None:
        return
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    body = render_to_string("security/email/account_locked.txt", {"user": owner, "minutes": minutes})
    send_mail(_("Your account was locked for safety"), body, settings.DEFAULT_FROM_EMAIL, [owner.email])


class AccountLockHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        failures = super().get_failures(request, credentials)
        username = get_client_username(request, credentials)
        if username and account_failures(username=username) >= settings.SHOP_AXES_ACCOUNT_FAILURE_LIMIT:
            return max(failures, get_failure_limit(request, credentials))
        return failures

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        username = get_client_username(request, credentials) if request is not None else None
        if username and account_failures(username=username) == settings.SHOP_AXES_ACCOUNT_FAILURE_LIMIT:
            account_lock_notify(username=username, request=request)
