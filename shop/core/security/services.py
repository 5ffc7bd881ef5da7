"""The user's TOTP devices: one pending until its first valid token, then confirmed."""

from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from shop.core.audit import audit_log

DEVICE_NAME = "app"


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
