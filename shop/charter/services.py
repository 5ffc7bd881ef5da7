"""Writes of the charter: applications, signatures, the manager's decisions, new versions.

Every step appends an ``AuditEntry``. After any step that may change whether a supplier
can sell, ``admission_refresh_sale_state`` compares the gate with its last known state and,
on a change, re-indexes the supplier's products and tells the supplier and the manager why.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from shop.charter import selectors
from shop.charter.exceptions import InvalidTransition, SignatureRefused, VersionRefused
from shop.charter.models import (
    Admission,
    AuditEntry,
    CharterCommitment,
    CharterVersion,
    ServiceTerms,
    Signature,
)
from shop.core.access import is_manager
from shop.core.roles import Role, grant_role

# What the charter app tells the others: a supplier stopped being able to sell.  ``sale_stopped``
# is sent inside the transaction that records the change (suspension, signature missing or
# outdated after the grace period), with ``partner`` and ``reason`` (an Italian sentence such as
# "its admission is suspended"); receivers act in that transaction.
sale_stopped = Signal()

logger = logging.getLogger(__name__)
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
Dispatcher = get_class("communication.utils", "Dispatcher")

PDF_MAX_BYTES = 5 * 1024 * 1024


def _actor_label(user) -> str:
    if user is None:
        return _("System")
    return user.get_full_name() or user.email or user.get_username()


def audit_append(
    *,
    partner=None,
    actor=None,
    action: str,
    reason: str = "",
    version=None,
    at: datetime.datetime | None = None,
) -> AuditEntry:
    """Append one step; ``at`` only for history from before the shop existed (demo data)."""
    return AuditEntry.objects.create(
        partner=partner,
        actor=actor,
        actor_label=_actor_label(actor),
        action=action,
        reason=reason,
        version=version,
        created_at=at or timezone.now(),
    )


# --- Applications --------------------------------------------------------------------------


@transaction.atomic
def supplier_apply(
    *,
    legal_name: str,
    display_name: str,
    vat_number: str,
    seat,
    contact_name: str,
    contact_role: str,
    email: str,
    phone: str,
    password: str,
    offers: str,
    production_notes: str,
    website: str = "",
) -> Admission:
    """A company applies: a partner, its admission (applied) and the applicant's supplier login."""
    User = get_user_model()
    if Partner._default_manager.filter(vat_number=vat_number).exists():
        raise InvalidTransition(_("A supplier with this VAT number has already applied."))
    if User._default_manager.filter(email__iexact=email).exists():
        raise InvalidTransition(_("An account with this email already exists: log in to continue."))
    partner = Partner._default_manager.create(
        name=display_name or legal_name,
        legal_name=legal_name,
        vat_number=vat_number,
        seat=seat,
        email=email,
        phone=phone,
        website=website,
        description=offers,
        production_notes=production_notes,
    )
    first, _sep, last = contact_name.partition(" ")
    user = User._default_manager.create_user(
        username=email.lower()[:150], email=email.lower(), password=password, first_name=first, last_name=last
    )
    grant_role(user, Role.SUPPLIER)
    partner.users.add(user)
    admission = Admission.objects.create(
        partner=partner, contact_name=contact_name, contact_role=contact_role, applicant=user
    )
    audit_append(partner=partner, actor=user, action=AuditEntry.Action.APPLIED)
    _notify_managers(
        subject=_("New supplier application: %(name)s") % {"name": partner.name},
        body=_("%(name)s applied to become a supplier. Review it in the dashboard.") % {"name": partner.name},
    )
    return admission


@transaction.atomic
def application_resubmit(*, admission: Admission, actor, offers: str, production_notes: str) -> Admission:
    admission = Admission.objects.select_for_update().get(pk=admission.pk)
    if admission.status != Admission.Status.CHANGES_REQUESTED:
        raise InvalidTransition(_("Only an application with changes requested can be sent again."))
    partner = admission.partner
    partner.description = offers
    partner.production_notes = production_notes
    partner.save(update_fields=["description", "production_notes"])
    admission.status = Admission.Status.APPLIED
    admission.save(update_fields=["status"])
    audit_append(partner=partner, actor=actor, action=AuditEntry.Action.RESUBMITTED)
    return admission


# --- Signatures ----------------------------------------------------------------------------


def _looks_like_pdf(upload) -> bool:
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    return head == b"%PDF-"


@transaction.atomic
def charter_sign(
    *,
    partner,
    version: CharterVersion,
    actor,
    signer_name: str,
    signer_role: str,
    text_sha256: str,
    signed_pdf=None,
) -> Signature:
    """Sign ``version`` for ``partner``; ``text_sha256`` must match the text the signer was shown."""
    if not version.is_published:
        raise SignatureRefused(_("This charter version is not published."))
    if not partner.users.filter(pk=actor.pk).exists():
        raise SignatureRefused(_("Only the supplier's own users can sign for it."))
    if Signature.objects.filter(partner=partner, version=version).exists():
        raise SignatureRefused(_("This version is already signed."))
    if text_sha256 != version.text_sha256():
        raise SignatureRefused(
            _("The charter text changed while you were reading it: read it again and sign.")
        )
    if version.requires_signed_pdf and not signed_pdf:
        raise SignatureRefused(_("The manager requires the charter signed as a PDF file."))
    if signed_pdf:
        if signed_pdf.size > PDF_MAX_BYTES:
            raise SignatureRefused(_("The PDF file is larger than 5 MB."))
        if not _looks_like_pdf(signed_pdf):
            raise SignatureRefused(_("The uploaded file is not a PDF."))
    signature = Signature.objects.create(
        partner=partner,
        version=version,
        signer_name=signer_name,
        signer_role=signer_role,
        signed_by=actor,
        text_sha256=text_sha256,
        signed_pdf=signed_pdf or "",
    )
    audit_append(
        partner=partner,
        actor=actor,
        action=AuditEntry.Action.SIGNED,
        version=version,
        reason=_("Signed by %(name)s (%(role)s), text SHA-256 %(hash)s")
        % {"name": signer_name, "role": signer_role, "hash": text_sha256},
    )
    admission_refresh_sale_state(partner=partner)
    return signature


@transaction.atomic
def service_terms_set(*, product, served_municipalities, radius_km: int | None, slots_per_week: int | None):
    """Where a supplier's service reaches people and its weekly capacity (one row per service)."""
    terms, _created = ServiceTerms.objects.update_or_create(
        product=product, defaults={"radius_km": radius_km, "slots_per_week": slots_per_week}
    )
    terms.served_municipalities.set(served_municipalities)
    return terms


# --- The manager's decisions ---------------------------------------------------------------

_TRANSITIONS = {
    AuditEntry.Action.APPROVED: (
        Admission.Status.APPROVED,
        {Admission.Status.APPLIED, Admission.Status.CHANGES_REQUESTED, Admission.Status.SUSPENDED},
    ),
    AuditEntry.Action.CHANGES_REQUESTED: (
        Admission.Status.CHANGES_REQUESTED,
        {Admission.Status.APPLIED, Admission.Status.SUSPENDED},
    ),
    AuditEntry.Action.REJECTED: (
        Admission.Status.REJECTED,
        {Admission.Status.APPLIED, Admission.Status.CHANGES_REQUESTED},
    ),
    AuditEntry.Action.SUSPENDED: (Admission.Status.SUSPENDED, {Admission.Status.APPROVED}),
}


@transaction.atomic
def admission_decide(*, admission: Admission, actor, action: str, reason: str = "") -> Admission:
    """Approve, ask for changes, reject or suspend. Every decision but approval needs a reason."""
    if not is_manager(actor):
        raise InvalidTransition(_("Only the manager's administrators can decide on admissions."))
    if action not in _TRANSITIONS:
        raise InvalidTransition(_("Unknown decision."))
    reason = (reason or "").strip()
    if action != AuditEntry.Action.APPROVED and not reason:
        raise InvalidTransition(_("Give a reason: the supplier will read it."))
    admission = Admission.objects.select_for_update().select_related("partner").get(pk=admission.pk)
    target, allowed_from = _TRANSITIONS[action]
    if admission.status not in allowed_from:
        raise InvalidTransition(
            _("An application in status “%(status)s” cannot be moved to “%(target)s”.")
            % {"status": admission.get_status_display(), "target": Admission.Status(target).label}
        )
    admission.status = target
    admission.decided_at = timezone.now()
    admission.reason = reason
    admission.save(update_fields=["status", "decided_at", "reason"])
    audit_append(partner=admission.partner, actor=actor, action=action, reason=reason)
    _notify_supplier(
        partner=admission.partner,
        subject=_("Your admission as a supplier: %(status)s") % {"status": admission.get_status_display()},
        body=reason or _("Your application was approved."),
    )
    admission_refresh_sale_state(partner=admission.partner)
    return admission


# --- Charter versions ----------------------------------------------------------------------


@transaction.atomic
def charter_version_create(
    *,
    title: str,
    preamble: str,
    effective_date: datetime.date,
    commitments: list[tuple[str, str]],
    requires_signed_pdf: bool = False,
) -> CharterVersion:
    """A draft version, numbered after the last one; ``commitments`` are (group, text) pairs."""
    last = CharterVersion.objects.order_by("-number").values_list("number", flat=True).first() or 0
    version = CharterVersion.objects.create(
        number=last + 1,
        title=title,
        preamble=preamble,
        effective_date=effective_date,
        requires_signed_pdf=requires_signed_pdf,
    )
    for position, (group, text) in enumerate(commitments):
        CharterCommitment.objects.create(version=version, group=group, position=position, text=text)
    return version


@transaction.atomic
def charter_version_publish(*, version: CharterVersion, actor) -> CharterVersion:
    """Freeze a draft. Its effective date starts the grace period for signatures of the previous one."""
    if actor is not None and not (actor.is_staff and actor.has_perm("charter.publish_charterversion")):
        raise VersionRefused(_("Only the manager's administrators can publish the charter."))
    version = CharterVersion.objects.select_for_update().get(pk=version.pk)
    if version.is_published:
        raise VersionRefused(_("This version is already published."))
    if not version.commitments.exists():
        raise VersionRefused(_("A charter version needs at least one commitment."))
    newest = selectors.published_versions().order_by("-effective_date").first()
    if newest is not None and version.effective_date <= newest.effective_date:
        raise VersionRefused(
            _("The effective date must come after the one of version %(number)s (%(date)s).")
            % {"number": newest.number, "date": newest.effective_date.strftime("%d/%m/%Y")}
        )
    version.published_at = timezone.now()
    version.save(update_fields=["published_at"])
    audit_append(actor=actor, action=AuditEntry.Action.VERSION_PUBLISHED, version=version)
    grace_ends = version.effective_date + datetime.timedelta(days=selectors.grace_days() - 1)
    for admission in Admission.objects.filter(status=Admission.Status.APPROVED).select_related("partner"):
        audit_append(
            partner=admission.partner,
            actor=actor,
            action=AuditEntry.Action.VERSION_PUBLISHED,
            version=version,
            reason=_("Sign it by %(date)s to keep selling.") % {"date": grace_ends.strftime("%d/%m/%Y")},
        )
        _notify_supplier(
            partner=admission.partner,
            subject=_("New ethical charter: version %(number)s") % {"number": version.number},
            body=_(
                "Version %(number)s of the ethical charter takes effect on %(effective)s. "
                "Sign it by %(date)s to keep selling."
            )
            % {
                "number": version.number,
                "effective": version.effective_date.strftime("%d/%m/%Y"),
                "date": grace_ends.strftime("%d/%m/%Y"),
            },
        )
    return version


# --- The gate ------------------------------------------------------------------------------


def admission_refresh_sale_state(*, partner, on: datetime.date | None = None) -> bool:
    """Record a change of the gate for ``partner``: audit, re-index, notify. Returns may-sell."""
    admission = Admission.objects.select_for_update().filter(partner=partner).first()
    refusal = selectors.partner_sale_refusal(partner, on=on)
    may_sell = refusal is None
    if admission is None or admission.on_sale == may_sell:
        return may_sell
    admission.on_sale = may_sell
    admission.save(update_fields=["on_sale"])
    if may_sell:
        audit_append(partner=partner, action=AuditEntry.Action.SALE_STARTED)
        subject = _("%(name)s can sell again") % {"name": partner.name}
        body = _("The products of %(name)s are on sale in the shop.") % {"name": partner.name}
    else:
        audit_append(partner=partner, action=AuditEntry.Action.SALE_STOPPED, reason=refusal)
        sale_stopped.send(sender=Admission, partner=partner, reason=refusal)
        subject = _("%(name)s can no longer sell") % {"name": partner.name}
        body = _("The products of %(name)s were withdrawn from the shop: %(reason)s.") % {
            "name": partner.name,
            "reason": refusal,
        }
    _notify_supplier(partner=partner, subject=subject, body=body)
    _notify_managers(subject=subject, body=body)
    transaction.on_commit(lambda: partner_reindex_products(partner=partner))
    return may_sell


def charter_refresh_all(*, on: datetime.date | None = None) -> int:
    """Daily: grace periods end without anyone acting, so the gate is re-read for everyone."""
    changed = 0
    for admission in Admission.objects.select_related("partner"):
        with transaction.atomic():
            before = admission.on_sale
            if admission_refresh_sale_state(partner=admission.partner, on=on) != before:
                changed += 1
    return changed


def partner_reindex_products(*, partner) -> None:
    """Update or remove the supplier's products in the search index, one by one."""
    from haystack import connections
    from haystack.exceptions import NotHandled

    try:
        index = connections["default"].get_unified_index().get_index(Product)
    except NotHandled:
        return
    products = Product._default_manager.filter(stockrecords__partner=partner).distinct()
    parents = Product._default_manager.filter(children__stockrecords__partner=partner).distinct()
    candidates = [p for p in list(products) + list(parents) if not p.parent_id]
    browsable_ids = set(
        Product._default_manager.browsable()
        .filter(pk__in=[p.pk for p in candidates])
        .values_list("pk", flat=True)
    )
    for product in candidates:
        try:
            if product.pk in browsable_ids:
                index.update_object(product)
            else:
                index.remove_object(product)
        except Exception:  # the index is a cache of the catalogue: never fail a decision on it
            logger.exception("Could not re-index product %s", product.pk)


# --- Notifications -------------------------------------------------------------------------


def _notify(users, *, subject: str, body: str) -> None:
    dispatcher = Dispatcher()
    recipients = [u.email for u in users if u.email]
    for user in users:
        dispatcher.notify_user(user, subject, body=body)
    if recipients:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=True)


def _notify_supplier(*, partner, subject: str, body: str) -> None:
    _notify(list(partner.users.filter(is_active=True)), subject=subject, body=body)


def _notify_managers(*, subject: str, body: str) -> None:
    _notify(list(selectors.charter_administrators()), subject=subject, body=body)
