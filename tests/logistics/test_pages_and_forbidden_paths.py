import pytest
from django.urls import reverse

from shop.logistics.models import BoxItem, WorkSession
from tests.factories.eligibility import UserFactory
from tests.factories.logistics import boxed_product, paid_order
from tests.factories.welfare import funded_plan
from tests.logistics.helpers import packable_boxes

OPERATOR_PAGES = ["logistics:round-list", "logistics:work", "logistics:trainees"]


@pytest.fixture
def box(buyer, employer, zone, no_auto_assign):
    funded_plan(employer=employer)
    honey = boxed_product(title="Miele di castagno", price="9.00")
    return packable_boxes([paid_order(user=buyer, lines=[(honey, 2)])])[0]


def round_pages(box):
    return [
        reverse(name, args=[box.round_id])
        for name in ("logistics:round-detail", "logistics:round-labels", "logistics:round-sheet")
    ]


def test_operator_sees_rounds_boxes_and_pdfs(client, operator_user, box):
    client.force_login(operator_user)
    for name in OPERATOR_PAGES:
        assert client.get(reverse(name)).status_code == 200
    detail, labels, sheet = round_pages(box)
    page = client.get(detail)
    assert str(box.order.number) in page.content.decode()
    assert "Miele di castagno" in page.content.decode()
    for url in (labels, sheet):
        response = client.get(url)
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize("who", ["buyer", "supplier_user"])
def test_customers_and_suppliers_get_403_on_operator_and_station_pages(client, request, who, box):
    client.force_login(request.getfixturevalue(who))
    urls = [reverse(name) for name in OPERATOR_PAGES] + round_pages(box)
    urls += [reverse("logistics:station"), reverse("logistics:delivery-round", args=[box.round_id])]
    for url in urls:
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("logistics:station-start")).status_code == 403
    assert (
        client.post(reverse("logistics:delivery-box", args=[box.pk]), {"outcome": "delivered"}).status_code
        == 403
    )


def test_anonymous_visitors_are_sent_to_login(client, box):
    response = client.get(reverse("logistics:round-list"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_opening_a_session_hands_the_tablet_to_the_trainee(client, operator_user, trainee, box):
    client.force_login(operator_user)
    response = client.post(reverse("logistics:session-open", args=[trainee.pk]))
    assert response["Location"] == reverse("logistics:station")
    # The operator is logged out: the tablet is now the trainee's, who cannot see reports.
    for name in OPERATOR_PAGES:
        assert client.get(reverse(name)).status_code == 403
    for url in round_pages(box):
        assert client.get(url).status_code == 403
    assert client.get(reverse("logistics:station")).status_code == 200


def test_trainee_packs_a_box_through_the_station_pages(client, operator_user, trainee, box):
    client.force_login(operator_user)
    client.post(reverse("logistics:session-open", args=[trainee.pk]))
    client.post(reverse("logistics:station-start"))
    page = client.get(reverse("logistics:station")).content.decode()
    assert "Miele di castagno" in page and 'class="station-number"' in page
    item = box.items.get()
    client.post(reverse("logistics:station-item", args=[item.pk]), {"status": "done"})
    assert BoxItem.objects.get(pk=item.pk).status == BoxItem.Status.DONE
    client.post(reverse("logistics:station-undo"), {"box": box.pk})
    assert BoxItem.objects.get(pk=item.pk).status == BoxItem.Status.TO_DO
    client.post(reverse("logistics:station-item", args=[item.pk]), {"status": "done"})
    client.post(reverse("logistics:station-close-box"), {"box": box.pk})
    box.refresh_from_db()
    assert box.status == "packed"
    response = client.post(reverse("logistics:station-end"))
    assert response["Location"] == reverse("logistics:station-bye")
    assert WorkSession.objects.get().ended_at is not None
    assert client.get(reverse("logistics:station")).status_code == 302  # logged out


def test_a_trainee_login_without_an_open_session_is_told_to_ask(client, trainee):
    client.force_login(trainee.user)
    page = client.get(reverse("logistics:station")).content.decode()
    assert "operat" in page.lower()
    assert client.get(reverse("logistics:delivery-rounds")).status_code == 403


def test_buyer_sees_only_their_own_delivery_state(client, buyer, box):
    client.force_login(buyer)
    page = client.get(reverse("logistics:my-deliveries")).content.decode()
    assert str(box.order.number) in page
    client.force_login(UserFactory())
    assert str(box.order.number) not in client.get(reverse("logistics:my-deliveries")).content.decode()


def test_delivery_include_shows_nothing_to_another_user(rf, buyer, box):
    from django.template import Context, Template

    template = Template("{% load logistics %}{% order_delivery order %}")
    request = rf.get("/")
    request.user = buyer
    assert "Home delivery" in template.render(
        Context({"request": request, "order": box.order})
    ) or "Consegna a domicilio" in template.render(Context({"request": request, "order": box.order}))
    request.user = UserFactory()
    assert template.render(Context({"request": request, "order": box.order})).strip() == ""


def test_an_invalid_trainee_code_is_refused_and_kept(client, operator_user):
    client.force_login(operator_user)
    response = client.post(reverse("logistics:trainees"), {"code": "Mario Rossi!"})
    assert response.status_code == 200
    assert 'value="Mario Rossi!"' in response.content.decode()
    assert not WorkSession.objects.exists()
