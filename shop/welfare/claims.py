"""Reimbursement claims (rimborsi) of f-bis and f-ter expenses paid outside the shop.

States: submitted → under review → approved → paid, or rejected (from submitted or under
review, with a reason). Money follows the state through the ledger of the claim's wallet:

* filing holds the amount (``services.credit_reserve_for_claim``, reference ``claim:<pk>``);
* approval spends it (``credit_spend_for_claim``): payroll pays it with the salary;
* rejection releases it (``credit_release_for_claim``): the credit is available again.

Every change is emailed to the employee once the transaction commits.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from stdnum.it import codicefiscale

from shop.core.tasks import after_commit
from shop.needs.selectors import household_for_user
from shop.welfare.allocation import amount_clean
from shop.welfare.exceptions import (
    DuplicateReceipt,
    InvalidClaimTransition,
    NotReimbursable,
    WelfareError,
)
from shop.welfare.fiscal import BenefitType, is_reimbursable
from shop.welfare.models import ReimbursementClaim, Wallet
from shop.welfare.receipts import receipt_file_sha256, receipt_number_key, supplier_key
from shop.welfare.selectors import children_declaration_for
from shop.welfare.services import credit_release_for_claim, credit_reserve_for_claim, credit_spend_for_claim

Status = ReimbursementClaim.Status
Relation = ReimbursementClaim.Relation

TRANSITIONS = {
    Status.SUBMITTED: {Status.UNDER_REVIEW, Status.REJECTED},
    Status.UNDER_REVIEW: {Status.APPROVED, Status.REJECTED},
    Status.APPROVED: {Status.PAID},
    Status.REJECTED: set(),
    Status.PAID: set(),
}


def receipt_already_claimed(
    *, supplier_tax_code: str, receipt_number: str, receipt_date, receipt_sha256: str = ""
) -> bool:
    """Whether a claim not rejected has this receipt (normalised keys) or this very file."""
    same = Q(
        supplier_key=supplier_key(supplier_tax_code),
        receipt_number_key=receipt_number_key(receipt_number),
        receipt_date=receipt_date,
    )
    if receipt_sha256:
        same |= Q(receipt_sha256=receipt_sha256)
    return ReimbursementClaim.objects.filter(same).exclude(status=Status.REJECTED).exists()


# The claim's relation → the relations of people in the household profile it may be.
HOUSEHOLD_RELATIONS = {
    Relation.CHILD: {"son", "daughter"},
    Relation.SPOUSE: {"partner"},
    Relation.PARENT: {"parent"},
    Relation.PARENT_IN_LAW: {"parent_in_law"},
    Relation.SIBLING: {"sibling"},
    Relation.OTHER: {"grandparent", "other"},
}
# Agenzia delle Entrate, circolare 28/E/2016 § 2.3: "anziani" for f-ter are 75 or older.
ELDERLY_AGE = 75


def claim_beneficiary_check(*, user, employee, benefit_type: str, relation: str, receipt_date) -> None:
    """Refuse, saying why, a beneficiary the law does not exempt for ``benefit_type``.

    f-bis: education and care services for the employee's family members (art. 12 TUIR),
    never the employee; a child must be among the children declared for the year's cap or in
    the household profile, any other relative in the household profile.
    f-ter: care of family members who are elderly (75 or older in the receipt's year) or not
    self-sufficient, as declared in the household profile; never the employee.
    """
    if relation == Relation.SELF:
        if benefit_type == BenefitType.C2_F_BIS:
            raise WelfareError(
                _(
                    "Education and care services (art. 51 c.2 lett. f-bis) are tax-free only for "
                    "your family members, not for yourself."
                )
            )
        raise WelfareError(
            _(
                "Care services (art. 51 c.2 lett. f-ter) are tax-free only for family members who "
                "are elderly or not self-sufficient, not for yourself."
            )
        )
    household = household_for_user(user=user)
    people = [
        person
        for person in (household.people.all() if household else [])
        if person.relation in HOUSEHOLD_RELATIONS.get(relation, set())
    ]
    if benefit_type == BenefitType.C2_F_BIS:
        if relation == Relation.CHILD:
            declaration = children_declaration_for(employee=employee, year=receipt_date.year)
            if people or (declaration and declaration.has_dependent_children):
                return
            raise WelfareError(
                _(
                    "You have not declared any child for %(year)s: declare your dependent children "
                    "on the fringe-benefit page, or add the child to your household profile."
                )
                % {"year": receipt_date.year}
            )
        if not people:
            raise WelfareError(
                _(
                    "This family member is not in your household profile: add them there "
                    "(Il mio account → La mia famiglia) before claiming."
                )
            )
        return
    for person in people:
        if person.kind == "disabled":
            return
        age = receipt_date.year - person.birth_year if person.birth_year else 0
        if person.kind == "elder" and age >= ELDERLY_AGE:
            return
    raise WelfareError(
        _(
            "Care services (art. 51 c.2 lett. f-ter) are tax-free only for family members who are "
            "75 or older or not self-sufficient: your household profile has no such person with "
            "this relation."
        )
    )


def claim_file(
    *,
    user,
    wallet: Wallet,
    benefit_type: str,
    beneficiary_name: str,
    beneficiary_codice_fiscale: str,
    relation: str,
    receipt_date: datetime.date,
    receipt_number: str,
    supplier_name: str,
    supplier_tax_code: str,
    description: str,
    amount: Decimal,
    receipt,
    on: datetime.date | None = None,
) -> ReimbursementClaim:
    """File a claim on ``user``'s own ``wallet`` and hold its amount there.

    Refused: a wallet of someone else, a type that is not f-bis/f-ter or that the plan does
    not allow, a receipt from the future or from another tax year than the plan's, an
    invalid codice fiscale, a beneficiary the law does not exempt
    (``claim_beneficiary_check``), a receipt already claimed however its supplier and number
    are written, or the same file again (``receipts``), more than the available credit.
    """
    on = on or timezone.localdate()
    amount = amount_clean(amount)
    if wallet.employee.user_id != getattr(user, "pk", None):
        raise WelfareError(_("You can file a claim only on your own welfare credit."))
    if not is_reimbursable(benefit_type):
        raise NotReimbursable()
    plan = wallet.plan
    if plan.allowed_benefit_types and benefit_type not in plan.allowed_benefit_types:
        raise NotReimbursable(_("Your plan does not cover this kind of expense."))
    if receipt_date > on:
        raise WelfareError(_("The receipt date cannot be in the future."))
    if receipt_date.year != plan.year:
        raise WelfareError(_("Only expenses of %(year)s can be claimed on this plan.") % {"year": plan.year})
    if not codicefiscale.is_valid(beneficiary_codice_fiscale):
        raise WelfareError(_("The beneficiary's codice fiscale is not valid."))
    # Whatever relation is chosen, the employee's own codice fiscale makes them the beneficiary.
    own = codicefiscale.compact(wallet.employee.codice_fiscale or "")
    claim_beneficiary_check(
        user=user,
        employee=wallet.employee,
        benefit_type=benefit_type,
        relation=Relation.SELF if codicefiscale.compact(beneficiary_codice_fiscale) == own else relation,
        receipt_date=receipt_date,
    )
    supplier_tax_code = supplier_tax_code.strip().upper()
    receipt_number = receipt_number.strip()
    sha256 = receipt_file_sha256(receipt)
    try:
        with transaction.atomic():
            if receipt_already_claimed(
                supplier_tax_code=supplier_tax_code,
                receipt_number=receipt_number,
                receipt_date=receipt_date,
                receipt_sha256=sha256,
            ):
                raise DuplicateReceipt()
            claim = ReimbursementClaim.objects.create(
                wallet=wallet,
                benefit_type=benefit_type,
                beneficiary_name=beneficiary_name,
                beneficiary_codice_fiscale=codicefiscale.compact(beneficiary_codice_fiscale),
                relation=relation,
                receipt_date=receipt_date,
                receipt_number=receipt_number,
                supplier_name=supplier_name,
                supplier_tax_code=supplier_tax_code,
                supplier_key=supplier_key(supplier_tax_code),
                receipt_number_key=receipt_number_key(receipt_number),
                receipt_sha256=sha256,
                description=description,
                amount=amount,
                receipt=receipt,
                created_by=user,
            )
            credit_reserve_for_claim(claim=claim, by=user)
    except IntegrityError as exc:
        # Two filings of the same receipt at once: the unique constraint decides.
        raise DuplicateReceipt() from exc
    _notify_on_commit(claim)
    return claim


def _move(*, claim: ReimbursementClaim, to: str, by) -> ReimbursementClaim:
    # The claim's row only: its wallet is locked by the service that posts to it.
    claims = ReimbursementClaim.objects.select_for_update(of=("self",)).select_related("wallet")
    claim = claims.get(pk=claim.pk)
    if to not in TRANSITIONS[claim.status]:
        raise InvalidClaimTransition()
    claim.status = to
    claim.updated_at = timezone.now()
    claim.decided_by = by
    return claim


@transaction.atomic
def claim_start_review(*, claim: ReimbursementClaim, by) -> ReimbursementClaim:
    claim = _move(claim=claim, to=Status.UNDER_REVIEW, by=by)
    claim.save(update_fields=["status", "updated_at", "decided_by"])
    _notify_on_commit(claim)
    return claim


@transaction.atomic
def claim_reject(*, claim: ReimbursementClaim, by, reason: str) -> ReimbursementClaim:
    """Reject with a reason; the held amount becomes available again (RELEASE)."""
    if not reason.strip():
        raise WelfareError(_("Write the reason for the rejection: the employee will read it."))
    claim = _move(claim=claim, to=Status.REJECTED, by=by)
    claim.rejection_reason = reason.strip()
    claim.save(update_fields=["status", "updated_at", "decided_by", "rejection_reason"])
    credit_release_for_claim(claim=claim, by=by)
    _notify_on_commit(claim)
    return claim


@transaction.atomic
def claim_approve(*, claim: ReimbursementClaim, by) -> ReimbursementClaim:
    """Approve: the held amount is spent (SPEND); payroll then pays it with the salary."""
    claim = _move(claim=claim, to=Status.APPROVED, by=by)
    claim.save(update_fields=["status", "updated_at", "decided_by"])
    credit_spend_for_claim(claim=claim, by=by)
    _notify_on_commit(claim)
    return claim


@transaction.atomic
def claim_mark_paid(*, claim: ReimbursementClaim, by, on: datetime.date | None = None) -> ReimbursementClaim:
    claim = _move(claim=claim, to=Status.PAID, by=by)
    claim.paid_on = on or timezone.localdate()
    claim.save(update_fields=["status", "updated_at", "decided_by", "paid_on"])
    _notify_on_commit(claim)
    return claim


def _notify_on_commit(claim: ReimbursementClaim) -> None:
    transaction.on_commit(lambda: claim_notify(claim=claim))


def claim_notify(*, claim: ReimbursementClaim) -> None:
    """Email the employee the claim's new state (in Italian, whatever the reviewer's language)."""
    employee = claim.wallet.employee
    email = (employee.user.email if employee.user_id else "") or employee.work_email
    if not email:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Reimbursement claim no. %(number)s: %(status)s") % {
            "number": claim.pk,
            "status": claim.get_status_display(),
        }
        lines = [
            _("Hello %(name)s,") % {"name": employee.first_name},
            _(
                "your reimbursement claim no. %(number)s (receipt %(receipt)s of %(date)s, "
                "%(amount)s €) is now: %(status)s."
            )
            % {
                "number": claim.pk,
                "receipt": claim.receipt_number,
                "date": claim.receipt_date.strftime("%d/%m/%Y"),
                "amount": claim.amount,
                "status": claim.get_status_display(),
            },
        ]
        if claim.status == Status.REJECTED:
            lines.append(_("Reason: %(reason)s") % {"reason": claim.rejection_reason})
            lines.append(_("The amount is available again in your welfare credit."))
        if claim.status == Status.APPROVED:
            lines.append(_("The amount will be paid with your next salary."))
        # After the claim commits, off the request (shop/core/tasks.py).
        after_commit(send_mail, str(subject), "\n\n".join(lines), None, [email])


# --- Reads, one per audience ---------------------------------------------------------------


def claims_for_employee(*, user):
    """The claims filed on ``user``'s own wallets; nobody else's."""
    if not getattr(user, "is_authenticated", False):
        return ReimbursementClaim.objects.none()
    return ReimbursementClaim.objects.filter(wallet__employee__user=user).select_related("wallet__plan")


def claims_for_reviewer(*, user):
    """Every claim for the manager's staff (permission ``welfare.review_claim``); none otherwise.

    HR contacts never get claims: beneficiaries and receipts are family and health data.
    """
    if not getattr(user, "is_authenticated", False) or not user.has_perm("welfare.review_claim"):
        return ReimbursementClaim.objects.none()
    return ReimbursementClaim.objects.select_related("wallet__plan__employer", "wallet__employee")
