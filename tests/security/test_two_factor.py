"""Managers and HR contacts prove a second factor (TOTP) before the dashboard and HR area."""

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from shop.core.security.services import totp_device_pending


def _token(device: TOTPDevice, offset_steps: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset_steps * device.step
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def require_2fa(settings):
    settings.SHOP_REQUIRE_2FA = True


@pytest.fixture
def manager_device(manager):
    return TOTPDevice.objects.create(user=manager, name="app", confirmed=True)


@pytest.mark.django_db
def test_manager_with_a_device_must_verify_before_the_dashboard(client, manager, manager_device, require_2fa):
    client.force_login(manager)
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert response["Location"] == "/security/2fa/verify/?next=%2Fdashboard%2F"


@pytest.mark.django_db
def test_manager_with_a_device_must_verify_even_when_2fa_is_not_mandatory(client, manager, manager_device):
    client.force_login(manager)
    assert client.get("/admin/").url.startswith("/security/2fa/verify/")


@pytest.mark.django_db
def test_valid_code_opens_the_dashboard(client, manager, manager_device, require_2fa):
    client.force_login(manager)
    response = client.post(
        "/security/2fa/verify/?next=/dashboard/", {"token": _token(manager_device), "next": "/dashboard/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"
    assert client.get("/dashboard/").status_code == 200


@pytest.mark.django_db
def test_wrong_code_is_refused_in_italian_and_keeps_the_dashboard_closed(
    client, manager, manager_device, require_2fa, audit_records
):
    client.force_login(manager)
    wrong = f"{(int(_token(manager_device)) + 1) % 1_000_000:06d}"
    response = client.post("/security/2fa/verify/", {"token": wrong, "next": "/dashboard/"})
    assert response.status_code == 200
    assert "Il codice non è valido" in response.content.decode()
    assert client.get("/dashboard/").status_code == 302
    assert audit_records[-1]["action"] == "security.2fa_failed"


@pytest.mark.django_db
def test_malformed_code_keeps_what_was_typed(client, manager, manager_device):
    client.force_login(manager)
    response = client.post("/security/2fa/verify/", {"token": "12ab"})
    assert response.status_code == 200
    assert 'value="12ab"' in response.content.decode()


@pytest.mark.django_db
def test_redirect_after_verification_stays_on_this_site(client, manager, manager_device):
    client.force_login(manager)
    response = client.post(
        "/security/2fa/verify/", {"token": _token(manager_device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/dashboard/", "/admin/"])
def test_manager_without_device_is_sent_to_set_one_up_when_required(client, manager, require_2fa, path):
    client.force_login(manager)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/security/2fa/setup/?next=")


@pytest.mark.django_db
def test_hr_contact_without_device_is_sent_to_set_one_up_when_required(client, hr_contact, require_2fa):
    client.force_login(hr_contact)
    assert client.get("/hr/").url.startswith("/security/2fa/setup/")


@pytest.mark.django_db
def test_without_the_requirement_a_manager_without_device_goes_straight_in(client, manager, settings):
    settings.SHOP_REQUIRE_2FA = False
    client.force_login(manager)
    assert client.get("/dashboard/").status_code == 200


@pytest.mark.django_db
def test_supplier_without_device_is_not_forced_to_set_one_up(client, supplier_user, require_2fa):
    client.force_login(supplier_user)
    response = client.get("/dashboard/")
    assert not (response.status_code == 302 and "/security/2fa/" in response["Location"])


@pytest.mark.django_db
def test_setup_shows_a_qr_code_and_confirms_the_device_with_its_first_code(
    client, manager, require_2fa, audit_records
):
    client.force_login(manager)
    page = client.get("/security/2fa/setup/?next=/dashboard/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'src="data:image/svg+xml;base64,' in html
    device = totp_device_pending(user=manager)
    assert not device.confirmed

    response = client.post("/security/2fa/setup/", {"token": _token(device), "next": "/dashboard/"})

    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/dashboard/").status_code == 200
    assert audit_records[-1]["action"] == "security.2fa_enabled"
    assert audit_records[-1]["actor_id"] == manager.pk


@pytest.mark.django_db
def test_setup_with_a_wrong_code_confirms_nothing(client, manager, require_2fa):
    client.force_login(manager)
    client.get("/security/2fa/setup/")
    device = totp_device_pending(user=manager)
    wrong = f"{(int(_token(device)) + 1) % 1_000_000:06d}"
    response = client.post("/security/2fa/setup/", {"token": wrong})
    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(user=manager, confirmed=True).exists()


@pytest.mark.django_db
def test_logout_needs_no_second_factor(client, manager, manager_device):
    client.force_login(manager)
    response = client.post("/admin/logout/")
    assert "/security/2fa/" not in response.get("Location", "")
