"""Reads of the charter: the version in force, who may sell, and each role's view of suppliers.

The one gating rule of the shop lives here (``partner_may_sell`` and its queryset form
``sellable_partner_ids``): a supplier sells while it is approved and holds a signature of
the charter version in force, or of the previous version while the grace period after the
new version's effective date runs (``SHOP_CHARTER_GRACE_DAYS``, default 60).
"""

import datetime
import threading
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.signals import request_finished, request_started
from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from shop.charter.models import Admission, AuditEntry, CharterVersion, Signature
from shop.core.access import partners_of_user
from shop.core.request_memo import RequestMemo
from shop.core.roles import Role

Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")


def grace_days() -> int:
    return int(getattr(settings, "SHOP_CHARTER_GRACE_DAYS", 60))


def published_versions() -> QuerySet[CharterVersion]:
    return CharterVersion.objects.filter(published_at__isnull=False)


def charter_in_force(*, on: datetime.date | None = None, commitments: bool = True) -> CharterVersion | None:
    """The version in force on ``on``; ``commitments=False`` skips reading its text (the gate
    of every storefront page needs only which versions count)."""
    on = on or timezone.localdate()
    versions = published_versions().filter(effective_date__lte=on)
    if commitments:
        versions = versions.prefetch_related("commitments")
    return versions.order_by("-effective_date", "-number").first()


def charter_to_sign() -> CharterVersion | None:
    """The newest published version: what a supplier signs today, even before it takes effect."""
    return published_versions().prefetch_related("commitments").order_by("-effective_date", "-number").first()


@dataclass(frozen=True)
class Acceptance:
    current: CharterVersion | None
    previous: CharterVersion | None
    grace_ends: datetime.date | None  # last day a signature of ``previous`` still counts

    @property
    def version_ids(self) -> list[int]:
        ids = [self.current.pk] if self.current else []
        if self.previous is not None:
            ids.append(self.previous.pk)
        return ids


# A page asks for the acceptable versions several times (strategy, supplier card, listing
# filter): within one request they are read once. Outside requests nothing is remembered.
_request_memo = threading.local()


@receiver(request_started)
def _memo_open(**kwargs):
    _request_memo.versions = {}
    _request_memo.version_ids = {}  # from sellable_partner_id_set


@receiver(request_finished)
def _memo_close(**kwargs):
    _request_memo.versions = _request_memo.version_ids = None


@receiver([post_save, post_delete], sender=CharterVersion)
@receiver([post_save, post_delete], sender=Signature)
@receiver([post_save, post_delete], sender=Admission)
def _memo_forget(**kwargs):
    _gate_memo.forget()
    for memo in (getattr(_request_memo, "versions", None), getattr(_request_memo, "version_ids", None)):
        if memo:
            memo.clear()


def acceptable_versions(*, on: datetime.date | None = None) -> Acceptance:
    on = on or timezone.localdate()
    memo = getattr(_request_memo, "versions", None)
    if memo is not None and on in memo:
        return memo[on]
    acceptance = _acceptable_versions(on=on)
    if memo is not None:
        memo[on] = acceptance
    return acceptance


def _acceptable_versions(*, on: datetime.date) -> Acceptance:
    current = charter_in_force(on=on, commitments=False)
    if current is None:
        return Acceptance(None, None, None)
    grace_ends = current.effective_date + datetime.timedelta(days=grace_days() - 1)
    previous = None
    if on <= grace_ends:
        previous = (
            published_versions()
            .filter(effective_date__lt=current.effective_date)
            .order_by("-effective_date", "-number")
            .first()
        )
    return Acceptance(current, previous, grace_ends if previous else None)


def sellable_partner_ids(*, on: datetime.date | None = None) -> QuerySet:
    """Queryset form of ``partner_may_sell``: ids of the partners allowed to sell on ``on``."""
    on = on or timezone.localdate()
    known = getattr(_request_memo, "version_ids", None)
    if known is not None and on not in known:
        sellable_partner_id_set(on=on)  # in a request: the gate's one statement gives the versions too
    version_ids = known[on] if known and on in known else acceptable_versions(on=on).version_ids
    return (
        Signature.objects.filter(
            version_id__in=version_ids,
            partner__admission__status=Admission.Status.APPROVED,
        )
        .values("partner_id")
        .distinct()
    )


def sellable_partner_id_set(*, on: datetime.date | None = None) -> set[int]:
    """``sellable_partner_ids`` as a set, read in one SQL statement with the acceptable
    versions inline: the storefront's gate (shop/charter/strategy.py) runs it on every page,
    where building the three ORM queries cost more CPU than running them. Read once per
    request (a charter record saved within the request reads it again) and never kept
    across requests: a suspension, even one written without signals, shows on the next page."""
    on = on or timezone.localdate()
    return set(_gate_memo.get(on, lambda: _sellable_partner_id_set(on=on)))


# The gate is asked by the strategy, the "Per te" ranking and the listings of one page: once a
# request (a charter record written within the request reads it again).
_gate_memo = RequestMemo("sellable_partner_id_set")


def _sellable_partner_id_set(*, on: datetime.date) -> frozenset[int]:
    quote = connection.ops.quote_name
    adapt = connection.ops.adapt_datefield_value
    # The oldest effective date of the version in force that still leaves its predecessor in grace.
    threshold = on - datetime.timedelta(days=grace_days() - 1)
    sql = f"""
        WITH current_version AS (
            SELECT id, effective_date FROM {quote(CharterVersion._meta.db_table)}
            WHERE published_at IS NOT NULL AND effective_date <= %s
            ORDER BY effective_date DESC, {quote("number")} DESC LIMIT 1
        ), previous_version AS (
            SELECT v.id FROM {quote(CharterVersion._meta.db_table)} v, current_version c
            WHERE v.published_at IS NOT NULL
                AND v.effective_date < c.effective_date AND c.effective_date >= %s
            ORDER BY v.effective_date DESC, v.{quote("number")} DESC LIMIT 1
        )
        SELECT 'version', id FROM current_version
        UNION ALL SELECT 'version', id FROM previous_version
        UNION ALL SELECT DISTINCT 'partner', s.partner_id FROM {quote(Signature._meta.db_table)} s
        INNER JOIN {quote(Admission._meta.db_table)} a ON a.partner_id = s.partner_id
        WHERE a.status = %s AND (
            s.version_id IN (SELECT id FROM current_version)
            OR s.version_id IN (SELECT id FROM previous_version)
        )
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [adapt(on), adapt(threshold), Admission.Status.APPROVED.value])
        rows = cursor.fetchall()
    memo = getattr(_request_memo, "version_ids", None)
    if memo is not None:  # the rest of this request's sellable_partner_ids need no look-up
        memo[on] = [pk for kind, pk in rows if kind == "version"]
    return frozenset(pk for kind, pk in rows if kind == "partner")


def partner_may_sell(partner, on: datetime.date | None = None) -> bool:
    return partner_sale_refusal(partner, on=on) is None


def partner_sale_refusal(partner, on: datetime.date | None = None) -> str | None:
    """Why ``partner`` may not sell on ``on`` (an Italian sentence), or None when it may."""
    admission = Admission.objects.filter(partner=partner).first()
    if admission is None:
        return _("it has not been admitted by the manager")
    if admission.status == Admission.Status.SUSPENDED:
        return _("its admission is suspended")
    if admission.status == Admission.Status.REJECTED:
        return _("its application was rejected")
    if admission.status != Admission.Status.APPROVED:
        return _("its application is still under review")
    acceptance = acceptable_versions(on=on)
    if acceptance.current is None:
        return _("no ethical charter is in force")
    if not Signature.objects.filter(partner=partner, version_id__in=acceptance.version_ids).exists():
        if Signature.objects.filter(partner=partner).exists():
            return _("it has not signed version %(number)s of the ethical charter") % {
                "number": acceptance.current.number
            }
        return _("it has not signed the ethical charter")
    return None


def products_on_sale(queryset: QuerySet, *, on: datetime.date | None = None) -> QuerySet:
    """Keep the products (standalone, parent or child) offered by at least one sellable supplier."""
    offered = StockRecord._default_manager.filter(partner_id__in=sellable_partner_ids(on=on))
    # Subqueries rather than joins: no duplicates, so callers' ordering and annotations hold.
    return queryset.filter(
        Q(pk__in=offered.values("product_id")) | Q(pk__in=offered.values("product__parent_id"))
    )


# --- Suppliers' own view -------------------------------------------------------------------


def admission_of_user(user) -> Admission | None:
    return Admission.objects.filter(partner__in=partners_of_user(user)).select_related("partner").first()


def user_may_publish_products(user) -> bool:
    """Staff may; a supplier user only while one of its partners is approved."""
    if user.is_staff:
        return True
    return Admission.objects.filter(
        partner__in=partners_of_user(user), status=Admission.Status.APPROVED
    ).exists()


@dataclass(frozen=True)
class CharterStanding:
    admission: Admission
    may_sell: bool
    refusal: str | None
    signature: Signature | None  # the latest signature
    to_sign: CharterVersion | None  # a version the supplier should sign now
    grace_ends: datetime.date | None
    next_steps: list[str]


def charter_standing(*, partner, on: datetime.date | None = None) -> CharterStanding | None:
    """Where a supplier stands and what it should do next (its "my charter" page)."""
    on = on or timezone.localdate()
    admission = Admission.objects.filter(partner=partner).first()
    if admission is None:
        return None
    signatures = Signature.objects.filter(partner=partner).select_related("version")
    signed_ids = set(signatures.values_list("version_id", flat=True))
    latest = signatures.order_by("-version__number").first()
    newest = charter_to_sign()
    to_sign = newest if newest is not None and newest.pk not in signed_ids else None
    acceptance = acceptable_versions(on=on)
    grace_ends = None
    if acceptance.previous is not None and acceptance.current.pk not in signed_ids:
        grace_ends = acceptance.grace_ends
    refusal = partner_sale_refusal(partner, on=on)
    steps = []
    status = admission.status
    if status == Admission.Status.CHANGES_REQUESTED:
        steps.append(_("Update your application as the manager asked, then send it again."))
    if to_sign is not None and status != Admission.Status.REJECTED:
        steps.append(
            _("Read and sign version %(number)s of the ethical charter.") % {"number": to_sign.number}
        )
    if status == Admission.Status.APPLIED:
        steps.append(_("Wait for the manager's review of your application."))
    if status == Admission.Status.SUSPENDED:
        steps.append(_("Contact the manager to solve the reason of the suspension."))
    if status == Admission.Status.APPROVED and refusal is None:
        steps.append(_("Nothing to do: your products are on sale."))
    return CharterStanding(admission, refusal is None, refusal, latest, to_sign, grace_ends, steps)


# --- The manager's view --------------------------------------------------------------------


def application_queue() -> QuerySet[Admission]:
    return (
        Admission.objects.filter(status=Admission.Status.APPLIED)
        .select_related("partner", "partner__seat")
        .order_by("applied_at")
    )


def admissions_by_status(*, status: str | None = None) -> QuerySet[Admission]:
    qs = Admission.objects.select_related("partner", "partner__seat").order_by("partner__name")
    if status:
        qs = qs.filter(status=status)
    return qs


@dataclass(frozen=True)
class ExpiringSignature:
    partner: object
    signed_version: CharterVersion
    grace_ends: datetime.date


def expiring_signatures(*, on: datetime.date | None = None) -> list[ExpiringSignature]:
    """Approved suppliers selling on the previous version only: their grace period is running out."""
    acceptance = acceptable_versions(on=on)
    if acceptance.previous is None:
        return []
    signed_current = Signature.objects.filter(version=acceptance.current).values("partner_id")
    old = (
        Signature.objects.filter(
            version=acceptance.previous, partner__admission__status=Admission.Status.APPROVED
        )
        .exclude(partner_id__in=signed_current)
        .select_related("partner", "version")
        .order_by("partner__name")
    )
    return [ExpiringSignature(s.partner, s.version, acceptance.grace_ends) for s in old]


def audit_trail(*, partner) -> QuerySet[AuditEntry]:
    return (
        AuditEntry.objects.filter(partner=partner)
        .select_related("actor", "version")
        .order_by("created_at", "pk")
    )


def charter_administrators() -> QuerySet:
    User = get_user_model()
    return (
        User._default_manager.filter(is_active=True, is_staff=True)
        .filter(Q(groups__name=Role.MANAGER) | Q(is_superuser=True))
        .distinct()
    )


# --- Public pages --------------------------------------------------------------------------


def public_suppliers() -> QuerySet:
    """Suppliers shown to the public: those allowed to sell today."""
    return Partner._default_manager.filter(id__in=sellable_partner_ids()).select_related("seat")


def public_signature(*, partner) -> Signature | None:
    """The signature shown on the storefront: the newest one still accepted today."""
    acceptance = acceptable_versions()
    return (
        Signature.objects.filter(partner=partner, version_id__in=acceptance.version_ids)
        .select_related("version")
        .order_by("-version__number")
        .first()
    )


@dataclass(frozen=True)
class SupplierCard:
    partner: object
    signature: Signature | None


def product_supplier_card(*, product) -> SupplierCard | None:
    """The sellable supplier of a product (or of its variants) for the product page."""
    product_ids = [product.pk] + ([product.parent_id] if product.parent_id else [])
    partner = (
        Partner._default_manager.filter(id__in=sellable_partner_ids())
        .filter(Q(stockrecords__product_id__in=product_ids) | Q(stockrecords__product__parent_id=product.pk))
        .select_related("seat")
        .order_by("name")
        .first()
    )
    if partner is None:
        return None
    return SupplierCard(partner, public_signature(partner=partner))
