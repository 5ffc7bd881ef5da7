from decimal import Decimal

import pytest
from django.core import mail

from shop.welfare import claims
from shop.welfare.exceptions import DuplicateReceipt, InvalidClaimTransition, NotReimbursable, WelfareError
from shop.welfare.models import LedgerEntry, ReimbursementClaim, Wallet
from tests.factories.eligibility import UserFactory
from tests.factories.welfare import ON, funded_plan
from tests.welfare.fiscal_factories import file_claim, household_with


@pytest.fixture
def wallet(employer, employee):
    plan = funded_plan(employer=employer, amount="500.00")
    return Wallet.objects.get(employee=employee, plan=plan)


@pytest.fixture
def reviewer(db):
    from shop.core.roles import Role, grant_role

    user = UserFactory(is_staff=True)
    grant_role(user, Role.MANAGER)
    return user


def test_filing_holds_the_amount_and_approval_spends_it(
    wallet, employee_user, reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        claim = file_claim(user=employee_user, wallet=wallet)
    wallet.refresh_from_db()
    assert (wallet.balance, wallet.reserved) == (Decimal("500.00"), Decimal("120.00"))
    reserve = LedgerEntry.objects.get(reference=f"claim:{claim.pk}")
    assert reserve.kind == "reserve" and reserve.benefit_type == "c2_fbis"

    with django_capture_on_commit_callbacks(execute=True):
        claims.claim_start_review(claim=claim, by=reviewer)
        claims.claim_approve(claim=claim, by=reviewer)
        claims.claim_mark_paid(claim=claim, by=reviewer)
    wallet.refresh_from_db()
    assert (wallet.balance, wallet.reserved) == (Decimal("380.00"), Decimal("0.00"))
    claim.refresh_from_db()
    assert claim.status == "paid" and claim.paid_on
    assert len(mail.outbox) == 4
    assert "Pagata" in mail.outbox[-1].subject or "paid" in mail.outbox[-1].subject.lower()


def test_a_rejected_claim_returns_the_credit_and_tells_why(
    wallet, employee_user, reviewer, django_capture_on_commit_callbacks
):
    claim = file_claim(user=employee_user, wallet=wallet)
    with pytest.raises(WelfareError):
        claims.claim_reject(claim=claim, by=reviewer, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        claims.claim_reject(claim=claim, by=reviewer, reason="La ricevuta è illeggibile")
    wallet.refresh_from_db()
    assert (wallet.balance, wallet.reserved) == (Decimal("500.00"), Decimal("0.00"))
    assert "La ricevuta è illeggibile" in mail.outbox[-1].body
    with pytest.raises(InvalidClaimTransition):
        claims.claim_approve(claim=claim, by=reviewer)


def test_a_receipt_is_claimed_only_once(wallet, employee_user):
    file_claim(user=employee_user, wallet=wallet)
    with pytest.raises(DuplicateReceipt) as refused:
        file_claim(user=employee_user, wallet=wallet, amount=Decimal("10.00"))
    assert "già" in str(refused.value) or "already" in str(refused.value)
    assert ReimbursementClaim.objects.count() == 1
    wallet.refresh_from_db()
    assert wallet.reserved == Decimal("120.00")


def test_a_rejected_receipt_may_be_filed_again(wallet, employee_user, reviewer):
    claim = file_claim(user=employee_user, wallet=wallet)
    claims.claim_reject(claim=claim, by=reviewer, reason="Manca la pagina 2")
    assert file_claim(user=employee_user, wallet=wallet).status == "submitted"


def test_a_c2_f_expense_cannot_be_reimbursed(wallet, employee_user):
    with pytest.raises(NotReimbursable):
        file_claim(user=employee_user, wallet=wallet, benefit_type="c2_f")
    with pytest.raises(NotReimbursable):
        file_claim(user=employee_user, wallet=wallet, benefit_type="c3")
    assert not ReimbursementClaim.objects.exists()
    assert not LedgerEntry.objects.filter(kind="reserve").exists()


def test_a_claim_on_someone_elses_wallet_or_beyond_the_credit_is_refused(wallet, employee_user):
    with pytest.raises(WelfareError):
        file_claim(user=UserFactory(), wallet=wallet)
    with pytest.raises(WelfareError):
        file_claim(user=employee_user, wallet=wallet, amount=Decimal("500.01"))
    with pytest.raises(WelfareError):
        file_claim(user=employee_user, wallet=wallet, beneficiary_codice_fiscale="RSSMRA80A01H501X")
    assert not ReimbursementClaim.objects.exists()


def test_a_plan_limited_to_f_ter_refuses_f_bis(employer, employee, employee_user):
    plan = funded_plan(employer=employer, name="Solo anziani", benefit_types=["c2_fter"])
    wallet = Wallet.objects.get(employee=employee, plan=plan)
    with pytest.raises(NotReimbursable):
        file_claim(user=employee_user, wallet=wallet, benefit_type="c2_fbis")
    household_with(user=employee_user, people=[("elder", "parent", ON.year - 80)])
    assert file_claim(user=employee_user, wallet=wallet, benefit_type="c2_fter", relation="parent")
