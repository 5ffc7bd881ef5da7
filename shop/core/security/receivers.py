from axes.signals import user_locked_out
from django.dispatch import receiver

from shop.core.audit import audit_log


@receiver(user_locked_out)
def _audit_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    audit_log(action="security.login_locked_out", request=request, username=username or "")
