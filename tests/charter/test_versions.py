"""The manager publishes a new charter version from the dashboard; suppliers are told the deadline."""

import datetime

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from shop.charter.models import AuditEntry, CharterVersion
from shop.charter.selectors import charter_to_sign, expiring_signatures

Notification = get_model("communication", "Notification")

pytestmark = pytest.mark.django_db


def _draft_data(effective: datetime.date) -> dict:
    return {
        "title": "Carta etica dei fornitori",
        "effective_date": effective.isoformat(),
        "preamble": "Nuovo testo della carta.",
        "group_environment": "Meno plastica.\nPiù consegne raggruppate.",
        "group_territory": "Comprare nel territorio.",
    }


def test_manager_drafts_and_publishes_a_version(client, manager_admin, good_supplier, today):
    supplier = good_supplier.users.get()
    client.force_login(manager_admin)
    assert client.get(reverse("charter:version_create")).status_code == 200
    response = client.post(reverse("charter:version_create"), _draft_data(today + datetime.timedelta(days=7)))
    assert response.status_code == 302
    draft = CharterVersion.objects.get(number=2)
    assert not draft.is_published and draft.commitments.count() == 3
    assert charter_to_sign().number == 1  # drafts are not offered for signature

    response = client.post(reverse("charter:version", kwargs={"pk": draft.pk}))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_published and charter_to_sign() == draft
    entry = AuditEntry.objects.get(partner=good_supplier, action=AuditEntry.Action.VERSION_PUBLISHED)
    assert entry.actor == manager_admin and entry.version == draft
    assert Notification.objects.filter(recipient=supplier, subject__contains="2").exists()


def test_a_version_taking_effect_before_the_current_one_is_refused(client, manager_admin, v1, today):
    client.force_login(manager_admin)
    client.post(
        reverse("charter:version_create"), _draft_data(v1.effective_date - datetime.timedelta(days=1))
    )
    draft = CharterVersion.objects.get(number=2)
    client.post(reverse("charter:version", kwargs={"pk": draft.pk}))
    draft.refresh_from_db()
    assert not draft.is_published


def test_a_draft_without_commitments_is_refused_keeping_the_input(client, manager_admin, v1, today):
    client.force_login(manager_admin)
    data = _draft_data(today)
    del data["group_environment"], data["group_territory"]
    response = client.post(reverse("charter:version_create"), data)
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert response.context["form"]["preamble"].value() == "Nuovo testo della carta."
    assert CharterVersion.objects.count() == 1


def test_supplier_on_old_version_is_listed_as_expiring_and_sees_the_deadline(client, good_supplier, today):
    from tests.factories.charter import published_version

    published_version(number=2, effective_date=today - datetime.timedelta(days=10))
    expiring = expiring_signatures()
    assert [e.partner for e in expiring] == [good_supplier]
    assert expiring[0].grace_ends == today - datetime.timedelta(days=10) + datetime.timedelta(days=59)
    client.force_login(good_supplier.users.get())
    page = client.get(reverse("charter:mine")).content.decode()
    assert expiring[0].grace_ends.strftime("%Y") in page
    home = client.get(reverse("dashboard:index"))
    assert home.status_code == 200 and reverse("charter:mine") in home.content.decode()


def test_supplier_sets_area_and_capacity_of_its_service(client, good_supplier, make_product):
    from shop.charter.models import ServiceTerms
    from tests.factories import MunicipalityFactory

    served = MunicipalityFactory(name="Sarnico", area="Basso Sebino")
    product = make_product(good_supplier, title="Assistenza domiciliare")
    client.force_login(good_supplier.users.get())
    url = reverse("charter:service_terms", kwargs={"pk": product.pk})
    response = client.post(
        url, {"served_municipalities": [served.pk], "radius_km": "15", "slots_per_week": "20"}
    )
    assert response.status_code == 302
    terms = ServiceTerms.objects.get(product=product)
    assert terms.slots_per_week == 20 and list(terms.served_municipalities.all()) == [served]
