"""Reads of household needs: the owner's profile, "Per te" ranking, urgent services, coverage.

Privacy: a household profile is read only by ``household_for_user`` (its owner) and, as
counts of at least ``MIN_GROUP_SIZE`` people, by ``households_by_need``. No selector here
returns people with a given need to anyone else.

"Per te" score (docs/needs.md), the sum of three visible parts:
- need: 60 when the need comes from someone the household cares for (a child of the right
  age, an elderly or ill relative), +10 if the household also chose it as needed now;
  30 when it was only chosen as needed now;
- reach: 20 when a service's supplier serves the place where the care happens, or a good
  is made within the km-0 radius of it; services that do not reach the place are not shown;
- nearness: up to 10, falling linearly from 10 at 0 km to 0 at the km-0 radius.
Need points outweigh the rest, so an answer to a care duty always ranks above a leisure offer.
"""

import datetime
import hashlib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace

from django.conf import settings
from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from shop.bookings.selectors import calendars_bookable, earliest_slot
from shop.charter.selectors import (
    products_on_sale,
    sellable_partner_id_set,
    sellable_partner_ids,
)
from shop.core.access import partners_of_user
from shop.core.cards import CARDS_VERSION, CacheVersion, versioned_value
from shop.core.privacy import suppress
from shop.km0.selectors import km0_radius_km, products_for_listing
from shop.needs.models import CaredPerson, HouseholdProfile, Need, UrgentRequest
from shop.territory.distance import distance_km
from shop.territory.models import Municipality, MunicipalityDistance
from shop.territory.selectors import territory_municipalities

Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
StockRecord = get_model("partner", "StockRecord")

NEED_FROM_PERSON = 60
NEED_CHOSEN_BONUS = 10
NEED_CHOSEN_ONLY = 30
REACH_POINTS = 20
NEARNESS_POINTS = 10
URGENT_MAX_NOTICE_HOURS = 48


# --- The taxonomy --------------------------------------------------------------------------


def active_needs() -> QuerySet[Need]:
    return Need.objects.filter(is_active=True).prefetch_related("categories", "product_classes", "products")


def urgent_situations() -> QuerySet[Need]:
    return Need.objects.filter(is_active=True).exclude(emergency_prompt="")


def services_q(prefix: str = "") -> Q:
    # As in shop.km0: a service is booked, not stocked, so its class keeps no stock count.
    return Q(**{f"{prefix}product_class__track_stock": False})


def need_products_q(need: Need) -> Q:
    """Products answering ``need``: in a linked category or below it, of a linked class, or linked.

    Subqueries, not joins, so callers keep one row per product. Reads the need's prefetched links.
    """
    q = Q(pk__in=[])
    paths = [category.path for category in need.categories.all()]
    if paths:
        in_tree = Q()
        for path in paths:
            in_tree |= Q(category__path__startswith=path)
        q |= Q(pk__in=ProductCategory._default_manager.filter(in_tree).values("product_id"))
    class_ids = [pc.pk for pc in need.product_classes.all()]
    if class_ids:
        q |= Q(product_class_id__in=class_ids)
    product_ids = [p.pk for p in need.products.all()]
    if product_ids:
        q |= Q(pk__in=product_ids)
    return q


def offer_on_sale(*, sellable: QuerySet | None = None) -> QuerySet:
    """Public standalone and parent products of at least one supplier that may sell today.

    ``sellable`` (from ``sellable_partner_ids``) saves its queries when a caller needs it twice.
    """
    if sellable is None:
        return products_on_sale(Product._default_manager.browsable())
    offered = StockRecord._default_manager.filter(partner_id__in=sellable)
    return Product._default_manager.browsable().filter(
        Q(pk__in=offered.values("product_id")) | Q(pk__in=offered.values("product__parent_id"))
    )


# --- The owner's household profile -----------------------------------------------------------


def household_for_user(*, user) -> HouseholdProfile | None:
    """The user's own profile (the only way any page reads one)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        HouseholdProfile.objects.filter(user=user)
        .select_related("home_municipality")
        .prefetch_related("needs", "people__municipality")
        .first()
    )


def age_in(*, birth_year: int, today: datetime.date) -> int:
    """Age reached this calendar year: the reason shows it, the exact birthday is never asked."""
    return today.year - birth_year


def household_export(*, profile: HouseholdProfile, consent_events) -> dict:
    """Everything stored about the household, for the owner's JSON download (GDPR art. 15 and 20)."""
    return {
        "home_municipality": {
            "istat_code": profile.home_municipality_id,
            "name": profile.home_municipality.name,
        },
        "working_hours": profile.working_hours,
        "needs_now": [{"code": need.slug, "name": need.name} for need in profile.needs.all()],
        "people_cared_for": [
            {
                "kind": person.kind,
                "relation": person.relation,
                "birth_year": person.birth_year,
                "lives_in": person.municipality.name if person.municipality_id else None,
            }
            for person in profile.people.all()
        ],
        "consent": {"version": profile.consent_version, "given_at": profile.consent_given_at.isoformat()},
        "consent_history": [
            {"action": event.action, "version": event.consent_version, "at": event.at.isoformat()}
            for event in consent_events
        ],
        "created_at": profile.created_at.isoformat(),
        "updated_at": profile.updated_at.isoformat(),
    }


# --- Why a need applies to the household ------------------------------------------------------


@dataclass(frozen=True)
class NeedReason:
    need: Need
    place: Municipality
    reason: str
    from_person: bool
    chosen: bool

    @property
    def points(self) -> int:
        if self.from_person:
            return NEED_FROM_PERSON + (NEED_CHOSEN_BONUS if self.chosen else 0)
        return NEED_CHOSEN_ONLY


def _person_reason(person: CaredPerson, place: Municipality, today: datetime.date) -> str:
    if person.kind == CaredPerson.Kind.CHILD:
        age = age_in(birth_year=person.birth_year, today=today)
        noun = _("a daughter") if person.relation == CaredPerson.Relation.DAUGHTER else _("a son")
        if age < 1:
            return _("because you have %(child)s under one year old in %(place)s") % {
                "child": noun,
                "place": place.name,
            }
        return _("because you have %(child)s aged %(age)s in %(place)s") % {
            "child": noun,
            "age": age,
            "place": place.name,
        }
    return _("because you care for %(relation)s in %(place)s") % {
        "relation": _relation_phrase(person.relation),
        "place": place.name,
    }


def _relation_phrase(relation: str) -> str:
    # With its article, so the sentence reads naturally in Italian ("un genitore", "una figlia").
    phrases = {
        CaredPerson.Relation.SON: _("a son"),
        CaredPerson.Relation.DAUGHTER: _("a daughter"),
        CaredPerson.Relation.PARENT: _("a parent"),
        CaredPerson.Relation.PARENT_IN_LAW: _("a parent-in-law"),
        CaredPerson.Relation.GRANDPARENT: _("a grandparent"),
        CaredPerson.Relation.PARTNER: _("your spouse or partner"),
        CaredPerson.Relation.SIBLING: _("a brother or sister"),
    }
    return phrases.get(relation, _("a relative"))


def _person_matches(need: Need, person: CaredPerson, today: datetime.date) -> bool:
    concerns = need.concerns
    if person.kind == CaredPerson.Kind.CHILD:
        if concerns != Need.Concerns.CHILD or person.birth_year is None:
            return False
        age = age_in(birth_year=person.birth_year, today=today)
        low = need.child_age_min if need.child_age_min is not None else 0
        high = need.child_age_max if need.child_age_max is not None else 17
        return low <= age <= high
    if concerns == Need.Concerns.RELATIVE:
        return True
    return concerns == person.kind


def household_need_reasons(
    *, profile: HouseholdProfile, needs, today: datetime.date | None = None
) -> list[NeedReason]:
    """The needs that apply to the household, each with the place of care and the reason in words.

    One reason per (need, place): the first person found for it, in the profile's order.
    A need chosen as "needed now" without anyone matching applies at home.
    """
    today = today or timezone.localdate()
    chosen = {need.pk for need in profile.needs.all()}
    home = profile.home_municipality
    reasons: dict[tuple[int, str], NeedReason] = {}
    for need in needs:
        for person in profile.people.all():
            if not _person_matches(need, person, today):
                continue
            place = person.municipality or home
            key = (need.pk, place.pk)
            if key not in reasons:
                reasons[key] = NeedReason(
                    need=need,
                    place=place,
                    reason=_person_reason(person, place, today),
                    from_person=True,
                    chosen=need.pk in chosen,
                )
        if need.pk in chosen and not any(key[0] == need.pk for key in reasons):
            reasons[(need.pk, home.pk)] = NeedReason(
                need=need,
                place=home,
                reason=_("because you said you need: %(need)s") % {"need": need.name},
                from_person=False,
                chosen=True,
            )
    return list(reasons.values())


# --- "Per te" --------------------------------------------------------------------------------


@dataclass
class Suggestion:
    product: object
    reason: NeedReason
    need_points: int
    reach_points: int
    nearness_points: int
    km: Decimal | None
    is_service: bool
    score: int = field(init=False)

    def __post_init__(self):
        self.score = self.need_points + self.reach_points + self.nearness_points


def nearness_points(km: Decimal | None, radius: Decimal) -> int:
    if km is None or km > radius or radius <= 0:
        return 0
    value = Decimal(NEARNESS_POINTS) * (1 - km / radius)
    return int(value.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def _distances(*, origins: set[str], places: dict[str, Municipality]) -> dict[tuple[str, str], Decimal]:
    """km per (origin, place) from the precomputed table, computed for the pairs it lacks."""
    found = {
        (origin, home): km
        for origin, home, km in MunicipalityDistance.objects.filter(
            home_id__in=list(places), origin_id__in=list(origins)
        ).values_list("origin_id", "home_id", "km")
    }
    missing = {origin for origin in origins for place in places if (origin, place) not in found}
    if missing:
        for origin in Municipality.objects.filter(pk__in=missing):
            for code, place in places.items():
                found.setdefault((origin.pk, code), distance_km(origin.lat, origin.lon, place.lat, place.lon))
    return found


def per_te_for_user(*, user, limit: int = 6, today: datetime.date | None = None) -> list[Suggestion]:
    """The offer ranked for the user's household, best first (empty without a profile).

    A bounded number of queries whatever the catalogue size: the profile, the taxonomy, one
    candidate query, one reach query, one distance query, then the cards of the top ``limit``.
    """
    profile = household_for_user(user=user)
    if profile is None:
        return []
    needs = list(active_needs())
    reasons = household_need_reasons(profile=profile, needs=needs, today=today)
    if not reasons:
        return []
    relevant = {r.need.pk: r.need for r in reasons}
    flags = {
        f"answers_{pk}": ExpressionWrapper(need_products_q(need), output_field=BooleanField())
        for pk, need in relevant.items()
    }
    any_need = Q(pk__in=[])
    for need in relevant.values():
        any_need |= need_products_q(need)
    sellable = sorted(sellable_partner_id_set())
    candidates = list(
        offer_on_sale(sellable=sellable)
        .filter(any_need)
        .annotate(**flags, is_service=ExpressionWrapper(services_q(), output_field=BooleanField()))
        .values("pk", "title", "origin_id", "is_service", *flags)
    )
    if not candidates:
        return []
    places = {r.place.pk: r.place for r in reasons}
    service_ids = [c["pk"] for c in candidates if c["is_service"]]
    reaching = set(
        StockRecord._default_manager.filter(
            product_id__in=service_ids,
            partner_id__in=sellable,
            partner__served_municipalities__in=list(places),
        ).values_list("product_id", "partner__served_municipalities")
    )
    km_by_pair = _distances(origins={c["origin_id"] for c in candidates if c["origin_id"]}, places=places)
    radius = km0_radius_km()

    best: dict[int, Suggestion] = {}
    for row in candidates:
        for reason in reasons:
            if not row[f"answers_{reason.need.pk}"]:
                continue
            km = km_by_pair.get((row["origin_id"], reason.place.pk)) if row["origin_id"] else None
            if row["is_service"]:
                if (row["pk"], reason.place.pk) not in reaching:
                    continue
                reach = REACH_POINTS
            else:
                reach = REACH_POINTS if km is not None and km <= radius else 0
            suggestion = Suggestion(
                product=row["pk"],
                reason=reason,
                need_points=reason.points,
                reach_points=reach,
                nearness_points=nearness_points(km, radius),
                km=km,
                is_service=row["is_service"],
            )
            current = best.get(row["pk"])
            if current is None or suggestion.score > current.score:
                best[row["pk"]] = suggestion
    titles = {c["pk"]: c["title"] for c in candidates}
    ranked = sorted(best.values(), key=lambda s: (-s.score, titles[s.product], s.product))[:limit]
    if not ranked:
        return []
    products = products_for_listing(
        products=Product._default_manager.filter(pk__in=[s.product for s in ranked])
    )
    by_pk = {product.pk: product for product in products}
    for suggestion in ranked:
        suggestion.product = by_pk[suggestion.product]
    return ranked


# "Per te" on every visit of the home page: the ranking costs a dozen queries and most of the
# page's time, and changes only with the household, the taxonomy or the offer. It is kept in
# the cache as the plain values the section shows, under a key made of the user, language,
# day (ages and grace periods), the storefront version (products, prices, stock, suppliers,
# municipalities, charter records: shop.core.cards), the needs version below and the set of
# suppliers allowed to sell now (read on every page anyway: a suspension written without
# signals still changes the key).
PER_TE_SECONDS = 10 * 60
NEEDS_VERSION = CacheVersion("needs:version", "needs-cache.stamp")
NEEDS_VERSIONED = (HouseholdProfile, CaredPerson, Need)


def per_te_summary(*, user, limit: int = 6) -> dict:
    """``{"has_profile", "suggestions"}`` for the "Per te" section, from the cache when fresh.

    Each suggestion carries what the section shows: ``product.title``,
    ``product.get_absolute_url``, ``reason.reason``, ``reason.need.name``,
    ``reason.place.name``, ``km``, ``is_service`` and the points.
    """
    today = timezone.localdate()
    gate = hashlib.sha1(",".join(map(str, sorted(sellable_partner_id_set(on=today)))).encode()).hexdigest()
    versions = f"{CARDS_VERSION.tag()}:{NEEDS_VERSION.tag()}:{gate}"
    key = f"needs:per-te:{user.pk}:{get_language()}:{today.isoformat()}:{limit}:{versions}"

    def read():
        suggestions = per_te_for_user(user=user, limit=limit, today=today)
        return {
            "has_profile": bool(suggestions) or household_for_user(user=user) is not None,
            "suggestions": [_shown(s) for s in suggestions],
        }

    return versioned_value(key, read, PER_TE_SECONDS)


def _shown(suggestion: Suggestion) -> SimpleNamespace:
    product, reason = suggestion.product, suggestion.reason
    url = product.get_absolute_url()
    return SimpleNamespace(
        product=SimpleNamespace(pk=product.pk, title=product.title, get_absolute_url=url),
        reason=SimpleNamespace(
            reason=str(reason.reason),
            need=SimpleNamespace(pk=reason.need.pk, name=reason.need.name),
            place=SimpleNamespace(pk=reason.place.pk, name=reason.place.name),
        ),
        km=suggestion.km,
        is_service=suggestion.is_service,
        score=suggestion.score,
        need_points=suggestion.need_points,
        reach_points=suggestion.reach_points,
        nearness_points=suggestion.nearness_points,
    )


def connect_needs_version() -> None:
    NEEDS_VERSION.follow(*NEEDS_VERSIONED)
    NEEDS_VERSION.follow_m2m(
        HouseholdProfile.needs.through,
        Need.categories.through,
        Need.product_classes.through,
        Need.products.through,
    )


# --- Emergencies -----------------------------------------------------------------------------


@dataclass(frozen=True)
class UrgentOffer:
    product: object
    partner: object
    notice_hours: int
    price: Decimal | None
    # Services with a booking calendar (shop.bookings): the earliest free slot within 48 hours
    # reaching the place, bookable from the Urgent page; ``notice_hours`` is then the hours
    # until it starts.
    slot: object = None
    calendar: object = None


def urgent_offers(*, need: Need, municipality: Municipality, now=None) -> list[UrgentOffer]:
    """Services answering ``need`` within 48 hours whose supplier may sell and serves ``municipality``.

    A service with a booking calendar is listed only when that calendar has a free slot within
    48 hours reaching the place (``shop.bookings.selectors.earliest_slot``); one without a
    calendar when its ``UrgentService`` notice is 48 hours or less. One row per (service,
    supplier), soonest first; a supplier that does not reach the place, or may not sell, never
    appears.
    """
    now = now or timezone.now()
    need = active_needs().get(pk=need.pk)
    products = offer_on_sale().filter(services_q(), need_products_q(need), urgent_service__is_active=True)
    records = list(
        StockRecord._default_manager.filter(
            product__in=products,
            partner_id__in=sellable_partner_ids(),
            partner__served_municipalities=municipality,
        )
        .select_related("product__urgent_service", "partner")
        .order_by("product__title", "partner__name", "pk")
    )
    calendars = {c.stockrecord_id: c for c in calendars_bookable().filter(stockrecord__in=records)}
    offers = []
    for record in records:
        calendar = calendars.get(record.pk)
        slot = None
        if calendar is not None:
            found = earliest_slot(
                calendar=calendar, municipality=municipality, within_hours=URGENT_MAX_NOTICE_HOURS, now=now
            )
            if found is None:
                continue
            slot = found[1]
            hours = max(0, int((slot.start - now).total_seconds() // 3600))
        else:
            hours = record.product.urgent_service.notice_hours
            if hours > URGENT_MAX_NOTICE_HOURS:
                continue
        offers.append(
            UrgentOffer(
                product=record.product,
                partner=record.partner,
                notice_hours=hours,
                price=record.price,
                slot=slot,
                calendar=calendar,
            )
        )
    return sorted(
        offers,
        key=lambda o: (
            o.slot.start if o.slot else now + datetime.timedelta(hours=o.notice_hours),
            o.product.title,
            o.partner.name,
        ),
    )


def products_with_calendar(*, products) -> set[int]:
    """Ids among ``products`` that can be booked on a calendar (an accepted request is booked there)."""
    return set(calendars_bookable().filter(product_id__in=products).values_list("product_id", flat=True))


def urgent_requests_for_buyer(*, user) -> QuerySet[UrgentRequest]:
    if not getattr(user, "is_authenticated", False):
        return UrgentRequest.objects.none()
    return UrgentRequest.objects.filter(buyer=user).select_related(
        "product", "partner", "need", "municipality"
    )


def urgent_requests_for_supplier(*, user) -> QuerySet[UrgentRequest]:
    """Requests addressed to the user's own partner(s); buyers appear by first name and phone only."""
    return UrgentRequest.objects.filter(partner__in=partners_of_user(user)).select_related(
        "product", "partner", "need", "municipality", "buyer"
    )


def urgent_requests_overdue(*, now: datetime.datetime | None = None) -> QuerySet[UrgentRequest]:
    return UrgentRequest.objects.filter(
        status=UrgentRequest.Status.PENDING, respond_by__lte=now or timezone.now()
    )


# --- Coverage and reports ---------------------------------------------------------------------


@dataclass(frozen=True)
class CoverageRow:
    need: Need
    counts: list[int]  # services answering the need in each municipality, in ``municipalities`` order

    @property
    def uncovered(self) -> int:
        return sum(1 for n in self.counts if n == 0)


@dataclass(frozen=True)
class Coverage:
    municipalities: list[Municipality]
    rows: list[CoverageRow]

    def uncovered_places(self, need: Need) -> list[Municipality]:
        row = next(r for r in self.rows if r.need.pk == need.pk)
        return [m for m, n in zip(self.municipalities, row.counts, strict=True) if n == 0]

    def by_municipality(self) -> list[tuple[Municipality, list[int]]]:
        """The matrix transposed for a table: one row per municipality, one count per need."""
        return [(m, [row.counts[i] for row in self.rows]) for i, m in enumerate(self.municipalities)]

    def count(self, *, need: Need, municipality: Municipality) -> int:
        row = next(r for r in self.rows if r.need.pk == need.pk)
        return row.counts[[m.pk for m in self.municipalities].index(municipality.pk)]


def needs_coverage() -> Coverage:
    """For every active need and municipality of the territory, how many services on sale answer it there.

    A service counts in a municipality when one of its suppliers may sell and serves it.
    One aggregate query, whatever the number of needs and places.
    """
    places = list(territory_municipalities())
    needs = list(active_needs())
    if not places or not needs:
        return Coverage(
            municipalities=places, rows=[CoverageRow(need=n, counts=[0] * len(places)) for n in needs]
        )
    services = offer_on_sale().filter(services_q())
    aggregates = {
        f"n{need.pk}": Count(
            "product_id",
            distinct=True,
            filter=Q(product_id__in=services.filter(need_products_q(need)).values("pk")),
        )
        for need in needs
    }
    rows = (
        StockRecord._default_manager.filter(
            partner_id__in=sellable_partner_ids(),
            partner__served_municipalities__in=[m.pk for m in places],
            product_id__in=services.values("pk"),
        )
        .values("partner__served_municipalities")
        .annotate(**aggregates)
        .order_by()
    )
    by_place = {row["partner__served_municipalities"]: row for row in rows}
    return Coverage(
        municipalities=places,
        rows=[
            CoverageRow(
                need=need,
                counts=[by_place.get(m.pk, {}).get(f"n{need.pk}", 0) for m in places],
            )
            for need in needs
        ],
    )


def households_by_need() -> list[tuple[Need, int | str]]:
    """How many households said they need each need now, suppressed below MIN_GROUP_SIZE.

    For reports: counts only, never who. A count under five reads "< 5".
    """
    needs = Need.objects.filter(is_active=True).annotate(household_count=Count("households", distinct=True))
    return [(need, suppress(need.household_count)) for need in needs]


def response_hours() -> int:
    return int(getattr(settings, "SHOP_URGENT_RESPONSE_HOURS", 4))
