"""The second factor's set-up and verification pages, and the page of a locked-out login."""

import base64
from io import BytesIO
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from django_otp import user_has_device

from shop.core.security.forms import TokenForm
from shop.core.security.services import totp_device_confirm, totp_device_pending, totp_verify


def qr_code_data_uri(text: str) -> str:
    """An SVG QR code as a data: URI (the CSP allows data: images, nothing inline)."""
    import qrcode.image.svg  # imported on use (tests/perf/test_startup_imports.py)

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


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
