"""One supplier's whole life in the audit trail, and a trail nobody can alter."""

import datetime

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from shop.charter import services
from shop.charter.exceptions import AuditTrailIsAppendOnly
from shop.charter.models import AuditEntry, Signature
from shop.charter.selectors import audit_trail, partner_may_sell
from shop.territory.models import Municipality
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seat(db) -> Municipality:
    return MunicipalityFactory(name="Sarnico")


def _apply(seat):
    return services.supplier_apply(
        legal_name="Cascina Aurora Soc. Agr.",
        display_name="Cascina Aurora",
        vat_number="00743110157",
        seat=seat,
        contact_name="Anna Bianchi",
        contact_role="Titolare",
        email="anna@aurora.example",
        phone="035 000000",
        password="pw-Aurora-2026",
        offers="Formaggi di capra",
        production_notes="Pascolo, caglio naturale",
    )


def test_a_suppliers_life_is_recorded_in_order_with_who_and_when(v1, seat, manager_admin, today):
    admission = _apply(seat)
    partner, supplier = admission.partner, admission.applicant
    services.charter_sign(
        partner=partner,
        version=v1,
        actor=supplier,
        signer_name="Anna Bianchi",
        signer_role="Titolare",
        text_sha256=v1.text_sha256(),
    )
    services.admission_decide(admission=admission, actor=manager_admin, action=AuditEntry.Action.APPROVED)
    assert partner_may_sell(partner)
    v2 = services.charter_version_create(
        title="Carta etica",
        preamble="Testo nuovo.",
        effective_date=today + datetime.timedelta(days=1),
        commitments=[("environment", "Meno plastica.")],
    )
    v2 = services.charter_version_publish(version=v2, actor=manager_admin)
    services.charter_sign(
        partner=partner,
        version=v2,
        actor=supplier,
        signer_name="Anna Bianchi",
        signer_role="Titolare",
        text_sha256=v2.text_sha256(),
    )
    services.admission_decide(
        admission=admission,
        actor=manager_admin,
        action=AuditEntry.Action.SUSPENDED,
        reason="Controllo non superato",
    )
    assert not partner_may_sell(partner)

    trail = list(audit_trail(partner=partner))
    assert [(e.action, e.actor) for e in trail] == [
        (AuditEntry.Action.APPLIED, supplier),
        (AuditEntry.Action.SIGNED, supplier),
        (AuditEntry.Action.APPROVED, manager_admin),
        (AuditEntry.Action.SALE_STARTED, None),
        (AuditEntry.Action.VERSION_PUBLISHED, manager_admin),
        (AuditEntry.Action.SIGNED, supplier),
        (AuditEntry.Action.SUSPENDED, manager_admin),
        (AuditEntry.Action.SALE_STOPPED, None),
    ]
    assert [e.version for e in trail if e.action == AuditEntry.Action.SIGNED] == [v1, v2]
    assert trail[6].reason == "Controllo non superato"
    assert trail[0].actor_label == "Anna Bianchi"
    times = [e.created_at for e in trail]
    assert times == sorted(times) and all(t <= timezone.now() for t in times)


def test_audit_entries_and_signatures_cannot_be_changed_or_deleted(good_supplier):
    entry = AuditEntry.objects.create(
        partner=good_supplier, action=AuditEntry.Action.APPROVED, actor_label="x"
    )
    entry.reason = "riscritto"
    with pytest.raises(AuditTrailIsAppendOnly):
        entry.save()
    with pytest.raises(AuditTrailIsAppendOnly):
        entry.delete()
    with pytest.raises(AuditTrailIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="riscritto")
    with pytest.raises(AuditTrailIsAppendOnly):
        AuditEntry.objects.all().delete()
    signature = Signature.objects.get(partner=good_supplier)
    with pytest.raises(AuditTrailIsAppendOnly):
        signature.delete()
    with pytest.raises(AuditTrailIsAppendOnly):
        Signature.objects.filter(pk=signature.pk).update(signer_name="altro")
    assert AuditEntry.objects.get(pk=entry.pk).reason == ""


def test_a_published_charter_text_cannot_change(v1):
    v1.preamble = "Altro testo"
    with pytest.raises(AuditTrailIsAppendOnly):
        v1.save()
    with pytest.raises(AuditTrailIsAppendOnly):
        v1.commitments.first().delete()


def test_admin_offers_no_add_change_or_delete_on_the_trail(admin_user, client, good_supplier):
    entry = AuditEntry.objects.create(
        partner=good_supplier, action=AuditEntry.Action.APPROVED, actor_label="x"
    )
    request = RequestFactory().get("/")
    request.user = admin_user
    for model in (AuditEntry, Signature):
        model_admin = admin.site._registry[model]
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request)
        assert not model_admin.has_delete_permission(request)
    client.force_login(admin_user)
    change_url = reverse("admin:charter_auditentry_change", args=[entry.pk])
    response = client.post(change_url, {"reason": "riscritto", "action": "rejected"})
    assert response.status_code in (302, 403) or "riscritto" not in response.content.decode()
    delete_url = reverse("admin:charter_auditentry_delete", args=[entry.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code in (302, 403)
    entry.refresh_from_db()
    assert entry.reason == "" and entry.action == AuditEntry.Action.APPROVED
