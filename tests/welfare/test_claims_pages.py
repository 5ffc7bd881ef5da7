"""Claims through the pages, and the forbidden paths: receipts only for the owner and the reviewers."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from shop.core.roles import Role, grant_role
from shop.welfare.models import ReimbursementClaim, Wallet
from tests.factories.eligibility import EmployeeFactory, UserFactory
from tests.factories.welfare import funded_plan
from tests.welfare.fiscal_factories import PDF, claim_data, declare_child, file_claim, receipt_pdf


@pytest.fixture
def wallet(employer, employee):
    plan = funded_plan(employer=employer, amount="500.00")
    declare_child(employee=employee)
    return Wallet.objects.get(employee=employee, plan=plan)


@pytest.fixture
def reviewer(db):
    user = UserFactory(is_staff=True)
    grant_role(user, Role.MANAGER)
    return user


def post_data(**overrides):
    data = claim_data(**overrides)
    data["amount"] = str(data["amount"]).replace(".", ",")
    data["receipt_date"] = data["receipt_date"].isoformat()
    return data


def test_the_employee_files_a_claim_with_a_pdf_receipt(client, wallet, employee_user):
    client.force_login(employee_user)
    url = reverse("welfare:claim-create", kwargs={"wallet_pk": wallet.pk})
    response = client.post(url, {**post_data(), "receipt": receipt_pdf()})
    claim = ReimbursementClaim.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "welfare:claim-detail", kwargs={"pk": claim.pk}
    )
    assert claim.amount == Decimal("120.00")
    # Stored outside MEDIA_ROOT, where no public URL reaches it.
    path = claim.receipt.path
    assert path.startswith(str(settings.SHOP_PRIVATE_MEDIA_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    receipt = client.get(reverse("welfare:claim-receipt", kwargs={"pk": claim.pk}))
    assert receipt.status_code == 200 and b"".join(receipt.streaming_content).startswith(PDF)


def test_a_receipt_that_is_not_a_pdf_or_image_is_refused_and_the_form_kept(client, wallet, employee_user):
    client.force_login(employee_user)
    url = reverse("welfare:claim-create", kwargs={"wallet_pk": wallet.pk})
    fake = receipt_pdf(name="ricevuta.pdf", content=b"MZ\x90\x00 not a pdf")
    response = client.post(url, {**post_data(), "receipt": fake})
    assert response.status_code == 200 and response.context["form"].errors["receipt"]
    assert 'value="Asilo nido Il Girasole"' in response.content.decode()
    assert not ReimbursementClaim.objects.exists()


def test_a_duplicate_receipt_is_refused_with_an_italian_message(client, wallet, employee_user):
    file_claim(user=employee_user, wallet=wallet)
    client.force_login(employee_user)
    url = reverse("welfare:claim-create", kwargs={"wallet_pk": wallet.pk})
    response = client.post(url, {**post_data(amount=Decimal("5.00")), "receipt": receipt_pdf()})
    assert response.status_code == 200
    assert "Questa ricevuta è già stata chiesta a rimborso" in response.content.decode()
    assert ReimbursementClaim.objects.count() == 1


def test_an_employee_cannot_file_on_another_persons_wallet(client, employer, wallet):
    other = UserFactory()
    EmployeeFactory(employer=employer, user=other)
    client.force_login(other)
    url = reverse("welfare:claim-create", kwargs={"wallet_pk": wallet.pk})
    assert client.get(url).status_code == 404
    assert client.post(url, {**post_data(), "receipt": receipt_pdf()}).status_code == 404
    assert not ReimbursementClaim.objects.exists()


def test_only_the_owner_and_the_reviewers_open_a_receipt(
    client, employer, wallet, employee_user, hr_user, reviewer
):
    claim = file_claim(user=employee_user, wallet=wallet)
    own = reverse("welfare:claim-receipt", kwargs={"pk": claim.pk})
    review = reverse("welfare:claim-review-receipt", kwargs={"pk": claim.pk})

    client.force_login(hr_user)
    assert client.get(own).status_code == 404
    assert client.get(review).status_code == 403
    assert client.get(reverse("welfare:claim-review-list")).status_code == 403
    assert client.get(reverse("welfare:claim-detail", kwargs={"pk": claim.pk})).status_code == 404

    stranger = UserFactory()
    client.force_login(stranger)
    assert client.get(own).status_code == 404

    client.force_login(reviewer)
    assert client.get(review).status_code == 200


def test_the_reviewer_rejects_with_a_reason_and_the_credit_comes_back(
    client, wallet, employee_user, reviewer, django_capture_on_commit_callbacks
):
    claim = file_claim(user=employee_user, wallet=wallet)
    client.force_login(reviewer)
    url = reverse("welfare:claim-review-detail", kwargs={"pk": claim.pk})
    page = client.get(url)
    assert page.status_code == 200 and "Avvia la verifica" in page.content.decode()
    empty = client.post(url, {"action": "reject", "reason": ""})
    assert empty.status_code == 200 and empty.context["reject_form"].errors["reason"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "review"})
        client.post(url, {"action": "reject", "reason": "Importo diverso dalla ricevuta"})
    claim.refresh_from_db()
    wallet.refresh_from_db()
    assert claim.status == "rejected" and claim.rejection_reason == "Importo diverso dalla ricevuta"
    assert wallet.available == Decimal("500.00")


def test_the_claims_review_is_in_the_dashboard_menu_for_the_manager(client, reviewer):
    client.force_login(reviewer)
    page = client.get(reverse("welfare:claim-review-list"))
    assert page.status_code == 200
    assert reverse("welfare:claim-review-list") in page.content.decode()
