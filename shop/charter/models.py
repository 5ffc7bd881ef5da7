"""The ethical charter, its signatures and the admission of suppliers.

A supplier sells only while it is approved and holds a signature of the charter in force
(or of the previous version inside the grace period): see ``selectors.partner_may_sell``.
Signatures and the audit trail are append-only: a published charter version, a signature
and an audit entry are never changed or deleted once written.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shop.charter.exceptions import AuditTrailIsAppendOnly


class CommitmentGroup(models.TextChoices):
    ENVIRONMENT = "environment", _("Environment")
    TERRITORY = "territory", _("Territory")
    SOCIAL_CONDUCT = "social_conduct", _("Social conduct")
    PRODUCT_ORIGIN = "product_origin", _("Product origin")
    PRODUCTION_METHOD = "production_method", _("Production method")


class AppendOnlyQuerySet(models.QuerySet):
    """Bulk writes would bypass the model guards, so they are refused too."""

    def update(self, **kwargs):
        raise AuditTrailIsAppendOnly(_("These records cannot be changed."))

    def delete(self):
        raise AuditTrailIsAppendOnly(_("These records cannot be deleted."))


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditTrailIsAppendOnly(_("These records cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditTrailIsAppendOnly(_("These records cannot be deleted."))


class CharterVersion(models.Model):
    number = models.PositiveIntegerField(_("version"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    preamble = models.TextField(
        _("text"), help_text=_("The charter's text in Italian, before the commitments.")
    )
    effective_date = models.DateField(_("effective date"))
    requires_signed_pdf = models.BooleanField(
        _("requires a signed PDF"),
        default=False,
        help_text=_("Suppliers must upload the charter signed by their legal representative."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("charter version")
        verbose_name_plural = _("charter versions")
        permissions = [("publish_charterversion", _("Can publish a charter version"))]

    def __str__(self):
        return _("Ethical charter v%(number)s") % {"number": self.number}

    def save(self, *args, **kwargs):
        # A published text is what suppliers signed: it may never change afterwards.
        if not self._state.adding:
            stored = type(self)._default_manager.filter(pk=self.pk, published_at__isnull=False).exists()
            if stored:
                raise AuditTrailIsAppendOnly(_("A published charter version cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.published_at is not None:
            raise AuditTrailIsAppendOnly(_("A published charter version cannot be deleted."))
        return super().delete(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def commitments_by_group(self) -> list[tuple[str, list["CharterCommitment"]]]:
        commitments = list(self.commitments.all())
        return [
            (label, [c for c in commitments if c.group == value])
            for value, label in CommitmentGroup.choices
            if any(c.group == value for c in commitments)
        ]

    def full_text(self) -> str:
        """The exact text a supplier reads and signs (its hash goes on the signature)."""
        parts = [
            f"{self.title} (v{self.number}, {self.effective_date.isoformat()})",
            "",
            self.preamble.strip(),
        ]
        for label, commitments in self.commitments_by_group():
            parts += ["", str(label).upper()]
            parts += [f"{i}. {c.text.strip()}" for i, c in enumerate(commitments, start=1)]
        return "\n".join(parts) + "\n"

    def text_sha256(self) -> str:
        return hashlib.sha256(self.full_text().encode("utf-8")).hexdigest()


class CharterCommitment(models.Model):
    version = models.ForeignKey(CharterVersion, on_delete=models.CASCADE, related_name="commitments")
    group = models.CharField(_("group"), max_length=20, choices=CommitmentGroup.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.TextField(_("commitment"))

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self):
        return self.text[:60]

    def save(self, *args, **kwargs):
        if self.version.is_published:
            raise AuditTrailIsAppendOnly(_("A published charter version cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.version.is_published:
            raise AuditTrailIsAppendOnly(_("A published charter version cannot be changed."))
        return super().delete(*args, **kwargs)


class Admission(models.Model):
    """A supplier's standing with the manager: one per partner."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SUSPENDED = "suspended", _("Suspended")

    partner = models.OneToOneField(
        "partner.Partner", verbose_name=_("supplier"), on_delete=models.PROTECT, related_name="admission"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.APPLIED)
    contact_name = models.CharField(_("contact person"), max_length=120)
    contact_role = models.CharField(_("contact's role"), max_length=120, blank=True)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="charter_applications",
    )
    applied_at = models.DateTimeField(_("applied at"), default=timezone.now)
    decided_at = models.DateTimeField(_("last decision at"), null=True, blank=True)
    reason = models.TextField(_("reason of the last decision"), blank=True)
    # The gate's last known state, so a change (and only a change) re-indexes and notifies.
    on_sale = models.BooleanField(_("on sale"), default=False)

    class Meta:
        ordering = ["partner__name"]
        verbose_name = _("supplier admission")
        verbose_name_plural = _("supplier admissions")
        permissions = [("review_admission", _("Can review supplier admissions"))]

    def __str__(self):
        return f"{self.partner} ({self.get_status_display()})"


def private_storage():
    # Outside MEDIA_ROOT: never reachable by a media URL, only through the manager's download view.
    return FileSystemStorage(location=settings.SHOP_PRIVATE_MEDIA_ROOT)


def signed_pdf_path(instance, filename):
    # Unguessable names: signed PDFs carry personal data and are served only to the manager.
    return f"charter-signatures/{uuid.uuid4().hex}.pdf"


class Signature(AppendOnlyModel):
    partner = models.ForeignKey(
        "partner.Partner",
        verbose_name=_("supplier"),
        on_delete=models.PROTECT,
        related_name="charter_signatures",
    )
    version = models.ForeignKey(
        CharterVersion, verbose_name=_("charter version"), on_delete=models.PROTECT, related_name="signatures"
    )
    signer_name = models.CharField(_("signer's name"), max_length=120)
    signer_role = models.CharField(_("signer's role"), max_length=120)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by (user)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("signed at"), default=timezone.now)
    text_sha256 = models.CharField(_("SHA-256 of the signed text"), max_length=64)
    signed_pdf = models.FileField(
        _("signed PDF"), upload_to=signed_pdf_path, storage=private_storage, blank=True
    )

    class Meta:
        ordering = ["-signed_at"]
        verbose_name = _("charter signature")
        verbose_name_plural = _("charter signatures")
        constraints = [
            models.UniqueConstraint(fields=["partner", "version"], name="charter_one_signature_per_version")
        ]

    def __str__(self):
        return f"{self.partner} – v{self.version.number}"


class AuditEntry(AppendOnlyModel):
    class Action(models.TextChoices):
        APPLIED = "applied", _("Applied")
        RESUBMITTED = "resubmitted", _("Application resubmitted")
        SIGNED = "signed", _("Charter signed")
        APPROVED = "approved", _("Approved")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        REJECTED = "rejected", _("Rejected")
        SUSPENDED = "suspended", _("Suspended")
        VERSION_PUBLISHED = "version_published", _("Charter version published")
        SALE_STOPPED = "sale_stopped", _("Sales stopped")
        SALE_STARTED = "sale_started", _("Sales started")

    partner = models.ForeignKey(
        "partner.Partner",
        verbose_name=_("supplier"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="charter_audit",
    )
    version = models.ForeignKey(
        CharterVersion, verbose_name=_("charter version"), null=True, blank=True, on_delete=models.PROTECT
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty when the system itself acted (e.g. a grace period ended)."),
    )
    actor_label = models.CharField(_("who (as shown)"), max_length=200, blank=True)
    action = models.CharField(_("what"), max_length=24, choices=Action.choices)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_action_display()}"


class ServiceTerms(models.Model):
    """Where a service reaches people and how many appointments a week it can take."""

    product = models.OneToOneField(
        "catalogue.Product", verbose_name=_("service"), on_delete=models.CASCADE, related_name="service_terms"
    )
    served_municipalities = models.ManyToManyField(
        "territory.Municipality", verbose_name=_("municipalities served"), blank=True, related_name="+"
    )
    radius_km = models.PositiveSmallIntegerField(
        _("radius served (km)"), null=True, blank=True, help_text=_("From the supplier's seat; optional.")
    )
    slots_per_week = models.PositiveSmallIntegerField(_("capacity (slots per week)"), null=True, blank=True)

    class Meta:
        verbose_name = _("service terms")
        verbose_name_plural = _("service terms")

    def __str__(self):
        return str(self.product)
