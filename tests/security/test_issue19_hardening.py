"""Registration, account-wide login lock, second factor on /logistica/, Permissions-Policy,
password-reset links on the production domain."""

import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core import mail

PASSWORD = "Password-di-prova-1"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    settings.SHOP_AXES_ACCOUNT_FAILURE_LIMIT = 8


def _login(client, email, password, ip):
    return client.post(
        "/accounts/login/",
        {"login-username": email, "login-password": password, "login_submit": "1"},
        REMOTE_ADDR=ip,
    )


# --- Registration ----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "prefix", "submit"),
    [
        ("/accounts/register/", "", "registration_submit"),
        ("/accounts/login/", "registration-", "registration_submit"),
    ],
)
def test_registration_logs_in_and_sends_one_email_with_axes_on(client, axes_on, path, prefix, submit):
    data = {
        f"{prefix}email": "nuova@example.org",
        f"{prefix}password1": "Una-password-lunga-2026",
        f"{prefix}password2": "Una-password-lunga-2026",
        submit: "1",
    }
    response = client.post(path, data, REMOTE_ADDR="10.9.9.9")
    assert response.status_code == 302, response.content.decode()[:500]
    user = get_user_model().objects.get(email="nuova@example.org")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nuova@example.org"]


# --- Account-wide lock -------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_account_is_locked_after_failures_from_many_addresses_and_its_owner_told(
    client, customer, axes_on
):
    for attempt in range(7):
        assert _login(client, customer.email, "sbagliata", ip=f"10.0.0.{attempt}").status_code == 200
    assert mail.outbox == []
    # The eighth failure, from yet another address, locks the account everywhere.
    assert _login(client, customer.email, "sbagliata", ip="10.0.1.1").status_code == 429
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [customer.email]
    assert "bloccato" in mail.outbox[0].body
    # Even the right password from a fresh address is refused while the lock lasts.
    assert _login(client, customer.email, PASSWORD, ip="10.7.7.7").status_code == 429
    assert len(mail.outbox) == 1  # one email per lockout
    assert AccessAttempt.objects.filter(username=customer.email).values("ip_address").distinct().count() == 9


@pytest.mark.django_db
def test_a_few_failures_from_several_addresses_do_not_lock_the_account(client, customer, axes_on):
    for attempt in range(4):
        _login(client, customer.email, "sbagliata", ip=f"10.0.0.{attempt}")
    assert _login(client, customer.email, PASSWORD, ip="10.5.5.5").status_code == 302
    assert mail.outbox == []


# --- Second factor on the SFA back office ----------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/logistica/", "/logistica/giri/1/etichette.pdf", "/logistica/giri/1/foglio-consegna.pdf"]
)
def test_superuser_without_device_is_sent_to_set_one_up_for_logistics(client, superuser, settings, path):
    settings.SHOP_REQUIRE_2FA = True
    client.force_login(superuser)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/security/2fa/setup/")


@pytest.mark.django_db
def test_operator_with_a_device_must_verify_for_logistics(client, sfa_operator):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=sfa_operator, name="app", confirmed=True)
    client.force_login(sfa_operator)
    response = client.get("/logistica/")
    assert response.status_code == 302 and response["Location"].startswith("/security/2fa/verify/")


# --- Headers -----------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/dashboard/login/"])
def test_permissions_policy_header_switches_off_unused_features(client, path):
    policy = client.get(path)["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


# --- Password reset link -----------------------------------------------------------------------


@pytest.mark.django_db
def test_password_reset_link_uses_the_configured_domain(client, customer, settings):
    settings.SHOP_SITE_DOMAIN = "welfare.example.org"
    response = client.post("/password-reset/", {"email": customer.email})
    assert response.status_code == 302
    body = mail.outbox[0].body
    assert re.search(r"https?://welfare\.example\.org/password-reset/", body), body
    assert "127.0.0.1:8000" not in body and "example.com" not in body


# --- Non-numeric ids ---------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/dashboard/pages/update/x/",
        "/dashboard/pages/delete/x/",
        "/dashboard/catalogue/option/x/update/",
        "/dashboard/catalogue/option/x/delete/",
        "/dashboard/catalogue/attribute-option-group/x/update/",
        "/dashboard/catalogue/attribute-option-group/x/delete/",
    ],
)
def test_a_non_numeric_id_answers_404_to_the_manager(client, manager, path):
    client.force_login(manager)
    assert client.get(path).status_code == 404
    assert client.post(path, {}).status_code == 404
