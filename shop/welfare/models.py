"""Credit plans, one wallet per (employee, plan) and the wallet's append-only ledger.

A wallet belongs to a roster entry (``eligibility.Employee``) and to one plan, so every euro
in it carries its plan's rules (allowed categories and benefit types, validity dates) and
expires with it. Two stored figures per wallet, each the sum of a column of its entries:

* ``balance`` = sum of ``LedgerEntry.amount`` (credit the employee owns);
* ``reserved`` = sum of ``LedgerEntry.held`` (credit promised to placed, unconfirmed orders).

``available = balance - reserved`` is what a new order may use. Both stored figures are
written in the same transaction as the entry that changes them, under a row lock on the
wallet; ``manage.py verify_wallets`` recomputes them from the entries.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shop.welfare.exceptions import LedgerIsAppendOnly
from shop.welfare.fiscal import BenefitType

MONEY = {"max_digits": 12, "decimal_places": 2}
ZERO = Decimal("0.00")


class CreditPlan(models.Model):
    """An employer's yearly credit: how much each employee gets, until when, and for what."""

    employer = models.ForeignKey(
        "eligibility.Employer",
        verbose_name=_("employer"),
        on_delete=models.PROTECT,
        related_name="credit_plans",
    )
    name = models.CharField(_("name"), max_length=120)
    year = models.PositiveSmallIntegerField(_("tax year"))
    amount_per_employee = models.DecimalField(_("credit per employee"), **MONEY)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"))
    allowed_categories = models.ManyToManyField(
        "catalogue.Category",
        verbose_name=_("allowed categories"),
        blank=True,
        related_name="+",
        help_text=_("Empty: every category. A category includes its subcategories."),
    )
    allowed_benefit_types = models.JSONField(
        _("allowed benefit types"),
        default=list,
        blank=True,
        help_text=_("Empty: every benefit type (art. 51 TUIR)."),
    )
    beneficiaries = models.ManyToManyField(
        "eligibility.Employee",
        verbose_name=_("listed employees"),
        through="PlanBeneficiary",
        blank=True,
        related_name="+",
        help_text=_("Empty: every employee employed on the funding day."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    funded_at = models.DateTimeField(_("last funded"), null=True, blank=True)
    # The company regulation the plan applies (art. 51 c.2 TUIR: offered to the generality or
    # to uniform categories of employees).
    regulation_reference = models.CharField(
        _("company regulation"),
        max_length=200,
        blank=True,
        help_text=_(
            "Title and date of the regulation, e.g. 'Regolamento welfare 2026, delibera del 12/01/2026'."
        ),
    )
    regulation_text = models.TextField(_("regulation text"), blank=True)
    employee_categories = models.JSONField(
        _("categories of employees"),
        default=list,
        blank=True,
        help_text=_("Empty: all employees. Otherwise only employees of these categories are funded."),
    )

    class Meta:
        ordering = ["-year", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__gte=models.F("valid_from")), name="plan_dates_in_order"
            ),
            models.CheckConstraint(condition=Q(amount_per_employee__gt=0), name="plan_amount_positive"),
            models.UniqueConstraint(fields=["employer", "year", "name"], name="unique_plan_name_per_year"),
        ]
        verbose_name = _("credit plan")
        verbose_name_plural = _("credit plans")

    def __str__(self):
        return f"{self.name} {self.year} ({self.employer})"

    def is_valid_on(self, day) -> bool:
        return self.valid_from <= day <= self.valid_to


class PlanBeneficiary(models.Model):
    """An employee listed on a plan, optionally with an amount of their own."""

    plan = models.ForeignKey(CreditPlan, on_delete=models.CASCADE, related_name="listed")
    employee = models.ForeignKey("eligibility.Employee", on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(
        _("credit"), null=True, blank=True, help_text=_("Empty: the plan's amount per employee."), **MONEY
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "employee"], name="unique_plan_beneficiary"),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gt=0), name="beneficiary_amount_positive"
            ),
        ]
        verbose_name = _("listed employee")
        verbose_name_plural = _("listed employees")

    def __str__(self):
        return f"{self.employee} @ {self.plan}"


class Wallet(models.Model):
    employee = models.ForeignKey(
        "eligibility.Employee",
        verbose_name=_("employee"),
        on_delete=models.PROTECT,
        related_name="welfare_wallets",
    )
    plan = models.ForeignKey(
        CreditPlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="wallets"
    )
    balance = models.DecimalField(_("balance"), default=ZERO, **MONEY)
    reserved = models.DecimalField(_("reserved"), default=ZERO, **MONEY)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["plan__valid_to", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "plan"], name="one_wallet_per_employee_and_plan"),
            # The database itself refuses an overdraft, whatever code path writes.
            models.CheckConstraint(
                condition=Q(reserved__gte=0) & Q(reserved__lte=models.F("balance")),
                name="wallet_never_overdrawn",
            ),
        ]
        verbose_name = _("wallet")
        verbose_name_plural = _("wallets")

    def __str__(self):
        return f"{self.employee} / {self.plan}"

    @property
    def available(self) -> Decimal:
        return self.balance - self.reserved


class LedgerEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise LedgerIsAppendOnly()

    def delete(self):
        raise LedgerIsAppendOnly()


class LedgerEntry(models.Model):
    """One movement of credit. Never updated or deleted: a correction is a new entry.

    ``amount`` moves the balance, ``held`` moves the reservations:

    ======== ========= ======== ==============================================
    kind     amount    held     meaning
    ======== ========= ======== ==============================================
    fund     > 0       0        the employer credits the wallet
    reserve  0         > 0      an order placed promises credit
    spend    < 0       <= 0     confirmation turns the promise into a payment
    release  0         < 0      a cancelled, unconfirmed line frees its promise
    refund   > 0       0        a cancelled or refunded, paid line comes back
    expire   < 0       0        unused credit past the plan's end date
    adjust   != 0      0        a correction by the manager, with a note
    ======== ========= ======== ==============================================
    """

    class Kind(models.TextChoices):
        FUND = "fund", _("Funding")
        RESERVE = "reserve", _("Reserved for an order")
        SPEND = "spend", _("Spent")
        RELEASE = "release", _("Reservation released")
        REFUND = "refund", _("Refund")
        EXPIRE = "expire", _("Expired")
        ADJUST = "adjust", _("Correction")

    wallet = models.ForeignKey(
        Wallet, verbose_name=_("wallet"), on_delete=models.PROTECT, related_name="entries"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    amount = models.DecimalField(_("amount"), default=ZERO, **MONEY)
    held = models.DecimalField(_("reservation change"), default=ZERO, **MONEY)
    balance_after = models.DecimalField(_("balance after"), **MONEY)
    reserved_after = models.DecimalField(_("reserved after"), **MONEY)
    order_number = models.CharField(_("order number"), max_length=128, blank=True, db_index=True)
    order_line = models.ForeignKey(
        "order.Line",
        verbose_name=_("order line"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    units = models.PositiveIntegerField(_("units of the line"), null=True, blank=True)
    benefit_type = models.CharField(_("benefit type"), max_length=8, choices=BenefitType.choices, blank=True)
    reference = models.CharField(_("reference"), max_length=64, blank=True)
    # Spends and refunds of order lines: the tax year the benefit belongs to (the purchase's
    # year, by the 12 January rule of art. 51 c.1 TUIR; a refund reverses in the same year).
    tax_year = models.PositiveSmallIntegerField(_("tax year"), null=True, blank=True)
    idempotency_key = models.CharField(_("idempotency key"), max_length=200, unique=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("date"), default=timezone.now, db_index=True)

    objects = LedgerEntryQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["wallet", "created_at"], name="ledger_wallet_date")]
        constraints = [
            models.CheckConstraint(
                name="ledger_entry_signs_by_kind",
                condition=(
                    Q(kind="fund", amount__gt=0, held=0)
                    | Q(kind="reserve", amount=0, held__gt=0)
                    | Q(kind="spend", amount__lt=0, held__lte=0)
                    | Q(kind="release", amount=0, held__lt=0)
                    | Q(kind="refund", amount__gt=0, held=0)
                    | Q(kind="expire", amount__lt=0, held=0)
                    | (Q(kind="adjust", held=0) & ~Q(amount=0))
                ),
            ),
        ]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")

    def __str__(self):
        return f"{self.get_kind_display()} {self.amount} ({self.idempotency_key})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise LedgerIsAppendOnly()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise LedgerIsAppendOnly()


class EmployeeCategory(models.TextChoices):
    """Uniform categories of employees a regulation may address (CCNL classification)."""

    WORKER = "worker", _("Blue-collar workers")
    CLERK = "clerk", _("Clerks")
    MIDDLE_MANAGER = "middle_manager", _("Middle managers")
    EXECUTIVE = "executive", _("Executives")
    MEMBER_WORKER = "member_worker", _("Worker members of the cooperative")


class EmployeeWelfareProfile(models.Model):
    """Welfare data of a roster entry kept by this app: the category a regulation refers to."""

    employee = models.OneToOneField(
        "eligibility.Employee", on_delete=models.CASCADE, related_name="welfare_profile"
    )
    category = models.CharField(_("category of employees"), max_length=20, choices=EmployeeCategory.choices)

    class Meta:
        verbose_name = _("employee welfare profile")
        verbose_name_plural = _("employee welfare profiles")

    def __str__(self):
        return f"{self.employee}: {self.get_category_display()}"


class ChildrenDeclaration(models.Model):
    """An employee's dated statement about dependent children for a tax year (raises the c.3 cap).

    Kept as history: a new statement is a new row, the latest one of the year counts.
    """

    employee = models.ForeignKey(
        "eligibility.Employee", on_delete=models.PROTECT, related_name="children_declarations"
    )
    year = models.PositiveSmallIntegerField(_("tax year"))
    has_dependent_children = models.BooleanField(_("dependent children"))
    children_count = models.PositiveSmallIntegerField(_("number of dependent children"), default=0)
    declared_at = models.DateTimeField(_("declared at"), default=timezone.now)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-declared_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(has_dependent_children=False, children_count=0)
                | Q(has_dependent_children=True, children_count__gt=0),
                name="children_count_matches_declaration",
            )
        ]
        verbose_name = _("dependent children declaration")
        verbose_name_plural = _("dependent children declarations")

    def __str__(self):
        return f"{self.employee} {self.year}: {self.children_count}"


def receipt_storage():
    from shop.welfare.storage import PrivateReceiptStorage

    return PrivateReceiptStorage()


def receipt_path(instance, filename):
    import os
    import uuid

    extension = os.path.splitext(filename)[1].lower()
    return f"claims/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


class ReimbursementClaim(models.Model):
    """An f-bis or f-ter expense paid outside the shop, claimed back from a wallet.

    Filing holds the amount (RESERVE, reference ``claim:<pk>``), approval spends it, rejection
    releases it. A receipt (supplier, number, date, compared on normalised keys) and a receipt
    file (its SHA-256) can be claimed once, unless a previous claim on it was rejected.
    """

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        UNDER_REVIEW = "under_review", _("Under review")
        REJECTED = "rejected", _("Rejected")
        APPROVED = "approved", _("Approved")
        PAID = "paid", _("Paid")

    class Relation(models.TextChoices):
        SELF = "self", _("Myself")
        CHILD = "child", _("Child")
        SPOUSE = "spouse", _("Spouse or civil partner")
        PARENT = "parent", _("Parent")
        PARENT_IN_LAW = "parent_in_law", _("Parent-in-law")
        SIBLING = "sibling", _("Brother or sister")
        OTHER = "other", _("Other relative (art. 433 c.c.)")

    wallet = models.ForeignKey(
        Wallet, verbose_name=_("wallet"), on_delete=models.PROTECT, related_name="claims"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    benefit_type = models.CharField(_("benefit type"), max_length=8, choices=BenefitType.choices)
    beneficiary_name = models.CharField(_("beneficiary"), max_length=200)
    beneficiary_codice_fiscale = models.CharField(_("beneficiary's codice fiscale"), max_length=16)
    relation = models.CharField(_("relation"), max_length=16, choices=Relation.choices)
    receipt_date = models.DateField(_("receipt date"))
    receipt_number = models.CharField(_("receipt number"), max_length=40)
    supplier_name = models.CharField(_("supplier"), max_length=200)
    supplier_tax_code = models.CharField(_("supplier's partita IVA or codice fiscale"), max_length=16)
    description = models.CharField(_("what was paid for"), max_length=255)
    amount = models.DecimalField(_("amount"), **MONEY)
    receipt = models.FileField(_("receipt"), storage=receipt_storage, upload_to=receipt_path, max_length=200)
    # The receipt's identity however it was typed (shop/welfare/receipts.py) and its file's hash.
    supplier_key = models.CharField(_("supplier (normalised)"), max_length=16, blank=True)
    receipt_number_key = models.CharField(_("receipt number (normalised)"), max_length=40, blank=True)
    receipt_sha256 = models.CharField(_("receipt file SHA-256"), max_length=64, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("filed at"), default=timezone.now)
    updated_at = models.DateTimeField(_("last change"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    paid_on = models.DateField(_("paid on"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        permissions = [("review_claim", "Can review reimbursement claims")]
        constraints = [
            models.UniqueConstraint(
                fields=["supplier_key", "receipt_number_key", "receipt_date"],
                condition=~Q(status="rejected"),
                name="receipt_claimed_once",
            ),
            models.UniqueConstraint(
                fields=["receipt_sha256"],
                condition=~Q(status="rejected") & ~Q(receipt_sha256=""),
                name="receipt_file_claimed_once",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="claim_amount_positive"),
            models.CheckConstraint(
                condition=Q(benefit_type__in=["c2_fbis", "c2_fter"]), name="claim_only_reimbursable_types"
            ),
        ]
        verbose_name = _("reimbursement claim")
        verbose_name_plural = _("reimbursement claims")

    def __str__(self):
        return f"#{self.pk} {self.supplier_name} {self.receipt_number} ({self.get_status_display()})"

    @property
    def reference(self) -> str:
        return f"claim:{self.pk}"
