"""Set-up shared by the journeys: the minimum the shop needs before a role can act on it."""

import pytest
from django.core.cache import cache
from oscar.core.loading import get_model

from tests.factories.eligibility import UserFactory

Country = get_model("address", "Country")

# The password every journey types on the login page.
PASSWORD = "pw-Segreta-2026"


@pytest.fixture(autouse=True)
def _italian_shop(request, settings):
    if "live_server" not in request.fixturenames:
        return  # a test of the helpers themselves: no shop needed
    request.getfixturevalue("transactional_db")  # what live_server needs, set up first
    settings.LANGUAGE_CODE = "it"
    settings.SHOP_REQUIRE_2FA = True  # as in production: managers and HR contacts prove a second factor
    cache.clear()  # the header's category menu is cached: start from this test's catalogue
    Country.objects.update_or_create(
        iso_3166_1_a2="IT",
        defaults={"name": "Italia", "printable_name": "Italia", "is_shipping_country": True},
    )


def user_with_password(**kwargs):
    """A user who logs in with PASSWORD (the factory's own)."""
    return UserFactory(**kwargs)


def totp_token(device) -> str:
    """The code an authenticator app would show now for ``device``."""
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"
