"""django-axes locks a username+IP out after AXES_FAILURE_LIMIT failed logins, in Italian."""

import pytest
from axes.models import AccessAttempt

PASSWORD = "Password-di-prova-1"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5


def _login(client, email, password, ip="10.1.1.1"):
    return client.post(
        "/accounts/login/",
        {"login-username": email, "login-password": password, "login_submit": "1"},
        REMOTE_ADDR=ip,
    )


@pytest.mark.django_db
def test_four_wrong_passwords_still_show_the_login_form(client, customer, axes_on):
    for _attempt in range(4):
        response = _login(client, customer.email, "sbagliata")
        assert response.status_code == 200
    assert _login(client, customer.email, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_fifth_wrong_password_locks_the_account_from_that_address_in_italian(client, customer, axes_on):
    for _attempt in range(4):
        _login(client, customer.email, "sbagliata")
    response = _login(client, customer.email, "sbagliata")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Troppi accessi non riusciti" in page
    assert "15 minuti" in page
    # Even the right password is refused while the lockout lasts.
    locked = _login(client, customer.email, PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.filter(username=customer.email, ip_address="10.1.1.1").exists()


@pytest.mark.django_db
def test_lockout_is_per_username_and_address(client, customer, axes_on):
    for _attempt in range(5):
        _login(client, customer.email, "sbagliata")
    # The same person from another connection, and another user from the same one, may log in.
    assert _login(client, customer.email, PASSWORD, ip="10.2.2.2").status_code == 302


@pytest.mark.django_db
def test_lockout_is_written_to_the_audit_log(client, customer, axes_on, audit_records):
    for _attempt in range(5):
        _login(client, customer.email, "sbagliata")
    assert any(
        r["action"] == "security.login_locked_out"
        and r["ip"] == "10.1.1.1"
        and r["details"]["username"] == customer.email
        for r in audit_records
    )


@pytest.mark.django_db
def test_dashboard_login_is_throttled_too(client, manager, axes_on):
    for _attempt in range(5):
        response = client.post(
            "/dashboard/login/", {"username": manager.email, "password": "sbagliata"}, REMOTE_ADDR="10.3.3.3"
        )
    assert response.status_code == 429
