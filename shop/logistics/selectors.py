"""Reads of the logistics app, one per audience.

* operators (``logistics.manage_rounds``): rounds, boxes, pick lists, routes, figures;
* the packing station: only the open work session's own box;
* buyers: the delivery state of their own orders;
* reports: inclusion figures per pseudonymous trainee code, never a name.
"""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from oscar.core.loading import get_model

from shop.core.access import is_sfa_operator, is_sfa_trainee
from shop.core.compiled import CompiledOnce
from shop.km0.selectors import home_of_user
from shop.logistics import pictograms
from shop.logistics.models import (
    Box,
    BoxItem,
    ItemGuide,
    PictogramRule,
    Round,
    TraineeCode,
    WorkSession,
    Zone,
)
from shop.logistics.rules import Stop, route_nearest_neighbour
from shop.territory.models import Municipality
from shop.welfare.selectors import is_credit_source


def delivered_lines(*, order):
    """The order's lines that travel in a box (their product class requires shipping), but
    not a line cancelled before its order got a box."""
    return _delivered(order.lines.all())


def _delivered(lines):
    return (
        lines.filter(
            Q(product__product_class__requires_shipping=True)
            | Q(product__parent__product_class__requires_shipping=True)
        )
        .exclude(status="Annullato")
        .order_by("pk")
    )


# Read as each order is placed (services.box_assign): compiled once (shop/core/compiled.py).
DELIVERED_LINES_SQL = CompiledOnce(
    "delivered-lines",
    lambda order_id: _delivered(get_model("order", "Line")._default_manager.filter(order_id=order_id)),
)


def lines_in_sfa_boxes(*, lines) -> set[int]:
    """Ids of the lines the SFA round carries (they have a box item)."""
    return set(BoxItem.objects.filter(line__in=lines).values_list("line_id", flat=True))


def line_box_packing_started(*, line) -> bool:
    """Whether the line's box is already in a trainee's hands, packed or delivered."""
    return BoxItem.objects.filter(line=line).exclude(box__status=Box.Status.TO_PACK).exists()


# --- Operators -----------------------------------------------------------------------------


def rounds_for_operator(*, user, upcoming_only: bool = False) -> QuerySet[Round]:
    if not is_sfa_operator(user):
        return Round.objects.none()
    rounds = Round.objects.select_related("zone").annotate(
        box_count=Count("boxes", distinct=True),
        packed_count=Count(
            "boxes",
            filter=Q(boxes__status__in=[Box.Status.PACKED, Box.Status.DELIVERED, Box.Status.NOT_HOME]),
            distinct=True,
        ),
    )
    if upcoming_only:
        rounds = rounds.exclude(status=Round.Status.DONE)
    return rounds.order_by("delivery_date", "zone__name")


def round_boxes(*, round: Round) -> QuerySet[Box]:
    return (
        round.boxes.select_related(
            "order", "order__user", "order__shipping_address", "municipality", "session__trainee"
        )
        .annotate(
            item_count=Count("items", distinct=True),
            missing_count=Count("items", filter=Q(items__status=BoxItem.Status.MISSING), distinct=True),
            handled_count=Count("items", filter=~Q(items__status=BoxItem.Status.TO_DO), distinct=True),
        )
        .order_by("pk")
    )


@dataclass
class PickRow:
    product_title: str
    upc: str
    quantity: int


@dataclass
class SupplierPick:
    supplier: str
    rows: list[PickRow] = field(default_factory=list)

    @property
    def total_units(self) -> int:
        return sum(row.quantity for row in self.rows)


def round_pick_list(*, round: Round) -> list[SupplierPick]:
    """What to collect from whom for a round: units per product, grouped by supplier."""
    totals: dict[tuple[str, str, str], int] = defaultdict(int)
    lines = BoxItem.objects.filter(box__round=round).values_list(
        "line__partner_name", "line__title", "line__upc", "line__quantity"
    )
    for supplier, title, upc, quantity in lines:
        totals[(supplier or "", title, upc or "")] += quantity
    picks: dict[str, SupplierPick] = {}
    for (supplier, title, upc), quantity in sorted(totals.items()):
        picks.setdefault(supplier, SupplierPick(supplier=supplier)).rows.append(
            PickRow(product_title=title, upc=upc, quantity=quantity)
        )
    return list(picks.values())


def logistics_hub() -> Municipality | None:
    return Municipality.objects.filter(istat_code=settings.SHOP_LOGISTICS_HUB_ISTAT).first()


def round_route(*, round: Round) -> list[Stop]:
    """The round's municipalities in visiting order from the hub (nearest neighbour first)."""
    hub = logistics_hub()
    places = list(Municipality.objects.filter(pk__in=round.boxes.values("municipality")).order_by("name"))
    if hub is None:
        return [Stop(place=place, leg_km=Decimal("0.0"), total_km=Decimal("0.0")) for place in places]
    return route_nearest_neighbour(hub=hub, places=places)


@dataclass
class SheetRow:
    stop: int
    box: Box
    to_collect: Decimal


def _to_collect(order) -> Decimal:
    """What the driver collects at the door: the non-credit sources still owed, less refunds."""
    total = Decimal("0.00")
    for source in order.sources.all():
        if not is_credit_source(source):
            total += source.amount_allocated - source.amount_debited - source.amount_refunded
    return max(total, Decimal("0.00"))


def round_delivery_sheet(*, round: Round) -> list[SheetRow]:
    """Boxes in route order with the stop number and the amount to collect."""
    order_of = {stop.place.pk: index for index, stop in enumerate(round_route(round=round), start=1)}
    boxes = (
        round.boxes.select_related("order", "order__shipping_address", "order__user", "municipality")
        .prefetch_related("order__sources__source_type")
        .order_by("pk")
    )
    rows = [
        SheetRow(stop=order_of.get(box.municipality_id, 0), box=box, to_collect=_to_collect(box.order))
        for box in boxes
    ]
    return sorted(rows, key=lambda row: (row.stop, row.box.pk))


@dataclass
class SessionActivity:
    session: WorkSession
    box: Box | None
    handled: int
    items: int


def packing_overview(*, user) -> dict:
    """Who is packing what now, boxes done and items missing in the rounds not yet delivered."""
    if not is_sfa_operator(user):
        return {"sessions": [], "missing": BoxItem.objects.none(), "packed": 0, "to_pack": 0}
    sessions = []
    for session in WorkSession.objects.filter(ended_at=None).select_related("trainee").order_by("started_at"):
        box = (
            Box.objects.filter(session=session, status=Box.Status.PACKING)
            .select_related("order", "round__zone")
            .first()
        )
        counts = (
            box.items.aggregate(
                items=Count("pk"), handled=Count("pk", filter=~Q(status=BoxItem.Status.TO_DO))
            )
            if box
            else {}
        )
        sessions.append(
            SessionActivity(
                session=session, box=box, handled=counts.get("handled", 0), items=counts.get("items", 0)
            )
        )
    active = Box.objects.exclude(round__status=Round.Status.DONE)
    missing = (
        BoxItem.objects.filter(status=BoxItem.Status.MISSING, box__in=active)
        .select_related("line", "box__order", "box__round__zone", "handled_by")
        .order_by("-handled_at")
    )
    return {
        "sessions": sessions,
        "missing": missing,
        "packed": active.filter(
            status__in=[Box.Status.PACKED, Box.Status.DELIVERED, Box.Status.NOT_HOME]
        ).count(),
        "to_pack": active.filter(status__in=[Box.Status.TO_PACK, Box.Status.PACKING]).count(),
    }


def trainee_codes_for_operator(*, user) -> QuerySet[TraineeCode]:
    if not is_sfa_operator(user):
        return TraineeCode.objects.none()
    return TraineeCode.objects.filter(is_active=True).order_by("code")


def open_sessions_for_operator(*, user) -> QuerySet[WorkSession]:
    if not is_sfa_operator(user):
        return WorkSession.objects.none()
    return WorkSession.objects.filter(ended_at=None).select_related("trainee").order_by("started_at")


def zones() -> QuerySet[Zone]:
    return Zone.objects.prefetch_related("municipalities").order_by("name")


# --- Inclusion figures ---------------------------------------------------------------------


@dataclass
class TraineeFigures:
    code: str
    sessions: int = 0
    minutes: int = 0
    boxes_packed: int = 0
    boxes_delivered: int = 0
    items_handled: int = 0
    items_missing: int = 0
    steps_undone: int = 0


def inclusion_figures(
    *, since: datetime.date | None = None, until: datetime.date | None = None
) -> list[TraineeFigures]:
    """Work done per trainee code between two days (inclusive): the only personal view is the code.

    Sessions and minutes from work sessions started in the period; boxes packed, boxes
    delivered and items handled from the steps recorded in the period.
    """
    tz = timezone.get_current_timezone()

    def period(field_name: str) -> Q:
        q = Q()
        if since:
            q &= Q(**{f"{field_name}__gte": datetime.datetime.combine(since, datetime.time.min, tzinfo=tz)})
        if until:
            q &= Q(
                **{
                    f"{field_name}__lt": datetime.datetime.combine(
                        until + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
                    )
                }
            )
        return q

    figures = {code: TraineeFigures(code=code) for code in TraineeCode.objects.values_list("code", flat=True)}
    now = timezone.now()
    for code, started, ended in WorkSession.objects.filter(period("started_at")).values_list(
        "trainee__code", "started_at", "ended_at"
    ):
        figures[code].sessions += 1
        figures[code].minutes += int(((ended or now) - started).total_seconds() // 60)
    for row in (
        WorkSession.objects.filter(period("started_at")).values("trainee__code").annotate(n=Sum("undo_count"))
    ):
        figures[row["trainee__code"]].steps_undone = row["n"] or 0
    for row in (
        Box.objects.filter(period("packed_at"), session__isnull=False)
        .values("session__trainee__code")
        .annotate(n=Count("pk"))
    ):
        figures[row["session__trainee__code"]].boxes_packed = row["n"]
    for row in (
        Box.objects.filter(period("delivered_at"), delivered_by__isnull=False, status=Box.Status.DELIVERED)
        .values("delivered_by__code")
        .annotate(n=Count("pk"))
    ):
        figures[row["delivered_by__code"]].boxes_delivered = row["n"]
    for row in (
        BoxItem.objects.filter(period("handled_at"), handled_by__isnull=False)
        .values("handled_by__code")
        .annotate(n=Count("pk"), missing=Count("pk", filter=Q(status=BoxItem.Status.MISSING)))
    ):
        figures[row["handled_by__code"]].items_handled = row["n"]
        figures[row["handled_by__code"]].items_missing = row["missing"]
    return [
        f for f in figures.values() if f.sessions or f.boxes_packed or f.items_handled or f.boxes_delivered
    ]


# --- Packing station -----------------------------------------------------------------------


def open_session_for(*, user) -> WorkSession | None:
    """The open work session of the trainee logged in on this station (None: not a trainee at work)."""
    if not is_sfa_trainee(user):
        return None
    return WorkSession.objects.filter(trainee__user=user, ended_at=None).select_related("trainee").first()


def pictogram_rules() -> list[PictogramRule]:
    return list(PictogramRule.objects.order_by("position", "pk"))


def _title_words(title: str) -> list[str]:
    return re.findall(r"\w+", title.lower())


def product_pictogram(*, product, rules: list[PictogramRule] | None = None) -> str:
    """The pictogram key of a product: its packing guide's own, else the first matching rule.

    A variant without rules of its own uses its parent's title words, categories and type too.
    """
    if product is None:
        return pictograms.PACKAGE
    guides = {
        g.product_id: g.pictogram
        for g in ItemGuide.objects.filter(product_id__in=[product.pk, product.parent_id])
    }
    own = guides.get(product.pk) or guides.get(product.parent_id)
    if own:
        return own
    rules = pictogram_rules() if rules is None else rules
    owners = [product] + ([product.parent] if product.parent_id else [])
    words = [w for p in owners for w in _title_words(p.title)]
    category_ids: set[int] | None = None
    class_ids = {p.product_class_id for p in owners if p.product_class_id}
    for rule in rules:
        if rule.title_word and not any(w.startswith(rule.title_word) for w in words):
            continue
        if rule.product_class_id and rule.product_class_id not in class_ids:
            continue
        if rule.category_id:
            if category_ids is None:
                category_ids = {
                    c.pk
                    for p in owners
                    for category in p.categories.all()
                    for c in category.get_ancestors_and_self()
                }
            if rule.category_id not in category_ids:
                continue
        return rule.pictogram
    return pictograms.PACKAGE


# Words that never tell two products apart ("Miele *di* castagno").
_FILLER = {
    "a",
    "al",
    "all",
    "alla",
    "con",
    "d",
    "da",
    "dal",
    "de",
    "dei",
    "del",
    "della",
    "delle",
    "di",
    "e",
    "ed",
    "il",
    "in",
    "l",
    "la",
    "le",
    "lo",
    "per",
    "su",
    "sul",
    "un",
    "una",
}
# Colour bands that tell look-alikes apart (station.css, .station-band-1 …): white text passes
# 4.5:1 on each; no green or red, which the station keeps for «Done» and «Missing».
BAND_COUNT = 6


@dataclass
class StationItem:
    item: BoxItem
    name: str
    pictogram: str
    image: object | None  # a ProductImage, or None for the pictogram
    full_name: str = ""
    differs: str = ""  # the word that tells it from a look-alike in the same box
    band: int = 0  # its colour band (1…BAND_COUNT) when it has look-alikes, else 0
    lookalikes: int = 0  # how many lines of the box look like it, itself included

    @property
    def pictogram_url(self) -> str:
        return pictograms.pictogram_url(self.pictogram)

    @property
    def pictogram_label(self) -> str:
        return pictograms.pictogram_label(self.pictogram)


def station_current_box(*, session: WorkSession | None) -> Box | None:
    """The box the session is packing now (None: no session, or between boxes)."""
    if session is None:
        return None
    return Box.objects.filter(session=session, status=Box.Status.PACKING).first()


def station_item(item: BoxItem, *, rules: list[PictogramRule] | None = None) -> StationItem:
    product = item.line.product
    guide = ItemGuide.objects.filter(product=product).first() if product else None
    if guide is None and product is not None and product.parent_id:
        guide = ItemGuide.objects.filter(product_id=product.parent_id).first()
    image = product.primary_image() if product is not None else None
    if image is not None and (
        isinstance(image, dict) or getattr(image, "is_missing", False) or not getattr(image, "original", None)
    ):
        image = None
    return StationItem(
        item=item,
        name=(guide.easy_name if guide and guide.easy_name else item.line.title),
        full_name=item.line.title,
        pictogram=product_pictogram(product=product, rules=rules),
        image=image,
    )


def _word_that_differs(title: str, others: list[str]) -> str:
    """The first word of ``title`` found in none of ``others`` («castagno»), a number with its unit."""
    other_words = {w for other in others for w in _title_words(other)}
    words = _title_words(title)
    for index, word in enumerate(words):
        if word in _FILLER or word in other_words:
            continue
        if word.isdigit() and index + 1 < len(words):
            return f"{word} {words[index + 1]}"
        return word
    return ""


def station_mark_lookalikes(entries: list[StationItem]) -> None:
    """Lines of one box that share a pictogram or the first word of their name are look-alikes.

    Each gets the word of its title that the others lack, a colour band of its own and the
    number of look-alikes, so the trainee tells «castagno» from «millefiori».
    """

    def first_word(entry: StationItem) -> str:
        words = _title_words(entry.name)
        return words[0] if words else ""

    groups: list[list[StationItem]] = []
    for entry in entries:
        group = next(
            (
                g
                for g in groups
                if any(o.pictogram == entry.pictogram or first_word(o) == first_word(entry) for o in g)
            ),
            None,
        )
        if group is None:
            groups.append([entry])
        else:
            group.append(entry)
    band = 0
    for group in groups:
        if len(group) < 2:
            continue
        for entry in group:
            entry.differs = _word_that_differs(
                entry.full_name, [o.full_name for o in group if o is not entry]
            )
            entry.band = band % BAND_COUNT + 1
            entry.lookalikes = len(group)
            band += 1


def station_box_state(*, box: Box) -> dict:
    items = list(box.items.select_related("line__product__parent").order_by("pk"))
    rules = pictogram_rules()
    entries = [station_item(item, rules=rules) for item in items]
    station_mark_lookalikes(entries)
    handled = [entry for entry in entries if entry.item.status != BoxItem.Status.TO_DO]
    current = next((entry for entry in entries if entry.item.status == BoxItem.Status.TO_DO), None)
    return {
        "box": box,
        "items": entries,
        "current": current,
        "position": len(handled) + 1,
        "total": len(entries),
        "handled": len(handled),
        "can_undo": bool(handled),
    }


@dataclass
class SessionFigures:
    session: WorkSession
    minutes: int
    boxes_packed: int
    items_done: int
    items_missing: int

    @property
    def steps_undone(self) -> int:
        return self.session.undo_count


def session_figures(*, user, since: datetime.date, until: datetime.date) -> list[SessionFigures]:
    """Per work session (operators only): boxes and items packed, mistakes corrected with undo.

    Items count when the trainee handled them between the session's start and end.
    """
    if not is_sfa_operator(user):
        return []
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(since, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(until + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    sessions = (
        WorkSession.objects.filter(started_at__gte=start, started_at__lt=end)
        .select_related("trainee")
        .annotate(packed=Count("boxes", filter=Q(boxes__packed_at__isnull=False)))
        .order_by("-started_at")
    )
    now = timezone.now()
    rows = []
    for session in sessions:
        counts = BoxItem.objects.filter(
            handled_by=session.trainee_id,
            handled_at__gte=session.started_at,
            handled_at__lte=session.ended_at or now,
        ).aggregate(
            done=Count("pk", filter=Q(status=BoxItem.Status.DONE)),
            missing=Count("pk", filter=Q(status=BoxItem.Status.MISSING)),
        )
        rows.append(
            SessionFigures(
                session=session,
                minutes=int(((session.ended_at or now) - session.started_at).total_seconds() // 60),
                boxes_packed=session.packed,
                items_done=counts["done"],
                items_missing=counts["missing"],
            )
        )
    return rows


# --- Delivery (operators, and trainees in a work session) ---------------------------------

DELIVERABLE = [Round.Status.PACKING, Round.Status.PACKED, Round.Status.DONE]


def rounds_for_delivery(*, upcoming_only: bool = False) -> QuerySet[Round]:
    rounds = Round.objects.select_related("zone").filter(status__in=DELIVERABLE)
    if upcoming_only:
        rounds = rounds.filter(
            status__in=[Round.Status.PACKING, Round.Status.PACKED], delivery_date__gte=timezone.localdate()
        )
    return rounds.order_by("delivery_date", "zone__name")


def boxes_for_delivery() -> QuerySet[Box]:
    return Box.objects.select_related("round", "order").filter(round__status__in=DELIVERABLE)


# --- Buyers --------------------------------------------------------------------------------


def boxes_for_buyer(*, user) -> QuerySet[Box]:
    if not getattr(user, "is_authenticated", False):
        return Box.objects.none()
    return (
        Box.objects.filter(order__user=user)
        .select_related("order", "round__zone")
        .order_by("-round__delivery_date")
    )


def box_for_buyer_order(*, user, order) -> Box | None:
    if order is None or not getattr(user, "is_authenticated", False) or order.user_id != user.pk:
        return None
    return Box.objects.filter(order=order).select_related("round__zone").first()


def order_delivery_municipality(*, order) -> Municipality | None:
    """Where the box goes: the shipping address's town if known to the territory, else the buyer's home."""
    address = order.shipping_address
    if address is not None and address.line4:
        found = Municipality.objects.filter(name__iexact=address.line4.strip()).exclude(area="").first()
        if found is not None:
            return found
    line = order.lines.exclude(reference_municipality=None).select_related("reference_municipality").first()
    if line is not None and line.reference_municipality.area:
        return line.reference_municipality
    return home_of_user(user=order.user) if order.user_id else None
