"""Applying online, signing the charter, and the manager's decisions from the dashboard."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from oscar.core.loading import get_model

from shop.charter import services
from shop.charter.exceptions import InvalidTransition, SignatureRefused
from shop.charter.models import Admission, AuditEntry, CharterVersion, Signature
from shop.core.roles import Role, user_has_role
from tests.factories import MunicipalityFactory, pdf_bytes

Partner = get_model("partner", "Partner")
Notification = get_model("communication", "Notification")

pytestmark = pytest.mark.django_db


@pytest.fixture
def application_data(db):
    seat = MunicipalityFactory(name="Predore")
    return {
        "legal_name": "Apicoltura del Lago s.s.",
        "display_name": "Apicoltura del Lago",
        "vat_number": "IT 00743110157",
        "seat": seat.pk,
        "contact_name": "Luca Verdi",
        "contact_role": "Socio",
        "email": "luca@apicoltura.example",
        "phone": "035 111111",
        "website": "",
        "offers": "Miele di acacia e castagno",
        "production_notes": "Arnie stanziali sul Sebino",
        "password1": "Arnie-sul-lago-2026",
        "password2": "Arnie-sul-lago-2026",
    }


def test_application_creates_partner_admission_and_supplier_login(
    client, v1, application_data, manager_admin
):
    response = client.post(reverse("charter:apply"), application_data)
    assert response.status_code == 302 and response.url == reverse("charter:sign")
    partner = Partner.objects.get(vat_number="00743110157")
    assert partner.legal_name == "Apicoltura del Lago s.s." and partner.seat.name == "Predore"
    admission = partner.admission
    assert admission.status == Admission.Status.APPLIED
    user = admission.applicant
    assert user in partner.users.all() and user_has_role(user, Role.SUPPLIER) and not user.is_staff
    assert AuditEntry.objects.filter(partner=partner, action=AuditEntry.Action.APPLIED, actor=user).exists()
    assert Notification.objects.filter(recipient=manager_admin).exists()


def test_invalid_vat_number_keeps_the_input_and_writes_nothing(client, v1, application_data):
    application_data["vat_number"] = "00743110158"
    response = client.post(reverse("charter:apply"), application_data)
    assert response.status_code == 200
    assert "vat_number" in response.context["form"].errors
    assert response.context["form"]["legal_name"].value() == "Apicoltura del Lago s.s."
    assert not Partner.objects.exists() and not Admission.objects.exists()


def test_duplicate_vat_number_is_refused(client, v1, application_data):
    client.post(reverse("charter:apply"), application_data)
    client.logout()
    application_data["email"] = "altro@example.org"
    response = client.post(reverse("charter:apply"), application_data)
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert Partner.objects.count() == 1


def _signed_post(version, **extra):
    return {
        "signer_name": "Luca Verdi",
        "signer_role": "Legale rappresentante",
        "text_sha256": version.text_sha256(),
        "accept": "on",
        **extra,
    }


def test_signing_records_version_hash_and_signer(client, v1, application_data):
    client.post(reverse("charter:apply"), application_data)
    page = client.get(reverse("charter:sign"))
    assert page.status_code == 200 and v1.preamble in page.content.decode()
    response = client.post(reverse("charter:sign"), _signed_post(v1))
    assert response.status_code == 302
    signature = Signature.objects.get()
    assert signature.version == v1 and signature.text_sha256 == v1.text_sha256()
    assert signature.signer_name == "Luca Verdi" and signature.signed_by.email == "luca@apicoltura.example"


def test_signing_a_text_that_changed_is_refused(client, v1, application_data):
    client.post(reverse("charter:apply"), application_data)
    response = client.post(reverse("charter:sign"), _signed_post(v1, text_sha256="0" * 64))
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not Signature.objects.exists()


@pytest.fixture
def pdf_required(v1, today):
    version = services.charter_version_create(
        title="Carta etica",
        preamble="Con PDF.",
        effective_date=today - datetime.timedelta(days=1),
        commitments=[("social_conduct", "Contratti regolari.")],
        requires_signed_pdf=True,
    )
    CharterVersion.objects.filter(pk=version.pk).update(published_at=v1.published_at)
    return CharterVersion.objects.get(pk=version.pk)


def test_signed_pdf_is_required_checked_for_type_and_size(
    client, pdf_required, application_data, manager_admin, settings
):
    client.post(reverse("charter:apply"), application_data)
    url = reverse("charter:sign")
    assert client.post(url, _signed_post(pdf_required)).status_code == 200
    fake = SimpleUploadedFile("carta.pdf", b"GIF89a not a pdf", content_type="application/pdf")
    response = client.post(url, _signed_post(pdf_required, signed_pdf=fake))
    assert response.status_code == 200 and "signed_pdf" in response.context["form"].errors
    big = SimpleUploadedFile(
        "carta.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024), content_type="application/pdf"
    )
    response = client.post(url, _signed_post(pdf_required, signed_pdf=big))
    assert response.status_code == 200 and "signed_pdf" in response.context["form"].errors
    assert not Signature.objects.exists()
    good = SimpleUploadedFile("carta.pdf", pdf_bytes(), content_type="application/pdf")
    assert client.post(url, _signed_post(pdf_required, signed_pdf=good)).status_code == 302
    signature = Signature.objects.get()
    assert signature.signed_pdf.name.endswith(".pdf") and signature.version == pdf_required
    # Kept outside MEDIA_ROOT, downloadable by the manager only.
    assert signature.signed_pdf.path.startswith(str(settings.SHOP_PRIVATE_MEDIA_ROOT))
    assert not signature.signed_pdf.path.startswith(str(settings.MEDIA_ROOT))
    url = reverse("charter:signature_pdf", kwargs={"pk": signature.pk})
    assert client.get(url).status_code == 403  # the supplier itself is not the manager
    client.force_login(manager_admin)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-")


def test_manager_approves_from_the_dashboard_and_supplier_is_told(
    client, v1, application_data, manager_admin
):
    client.post(reverse("charter:apply"), application_data)
    client.post(reverse("charter:sign"), _signed_post(v1))
    supplier = Partner.objects.get().users.get()
    admission = Admission.objects.get()
    client.force_login(manager_admin)
    queue = client.get(reverse("charter:queue"))
    assert queue.status_code == 200 and "Apicoltura del Lago" in queue.content.decode()
    mail.outbox.clear()
    response = client.post(reverse("charter:admission", kwargs={"pk": admission.pk}), {"action": "approved"})
    assert response.status_code == 302
    admission.refresh_from_db()
    assert admission.status == Admission.Status.APPROVED and admission.on_sale
    assert Notification.objects.filter(recipient=supplier).exists()
    assert any(supplier.email in m.to for m in mail.outbox)


def test_decisions_other_than_approval_need_a_reason(client, v1, application_data, manager_admin):
    client.post(reverse("charter:apply"), application_data)
    admission = Admission.objects.get()
    client.force_login(manager_admin)
    response = client.post(reverse("charter:admission", kwargs={"pk": admission.pk}), {"action": "rejected"})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    admission.refresh_from_db()
    assert admission.status == Admission.Status.APPLIED


def test_changes_requested_then_resubmitted_goes_back_to_the_queue(
    client, v1, application_data, manager_admin
):
    client.post(reverse("charter:apply"), application_data)
    admission = Admission.objects.get()
    services.admission_decide(
        admission=admission,
        actor=manager_admin,
        action="changes_requested",
        reason="Indicate i comuni serviti",
    )
    mine = client.get(reverse("charter:mine"))
    assert "Indicate i comuni serviti" in mine.content.decode()
    response = client.post(
        reverse("charter:resubmit"),
        {"offers": "Miele, polline", "production_notes": "Arnie a Predore e Tavernola"},
    )
    assert response.status_code == 302
    admission.refresh_from_db()
    assert admission.status == Admission.Status.APPLIED
    assert admission.partner.description == "Miele, polline"


def test_only_the_managers_administrators_decide(v1, good_supplier):
    supplier = good_supplier.users.first() or None
    from tests.factories.charter import supplier_user

    supplier = supplier or supplier_user(good_supplier)
    with pytest.raises(InvalidTransition):
        services.admission_decide(
            admission=good_supplier.admission, actor=supplier, action="suspended", reason="x"
        )


def test_a_rejected_application_cannot_be_suspended(v1, manager_admin, good_supplier):
    admission = good_supplier.admission
    services.admission_decide(admission=admission, actor=manager_admin, action="suspended", reason="verifica")
    with pytest.raises(InvalidTransition):
        services.admission_decide(
            admission=admission, actor=manager_admin, action="suspended", reason="ancora"
        )


def test_only_the_suppliers_users_sign_for_it(v1, good_supplier, customer):
    with pytest.raises(SignatureRefused):
        services.charter_sign(
            partner=good_supplier,
            version=v1,
            actor=customer,
            signer_name="x",
            signer_role="y",
            text_sha256=v1.text_sha256(),
        )
