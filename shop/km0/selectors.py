"""Reads of the km-0 rules: the buyer's reference point, distances in listings, reach of services.

Listings never loop over products in Python: distances come from a subquery on the
precomputed ``MunicipalityDistance`` table, joined on the product's place of origin.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
)
from django.utils import timezone
from oscar.core.loading import get_model

from shop.core.cards import versioned_value
from shop.core.compiled import CompiledOnce
from shop.eligibility.selectors import EMPLOYMENT_VERSION, employment_for_credit, employments_for_user
from shop.territory.distance import distance_km
from shop.territory.models import Municipality, MunicipalityDistance
from shop.territory.selectors import territory_centre

# The "entro N km" choices offered by listings.
DISTANCE_CHOICES_KM = (10, 25, 50, 70)


@dataclass(frozen=True)
class ReferencePoint:
    """Where distances are measured from: the buyer's home, or the territory's centre."""

    municipality: Municipality
    is_home: bool


def home_of_user(*, user) -> Municipality | None:
    """The home municipality of a logged-in user: the employment that gives credit, else any employment."""
    if not getattr(user, "is_authenticated", False):
        return None
    employment = employment_for_credit(user=user) or employments_for_user(user=user).first()
    return employment.home_municipality if employment else None


def buyer_reference_point(*, user) -> ReferencePoint | None:
    """The buyer's home when known, otherwise the centre of the territory (None if not loaded)."""
    home = home_of_user(user=user)
    if home is not None:
        return ReferencePoint(municipality=home, is_home=True)
    centre = territory_centre()
    return ReferencePoint(municipality=centre, is_home=False) if centre else None


REFERENCE_SECONDS = 10 * 60


def shown_reference_point(*, user) -> ReferencePoint | None:
    """``buyer_reference_point`` for showing (listings, badges, product cards), kept in the
    cache per user and day until a roster entry or an employer changes (``EMPLOYMENT_VERSION``).

    What an order records (``purchase_distance``) reads the buyer's point afresh."""
    if not getattr(user, "is_authenticated", False):
        return buyer_reference_point(user=user)
    key = ":".join(
        (
            "km0:reference",
            str(user.pk),
            timezone.localdate().isoformat(),
            EMPLOYMENT_VERSION.tag(),
            settings.SHOP_TERRITORY_CENTRE_ISTAT,
        )
    )
    return versioned_value(key, lambda: {"point": buyer_reference_point(user=user)}, REFERENCE_SECONDS)[
        "point"
    ]


def km0_radius_km() -> Decimal:
    return Decimal(settings.SHOP_KM0_RADIUS_KM)


def is_km0(*, km: Decimal | None) -> bool:
    return km is not None and km <= km0_radius_km()


def _services_q(prefix: str = "") -> Q:
    # A service is booked, not stocked: its product class keeps no stock count.
    return Q(**{f"{prefix}product_class__track_stock": False})


def products_with_distance(*, products: QuerySet, home: Municipality) -> QuerySet:
    """Annotate ``distance_km`` (km from the product's origin to ``home``; None without origin).

    A LEFT JOIN on the distance table restricted to ``home`` (one row per origin at most):
    the database hashes a few hundred rows once instead of probing the index per product.
    """
    to_home = FilteredRelation("origin__distances_from", condition=Q(origin__distances_from__home=home))
    return products.annotate(km0_to_home=to_home).annotate(distance_km=F("km0_to_home__km"))


def origins_within_km(*, home: Municipality, km) -> QuerySet:
    """ISTAT codes of the places of origin at most ``km`` from ``home``."""
    return MunicipalityDistance.objects.filter(home=home, km__lte=km).values("origin_id")


def products_within_km(*, products: QuerySet, home: Municipality, km) -> QuerySet:
    return products.filter(origin_id__in=origins_within_km(home=home, km=km))


def products_order_by_distance(*, products: QuerySet) -> QuerySet:
    """Nearest first; products without a place of origin last, then by title for a stable page."""
    return products.order_by(F("distance_km").asc(nulls_last=True), "title", "pk")


def products_with_reach(*, products: QuerySet, municipality: Municipality) -> QuerySet:
    """Annotate ``is_service`` and ``reaches_home`` (a supplier of the product serves ``municipality``)."""
    StockRecord = get_model("partner", "StockRecord")
    serving = StockRecord._default_manager.filter(
        product=OuterRef("pk"), partner__served_municipalities=municipality
    )
    return products.annotate(
        is_service=ExpressionWrapper(_services_q(), output_field=BooleanField()),
        reaches_home=Exists(serving),
    )


def products_reaching(*, products: QuerySet, municipality: Municipality) -> QuerySet:
    """Only services whose supplier reaches ``municipality``."""
    StockRecord = get_model("partner", "StockRecord")
    serving = StockRecord._default_manager.filter(
        product=OuterRef("pk"), partner__served_municipalities=municipality
    )
    return products.filter(_services_q()).filter(Exists(serving))


def distance_band_counts(*, products: QuerySet, home: Municipality) -> tuple[int, dict[int, int]]:
    """How many ``products`` in all, and within each "entro N km" band of ``home``: one query."""
    annotated = products_with_distance(products=products.order_by(), home=home)
    aggregates = {f"b{km}": Count("pk", filter=Q(distance_km__lte=km)) for km in DISTANCE_CHOICES_KM}
    counts = annotated.aggregate(total=Count("pk"), **aggregates)
    return counts["total"], {km: counts[f"b{km}"] for km in DISTANCE_CHOICES_KM}


def distance_band_counts_from_origins(*, origin_counts: dict[str, int], home: Municipality) -> dict[int, int]:
    """Band counts from counts per place of origin (a search facet), with one query on the table."""
    km_by_origin = dict(
        MunicipalityDistance.objects.filter(home=home, origin_id__in=list(origin_counts)).values_list(
            "origin_id", "km"
        )
    )
    return {
        band: sum(
            n for code, n in origin_counts.items() if code in km_by_origin and km_by_origin[code] <= band
        )
        for band in DISTANCE_CHOICES_KM
    }


def partner_point(*, partner) -> tuple[Decimal, Decimal] | None:
    """The supplier's exact coordinates when given, else its seat's point."""
    if partner.lat is not None and partner.lon is not None:
        return partner.lat, partner.lon
    if partner.seat_id:
        return partner.seat.lat, partner.seat.lon
    return None


def partner_distance_km(*, partner, home: Municipality) -> Decimal | None:
    point = partner_point(partner=partner)
    if point is None:
        return None
    return distance_km(point[0], point[1], home.lat, home.lon)


def partner_reaches(*, partner, municipality: Municipality) -> bool:
    return partner.served_municipalities.filter(pk=municipality.pk).exists()


@dataclass(frozen=True)
class PurchaseDistance:
    km: Decimal | None
    origin: Municipality | None
    reference: Municipality | None


# Asked by every basket line and order line written: compiled once (shop/core/compiled.py).
_DISTANCE_SQL = CompiledOnce(
    "municipality-distance",
    lambda origin_id, home_id: (
        MunicipalityDistance.objects.filter(origin_id=origin_id, home_id=home_id)
        .order_by("pk")
        .values_list("km", flat=True)[:1]
    ),
)


def purchase_distance(*, product, user) -> PurchaseDistance:
    """The distance a basket or order line records: from the product's origin to the buyer's point."""
    reference = buyer_reference_point(user=user)
    home = reference.municipality if reference else None
    origin = product.origin
    if origin is None or home is None:
        return PurchaseDistance(km=None, origin=origin, reference=home)
    km = _DISTANCE_SQL.first(origin.pk, home.pk)
    if km is None:
        km = distance_km(origin.lat, origin.lon, home.lat, home.lon)
    return PurchaseDistance(km=km, origin=origin, reference=home)


def products_for_listing(*, products: QuerySet) -> QuerySet:
    """What a product card reads, fetched in a constant number of queries whatever the page size."""
    from django.db.models import Prefetch

    StockRecord = get_model("partner", "StockRecord")
    ProductImage = get_model("catalogue", "ProductImage")
    Option = get_model("catalogue", "Option")
    # Oscar's has_options reads these two annotations instead of querying per product.
    products = products.annotate(
        has_product_class_options=Exists(
            Option._default_manager.filter(productclass=OuterRef("product_class"))
        ),
        has_product_options=Exists(Option._default_manager.filter(product=OuterRef("pk"))),
    )
    # Listings hold standalone and parent products only: no parent to join.
    return products.select_related("product_class", "origin").prefetch_related(
        Prefetch("stockrecords", queryset=StockRecord._default_manager.select_related("partner")),
        Prefetch("images", queryset=ProductImage._default_manager.order_by("display_order", "pk")),
    )


def services_reaching_count(*, municipalities) -> dict[str, int]:
    """How many public services reach each municipality (a supplier of theirs serves it), one query."""
    Product = get_model("catalogue", "Product")
    codes = [m.pk for m in municipalities]
    rows = (
        Product._default_manager.browsable()
        .filter(_services_q(), stockrecords__partner__served_municipalities__in=codes)
        .values("stockrecords__partner__served_municipalities")
        .annotate(n=Count("pk", distinct=True))
    )
    counts = dict.fromkeys(codes, 0)
    counts.update({row["stockrecords__partner__served_municipalities"]: row["n"] for row in rows})
    return counts


@dataclass(frozen=True)
class SpendingRow:
    municipality: Municipality
    total: Decimal
    km0: Decimal
    lines: int
    average_km: Decimal | None

    @property
    def share(self) -> Decimal | None:
        """Km-0 share of spending, in percent to one decimal (None without spending)."""
        from decimal import ROUND_HALF_UP

        if not self.total:
            return None
        return (self.km0 * 100 / self.total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def km0_spending_by_municipality() -> dict[str, SpendingRow]:
    """Spending per buyer's home municipality and its km-0 part, from the distances recorded on order lines.

    Aggregates only: no person-level purchase leaves this selector.
    """
    from django.db.models import Avg, Sum

    OrderLine = get_model("order", "Line")
    radius = km0_radius_km()
    rows = (
        OrderLine._default_manager.exclude(reference_municipality=None)
        .values("reference_municipality")
        .annotate(
            total=Sum("line_price_incl_tax"),
            km0=Sum("line_price_incl_tax", filter=Q(distance_km__lte=radius)),
            lines=Count("pk"),
            average_km=Avg("distance_km"),
        )
    )
    places = Municipality.objects.in_bulk([row["reference_municipality"] for row in rows])
    return {
        row["reference_municipality"]: SpendingRow(
            municipality=places[row["reference_municipality"]],
            total=row["total"] or Decimal("0"),
            km0=row["km0"] or Decimal("0"),
            lines=row["lines"],
            average_km=Decimal(row["average_km"]).quantize(Decimal("0.1"))
            if row["average_km"] is not None
            else None,
        )
        for row in rows
    }
