"""Who must prove a second factor, and the pages where they set it up and prove it.

The manager's administrators and the HR contacts see money and people's data, so the
staff dashboard (``/dashboard/``, ``/admin/``) and the HR area (``/hr/``) ask for a
time-based one-time password (TOTP, django-otp) from:

- anyone who has a confirmed device: once set up, the second factor is never skipped;
- managers, HR contacts and superusers without a device, when ``SHOP_REQUIRE_2FA`` is on
  (the production default): they are sent to set one up first.

Login throttling (django-axes) answers a locked-out username+IP with the Italian page
rendered by ``lockout_response``.
"""

import base64
from io import BytesIO
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from axes.signals import user_locked_out
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.dispatch import receiver
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from shop.core.audit import audit_log
from shop.core.roles import Role

# The roles whose pages show other people's names, home addresses or purchases in bulk. SFA
# trainees work at the packing station inside a session their operator opens.
ROLES_REQUIRING_2FA = (Role.MANAGER, Role.HR_CONTACT, Role.SFA_OPERATOR)
DEVICE_NAME = "app"


# --- Rules -------------------------------------------------------------------------------


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


# --- Services ------------------------------------------------------------------------------


@transaction.atomic
def totp_device_pending(*, user) -> TOTPDevice:
    """The user's unconfirmed device, created on first use so its secret survives reloads."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, token: str, request) -> bool:
    """Confirm a pending device with its first valid token and mark the session verified."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    otp_login(request, device)
    audit_log(action="security.2fa_enabled", target=device, request=request)
    return True


def totp_verify(*, user, token: str, request) -> bool:
    """Check a token against the user's confirmed devices (throttled by django-otp)."""
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        with transaction.atomic():
            locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
            if locked.verify_token(token):
                otp_login(request, locked)
                return True
    audit_log(action="security.2fa_failed", request=request)
    return False


def qr_code_data_uri(text: str) -> str:
    """An SVG QR code as a data: URI (the CSP allows data: images, nothing inline)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


# --- Pages -----------------------------------------------------------------------------------


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=_("Code from the app"),
        regex=r"^\s*\d{6}\s*$",
        max_length=12,
        error_messages={"invalid": _("Enter the 6 digits shown by the authenticator app.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self):
        return self.cleaned_data["token"].strip()


class _NextMixin:
    def get_success_url(self):
        target = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return target
        return reverse("home")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["next"] = self.request.GET.get("next") or self.request.POST.get("next") or ""
        return context


@method_decorator(login_required, name="dispatch")
class TwoFactorSetupView(_NextMixin, FormView):
    template_name = "security/2fa_setup.html"
    form_class = TokenForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and user_has_device(request.user, confirmed=True):
            if request.user.is_verified():
                messages.info(request, _("Two-factor authentication is already active."))
                return redirect(self.get_success_url())
            return redirect(f"{reverse('security:2fa-verify')}?{urlencode({'next': self.get_success_url()})}")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        device = totp_device_pending(user=self.request.user)
        context["qr_code"] = qr_code_data_uri(device.config_url)
        secret = base64.b32encode(device.bin_key).decode("ascii")
        context["secret"] = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
        return context

    def form_valid(self, form):
        device = totp_device_pending(user=self.request.user)
        if not totp_device_confirm(device=device, token=form.cleaned_data["token"], request=self.request):
            form.add_error("token", _("The code is not valid: check the phone's clock and try again."))
            return self.form_invalid(form)
        messages.success(self.request, _("Two-factor authentication is now active."))
        return redirect(self.get_success_url())


@method_decorator(login_required, name="dispatch")
class TwoFactorVerifyView(_NextMixin, FormView):
    template_name = "security/2fa_verify.html"
    form_class = TokenForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not user_has_device(request.user, confirmed=True):
            return redirect(f"{reverse('security:2fa-setup')}?{urlencode({'next': self.get_success_url()})}")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        if not totp_verify(user=self.request.user, token=form.cleaned_data["token"], request=self.request):
            form.add_error("token", _("The code is not valid or has expired. Wait for a new one and retry."))
            return self.form_invalid(form)
        return redirect(self.get_success_url())


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out username+IP: an Italian page, status 429."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT}
    return render(request, "security/lockout.html", context, status=429)


@receiver(user_locked_out)
def _audit_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    audit_log(action="security.login_locked_out", request=request, username=username or "")


app_name = "security"
urlpatterns = [
    path("2fa/setup/", TwoFactorSetupView.as_view(), name="2fa-setup"),
    path("2fa/verify/", TwoFactorVerifyView.as_view(), name="2fa-verify"),
]
