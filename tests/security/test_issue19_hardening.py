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
def test_operator_without_device_is_sent_to_set_one_up_for_logistics(client, sfa_operator, settings):
    settings.SHOP_REQUIRE_2FA = True
    client.force_login(sfa_operator)
    response = client.get("/logistica/giri/1/foglio-consegna.pdf")
    assert response.status_code == 302 and response["Location"].startswith("/security/2fa/setup/")


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
        # The placeholder Oscar's related-field widget reverses to build its "edit" links.
        "/dashboard/pages/update/__fk__/",
        "/dashboard/catalogue/option/__fk__/update/",
        "/dashboard/catalogue/attribute-option-group/__fk__/update/",
    ],
)
def test_a_non_numeric_id_answers_404_to_the_manager(client, manager, path):
    client.force_login(manager)
    assert client.get(path).status_code == 404
    assert client.post(path, {}).status_code == 404


@pytest.mark.django_db
def test_manager_creates_a_product_type_with_an_option(client, manager):
    """Oscar's product-type page links each option to its edit page through a placeholder id;
    the numeric-id routes once made it fail to render."""
    from oscar.core.loading import get_model

    option_model, product_class_model = (
        get_model("catalogue", "Option"),
        get_model("catalogue", "ProductClass"),
    )
    option = option_model.objects.create(name="Note per il fornitore", code="note")
    client.force_login(manager)
    page = client.get("/dashboard/catalogue/product-type/create/")
    assert page.status_code == 200
    assert "/dashboard/catalogue/attribute-option-group/__fk__/update/" in page.content.decode()
    form = {
        "name": "Cesta di Natale",
        "requires_shipping": "on",
        "track_stock": "on",
        "options": [option.pk],
        "attributes-TOTAL_FORMS": "0",
        "attributes-INITIAL_FORMS": "0",
        "attributes-MIN_NUM_FORMS": "0",
        "attributes-MAX_NUM_FORMS": "1000",
    }
    response = client.post("/dashboard/catalogue/product-type/create/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    created = product_class_model.objects.get(name="Cesta di Natale")
    assert list(created.options.all()) == [option]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/admin/address/useraddress/add/",
        "/admin/basket/line/add/",
        "/admin/offer/benefit/add/",
        "/admin/offer/condition/add/",
        "/admin/reviews/vote/add/",
        "/admin/voucher/voucherapplication/add/",
    ],
)
def test_the_admin_does_not_make_records_that_only_the_shop_makes(client, superuser, path):
    from django.urls import resolve

    model_admin = resolve(path).func.model_admin
    client.force_login(superuser)
    assert client.get(path).status_code == 403
    assert client.post(path, {}).status_code == 403
    assert model_admin.model.objects.count() == 0
    # The records stay visible to the administrators.
    assert client.get(path.removesuffix("add/")).status_code == 200


@pytest.mark.django_db
def test_nobody_reads_a_second_factor_secret_from_the_admin(client, superuser, employee):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=employee, name="telefono", confirmed=True)
    client.force_login(superuser)
    for view in ("config", "qrcode"):
        response = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/{view}/")
        assert response.status_code == 403
        assert device.key not in response.content.decode()
    assert client.get("/admin/otp_totp/totpdevice/999999/config/").status_code == 403


@pytest.mark.django_db
def test_oscars_own_dashboard_csv_exports_are_safe_for_excel(client, manager):
    """Oscar's report and voucher-code downloads go out as the shop's own exports do:
    formulas neutralised, numbers kept, UTF-8 with a BOM for Italian Excel."""
    from oscar.core.loading import get_model
    from oscar.test.factories import ProductFactory, VoucherSetFactory

    product = ProductFactory(title='=HYPERLINK("http://x.example";"Giovedì")')
    get_model("analytics", "ProductRecord").objects.create(product=product, num_views=7, num_purchases=2)
    voucher_set = VoucherSetFactory(name="Natale", count=2)
    client.force_login(manager)

    report = client.get("/dashboard/reports/", {"report_type": "product_analytics", "download": "true"})
    assert report.status_code == 200
    assert report["Content-Type"] == "text/csv; charset=utf-8"
    assert report.content.startswith("\ufeff".encode())
    text = report.content.decode("utf-8-sig")
    assert "\"'=HYPERLINK(\"\"http://x.example\"\";\"\"Giovedì\"\")\",7,0,2" in text
    assert "\n=" not in text and '\n"=' not in text

    codes = client.get(f"/dashboard/vouchers/sets/download/{voucher_set.pk}/")
    assert codes.content.startswith("\ufeff".encode())
    assert sorted(codes.content.decode("utf-8-sig").split()) == sorted(
        voucher_set.vouchers.values_list("code", flat=True)
    )


def test_a_csv_made_safe_keeps_numbers_and_quotes():
    from shop.core.spreadsheet import csv_made_safe

    made = csv_made_safe(b'Nome,Importo\r\n"@SUM(A1)",-12.50\r\n"Rossi, Anna",3\r\n')
    assert made.decode("utf-8-sig") == 'Nome,Importo\r\n\'@SUM(A1),-12.50\r\n"Rossi, Anna",3\r\n'
