import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from shop.needs import selectors, services
from shop.needs.exceptions import UrgentRequestError
from shop.needs.models import UrgentRequest
from tests.needs.conftest import GRONE, SARNICO, TRESCORE, need, service, supplier, supplier_login


@pytest.fixture
def offer(places, categories):
    partner = supplier(
        name="Tate di Grone", seat=places[TRESCORE], serves=[places[GRONE]], phone="+39 035 555111"
    )
    product = service(
        title="Baby sitter a domicilio",
        category=categories["nursery"],
        partner=partner,
        origin=places[TRESCORE],
        urgent_hours=24,
    )
    return product, partner


def _request(employee, offer, places, *, now=None):
    product, partner = offer
    return services.urgent_request_create(
        buyer=employee.user,
        need=need("figlio-malato"),
        product=product,
        partner=partner,
        municipality=places[GRONE],
        wanted_from=(now or timezone.now()) + datetime.timedelta(hours=16),
        contact_phone="333 1234567",
        now=now,
    )


def test_urgent_page_lists_services_reaching_home_with_phone(client, employee, offer, places, categories):
    product, partner = offer
    other = supplier(name="Tate di Sarnico", seat=places[SARNICO], serves=[places[SARNICO]])
    service(
        title="Tata a Sarnico",
        category=categories["nursery"],
        partner=other,
        origin=places[SARNICO],
        urgent_hours=24,
    )
    unsigned = supplier(name="Tate senza carta", seat=places[GRONE], serves=[places[GRONE]], admitted=False)
    service(
        title="Tata senza carta",
        category=categories["nursery"],
        partner=unsigned,
        origin=places[GRONE],
        urgent_hours=24,
    )
    slow = supplier(name="Tate lente", seat=places[GRONE], serves=[places[GRONE]])
    service(title="Tata con preavviso", category=categories["nursery"], partner=slow, origin=places[GRONE])
    client.force_login(employee.user)

    response = client.get(reverse("needs:urgent"), {"situation": "figlio-malato", "municipality": GRONE})

    assert [o.product for o in response.context["offers"]] == [product]
    body = response.content.decode()
    assert "+39 035 555111" in body and "Tata a Sarnico" not in body and "Tata senza carta" not in body
    assert "Tata con preavviso" not in body


def test_request_is_sent_and_accepted_by_its_supplier(client, employee, offer, places):
    product, partner = offer
    client.force_login(employee.user)
    url = reverse("needs:urgent-request", args=["figlio-malato", GRONE, product.pk, partner.pk])
    wanted = timezone.localtime() + datetime.timedelta(hours=15)

    response = client.post(
        url, {"wanted_from": wanted.strftime("%Y-%m-%dT%H:%M"), "contact_phone": "333 1234567"}
    )

    assert response.status_code == 302
    request = UrgentRequest.objects.get()
    assert request.status == "pending" and request.partner == partner
    assert request.respond_by - request.created_at < datetime.timedelta(hours=4, minutes=1)
    assert {address for m in mail.outbox for address in m.to} >= {"maria@example.org", partner.email}

    supplier_client = client.__class__()
    supplier_client.force_login(supplier_login(partner))
    mail.outbox.clear()
    response = supplier_client.post(
        reverse("needs:supplier-answer", args=[request.pk]), {"decision": "accept"}
    )

    request.refresh_from_db()
    assert response.status_code == 302 and request.status == "accepted"
    assert [m.to for m in mail.outbox] == [["maria@example.org"]]
    assert "accepted" in client.get(reverse("needs:my-requests")).content.decode().lower() or (
        request.get_status_display() in client.get(reverse("needs:my-requests")).content.decode()
    )


def test_refused_request_tells_the_buyer(employee, offer, places):
    product, partner = offer
    request = _request(employee, offer, places)
    mail.outbox.clear()

    services.urgent_request_answer(
        user=supplier_login(partner), request_id=request.pk, accept=False, note="Nessuna tata libera domani"
    )

    request.refresh_from_db()
    assert request.status == "refused" and request.supplier_note == "Nessuna tata libera domani"
    assert mail.outbox[0].to == ["maria@example.org"]
    with pytest.raises(UrgentRequestError):
        services.urgent_request_answer(user=supplier_login(partner), request_id=request.pk, accept=True)


def test_unanswered_request_expires_once(employee, offer, places):
    product, partner = offer
    request = _request(employee, offer, places, now=timezone.now() - datetime.timedelta(hours=5))
    fresh = _request(employee, offer, places)
    mail.outbox.clear()

    call_command("expire_urgent_requests", stdout=open("/dev/null", "w"))
    first_mails = len(mail.outbox)
    call_command("expire_urgent_requests", stdout=open("/dev/null", "w"))

    request.refresh_from_db()
    fresh.refresh_from_db()
    assert request.status == "expired" and fresh.status == "pending"
    assert first_mails == 2 and len(mail.outbox) == 2  # buyer and supplier, once
    with pytest.raises(UrgentRequestError):
        services.urgent_request_answer(user=supplier_login(partner), request_id=request.pk, accept=True)


def test_late_answer_expires_the_request(employee, offer, places):
    product, partner = offer
    request = _request(employee, offer, places, now=timezone.now() - datetime.timedelta(hours=5))

    with pytest.raises(UrgentRequestError):
        services.urgent_request_answer(user=supplier_login(partner), request_id=request.pk, accept=True)
    request.refresh_from_db()
    assert request.status == "expired"


def test_supplier_cannot_answer_or_see_another_suppliers_request(client, employee, offer, places):
    request = _request(employee, offer, places)
    rival = supplier(name="Tate rivali", seat=places[GRONE], serves=[places[GRONE]])
    client.force_login(supplier_login(rival))

    response = client.post(reverse("needs:supplier-answer", args=[request.pk]), {"decision": "refuse"})

    assert response.status_code == 404
    request.refresh_from_db()
    assert request.status == "pending"
    assert "333 1234567" not in client.get(reverse("needs:supplier-requests")).content.decode()
    with pytest.raises(UrgentRequest.DoesNotExist):
        services.urgent_request_answer(user=supplier_login(rival), request_id=request.pk, accept=False)


def test_request_for_a_supplier_not_serving_the_place_is_refused(employee, offer, places):
    product, partner = offer
    with pytest.raises(UrgentRequestError):
        services.urgent_request_create(
            buyer=employee.user,
            need=need("figlio-malato"),
            product=product,
            partner=partner,
            municipality=places[SARNICO],
            wanted_from=timezone.now() + datetime.timedelta(hours=10),
            contact_phone="333",
        )
    assert not UrgentRequest.objects.exists()


def test_buyer_sees_only_their_requests(employee, offer, places, django_user_model):
    _request(employee, offer, places)
    other = django_user_model.objects.create_user(username="other@example.org", password="pw-Oth-2026")
    assert selectors.urgent_requests_for_buyer(user=other).count() == 0
    assert selectors.urgent_requests_for_buyer(user=employee.user).count() == 1
