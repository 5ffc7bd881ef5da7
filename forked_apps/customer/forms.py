from django.conf import settings
from oscar.apps.customer import forms


class PasswordResetForm(forms.PasswordResetForm):
    def save(self, *args, domain_override=None, request=None, **kwargs):
        # The link's host comes from settings when set (always in production: shop.E001),
        # never from the demo Site row.
        domain_override = domain_override or settings.SHOP_SITE_DOMAIN or None
        return super().save(*args, domain_override=domain_override, request=request, **kwargs)
