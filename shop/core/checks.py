"""System checks of the shop's own production settings (run by ``check --deploy``)."""

from django.conf import settings
from django.core.checks import Error, Tags, register

DEMO_DOMAINS = {"", "127.0.0.1", "127.0.0.1:8000", "localhost", "localhost:8000", "example.com", "testserver"}


@register(Tags.security, deploy=True)
def site_domain_check(app_configs, **kwargs):
    """Password-reset links carry SHOP_SITE_DOMAIN: never the demo's address in production."""
    if getattr(settings, "SHOP_ENV", "") != "production":
        return []
    domain = settings.SHOP_SITE_DOMAIN.strip().lower()
    if domain in DEMO_DOMAINS:
        return [
            Error(
                f"SHOP_SITE_DOMAIN is {domain or 'empty'!r}: password-reset links would point to the demo.",
                hint="Set SHOP_SITE_DOMAIN to the shop's public host name, e.g. shop.example.org.",
                id="shop.E001",
            )
        ]
    return []
