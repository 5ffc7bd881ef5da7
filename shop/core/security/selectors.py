"""Who must prove a second factor, on which paths, and where a request goes first."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

from shop.core.roles import Role

# The roles whose pages show other people's names, home addresses or purchases in bulk. SFA
# trainees work at the packing station inside a session their operator opens.
ROLES_REQUIRING_2FA = (Role.MANAGER, Role.HR_CONTACT, Role.SFA_OPERATOR)


def role_requires_2fa(user) -> bool:
    """True for the roles that must have a second factor when SHOP_REQUIRE_2FA is on."""
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=[role.value for role in ROLES_REQUIRING_2FA]).exists()


def second_factor_redirect(request):
    """The redirect a request needs before it may go on, or None if it may go on now."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return None
    query = urlencode({"next": request.get_full_path()})
    if user_has_device(user, confirmed=True):
        return redirect(f"{reverse('security:2fa-verify')}?{query}")
    if settings.SHOP_REQUIRE_2FA and role_requires_2fa(user):
        return redirect(f"{reverse('security:2fa-setup')}?{query}")
    return None


def is_protected_path(path_info: str) -> bool:
    if not path_info.startswith(tuple(settings.SHOP_2FA_PROTECTED_PREFIXES)):
        return False
    # Logging out never needs a second factor.
    return not path_info.endswith("/logout/")
