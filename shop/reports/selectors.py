"""Every figure of the reports, computed once, as aggregate queries, for each audience.

A figure is a :class:`Table` (columns and rows of plain values); the dashboard page, the HR
page, the CSV and XLSX exports and the funder PDF all render the same Table, so a number can
never differ between a page and its export.

Scoping: the manager sees every employer; an HR contact only the employees of an employer
returned by ``employers_for_hr`` and only as aggregates, with every row describing fewer than
``MIN_GROUP_SIZE`` people shown as "< 5" (``shop.core.privacy.suppress``). When a row
is suppressed the table has no total, so the hidden figure cannot be worked out by difference.

Spending counts order lines of orders placed in the period, except orders and lines that were
cancelled or refunded (``SHOP_WELFARE_RETURN_STATUSES``); amounts are VAT included. The
municipality of a line is the buyer's home recorded on the line when it was bought, and its
area is that municipality's social-services area.
"""

import datetime
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import connection, transaction
from django.db.models import (
    Avg,
    Case,
    Count,
    DecimalField,
    IntegerField,
    Max,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from shop.core.money import MoneySum, round_money
from shop.core.privacy import MIN_GROUP_SIZE, suppress
from shop.eligibility.models import Employee, Employer
from shop.eligibility.selectors import employers_for_hr
from shop.km0.selectors import km0_radius_km
from shop.logistics.selectors import inclusion_figures
from shop.needs.selectors import active_needs, need_products_q, needs_coverage, services_q
from shop.territory import maps

ZERO = Decimal("0.00")
MONEY = DecimalField(max_digits=14, decimal_places=2)
SUPPRESSED = f"< {MIN_GROUP_SIZE}"


# --- Tables -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "text"  # text, money, int, km, percent


@dataclass
class Chart:
    kind: str  # "bar" or "line"
    label_key: str
    value_key: str


@dataclass
class Table:
    slug: str
    title: str
    columns: list[Column]
    rows: list[dict] = field(default_factory=list)
    total: dict | None = None
    chart: Chart | None = None
    note: str = ""
    # Set by ``_finish`` for HR: the count that decides suppression and the columns hidden with it.
    private: tuple[str, ...] = ()

    @property
    def suppressed(self) -> bool:
        return any(SUPPRESSED in row.values() for row in self.rows)

    def hide_row(self, row: dict) -> None:
        for key in self.private:
            row[key] = SUPPRESSED

    def as_lists(self) -> tuple[list[str], list[list]]:
        """Header and rows (total last) as plain values: what every export writes."""
        rows = [[row.get(c.key, "") for c in self.columns] for row in self.rows]
        if self.total:
            rows.append([self.total.get(c.key, "") for c in self.columns])
        return [str(c.label) for c in self.columns], rows


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date  # inclusive

    @property
    def start_dt(self) -> datetime.datetime:
        return datetime.datetime.combine(
            self.start, datetime.time.min, tzinfo=timezone.get_current_timezone()
        )

    @property
    def end_dt(self) -> datetime.datetime:
        """The first instant after the period (exclusive bound)."""
        return datetime.datetime.combine(
            self.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=timezone.get_current_timezone()
        )

    def __str__(self) -> str:
        return (
            f"{date_format(self.start, 'SHORT_DATE_FORMAT')} – {date_format(self.end, 'SHORT_DATE_FORMAT')}"
        )

    @property
    def is_whole(self) -> bool:
        """A whole calendar month, quarter or year: the only periods HR contacts get.

        Free date ranges would let two reports a day apart be subtracted to isolate fewer
        than MIN_GROUP_SIZE people.
        """
        if self.start.day != 1 or self.start.year != self.end.year:
            return False
        after = self.end + datetime.timedelta(days=1)
        if after.day != 1:
            return False
        months = (after.year - self.start.year) * 12 + after.month - self.start.month
        return (
            months == 1
            or (months == 3 and self.start.month % 3 == 1)
            or (months == 12 and self.start.month == 1)
        )

    def months(self) -> list["Period"]:
        """The calendar months of a whole period, in order."""
        months, start = [], self.start
        while start <= self.end:
            after = (start.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
            months.append(Period(start=start, end=min(after - datetime.timedelta(days=1), self.end)))
            start = after
        return months


def whole_year(*, today: datetime.date | None = None) -> Period:
    """The current calendar year, 1 January to 31 December: HR's default period."""
    today = today or timezone.localdate()
    return Period(start=datetime.date(today.year, 1, 1), end=datetime.date(today.year, 12, 31))


def default_period(*, today: datetime.date | None = None) -> Period:
    """The current calendar year up to today."""
    today = today or timezone.localdate()
    return Period(start=datetime.date(today.year, 1, 1), end=today)


@dataclass(frozen=True)
class Scope:
    """Whose figures: every employer (manager, funder) or one employer's employees (HR)."""

    period: Period
    area: str = ""  # "" = both areas
    employer: Employer | None = None

    @property
    def suppressing(self) -> bool:
        return self.employer is not None


def scope_for_manager(*, period: Period, area: str = "") -> Scope:
    return Scope(period=period, area=area)


def scope_for_hr(*, user, employer_id: int, period: Period) -> Scope:
    """The employer's scope if ``user`` is one of its HR contacts; 404 otherwise (no leak of existence).

    Only whole months, quarters or years (``Period.is_whole``): anything else is refused. Both
    areas always: one area's figures subtracted from both areas' would give the other's.
    """
    employer = employers_for_hr(user=user).filter(pk=employer_id).first()
    if employer is None:
        raise Http404
    if not period.is_whole:
        raise ValueError("HR reports cover whole months, quarters or years only")
    return Scope(period=period, employer=employer)


# --- Base querysets -----------------------------------------------------------------------


def _returned_statuses() -> tuple[str, ...]:
    return tuple(getattr(settings, "SHOP_WELFARE_RETURN_STATUSES", ()))


def _lines(scope: Scope, *, period: bool = True) -> QuerySet:
    """Order lines that count as spending in ``scope`` (no rows loaded: a queryset to aggregate)."""
    Line = get_model("order", "Line")
    returned = _returned_statuses()
    lines = Line._default_manager.exclude(order__status__in=returned).exclude(status__in=returned)
    if period:
        lines = lines.filter(
            order__date_placed__gte=scope.period.start_dt, order__date_placed__lt=scope.period.end_dt
        )
    if scope.area:
        lines = lines.filter(reference_municipality__area=scope.area)
    if scope.employer is not None:
        lines = lines.filter(
            order__user__in=Employee.objects.filter(employer=scope.employer, user__isnull=False).values(
                "user"
            )
        )
    return lines.order_by()


def _money(expr, **filters):
    return MoneySum(expr, filter=Q(**filters) if filters else None)


def _spending_aggregates():
    return {
        "amount": _money("line_price_incl_tax"),
        "lines": Count("pk"),
        "people": Count("order__user", distinct=True),
    }


def _share(part: Decimal, whole: Decimal) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _finish(table: Table, scope: Scope, *, count_key: str = "people", hide: tuple[str, ...] = ()) -> Table:
    """Suppress rows under MIN_GROUP_SIZE people for HR, and drop the total if any row was hidden.

    ``hide`` lists the other columns blanked with the count (amounts of a small group).
    """
    if not scope.suppressing:
        return table
    table.private = (count_key, *hide)
    for row in [*table.rows, *([table.total] if table.total else [])]:
        count = row.get(count_key)
        if isinstance(count, int) and suppress(count) != count:
            table.hide_row(row)
    if table.suppressed:
        table.total = None
    return table


def spending_totals(*, scope: Scope) -> dict:
    """Spending, lines and distinct buyers of the whole scope: the total row of every spending table."""
    return _lines(scope).aggregate(**_spending_aggregates())


def _spending_table(
    *, scope: Scope, slug: str, title: str, label: str, rows: list[dict], chart_kind="bar", totals=None
):
    columns = [
        Column("label", label),
        Column("amount", _("Spending (€)"), "money"),
        Column("lines", _("Order lines"), "int"),
        Column("people", _("Buyers"), "int"),
    ]
    total = None
    if rows:
        total = {"label": _("Total"), **(totals if totals is not None else spending_totals(scope=scope))}
    table = Table(
        slug=slug,
        title=title,
        columns=columns,
        rows=rows,
        total=total,
        chart=Chart(kind=chart_kind, label_key="label", value_key="amount"),
    )
    return _finish(table, scope, hide=("amount", "lines"))


# --- Spending -----------------------------------------------------------------------------


def spending_by_category(*, scope: Scope, totals: dict | None = None) -> Table:
    """Spending per top-level category; a product in several counts once, in its first root by tree order.

    Products are few (not orders), so the product → root map is read first and turned into one
    CASE expression; the lines are then grouped by it in the database.
    """
    Category = get_model("catalogue", "Category")
    ProductCategory = get_model("catalogue", "ProductCategory")
    steplen = Category.steplen
    root_of_product: dict[int, str] = {}
    for product_id, path in ProductCategory._default_manager.order_by(
        "product_id", "category__path"
    ).values_list("product_id", "category__path"):
        root_of_product.setdefault(product_id, path[:steplen])
    products_by_root: dict[str, list[int]] = {}
    for product_id, root in root_of_product.items():
        products_by_root.setdefault(root, []).append(product_id)
    roots = {c.path: c for c in Category._default_manager.filter(depth=1)}
    ordered = sorted(products_by_root)
    whens = [
        When(Q(product_id__in=ids) | Q(product__parent_id__in=ids), then=Value(index))
        for index, ids in ((ordered.index(root), ids) for root, ids in products_by_root.items())
    ]
    lines = _lines(scope).annotate(
        root=Case(*whens, default=Value(-1), output_field=IntegerField()) if whens else Value(-1)
    )
    rows = []
    for row in lines.values("root").annotate(**_spending_aggregates()).order_by("-amount"):
        index = row.pop("root")
        category = roots.get(ordered[index]) if index >= 0 else None
        rows.append({"label": category.name if category else _("No category"), **row})
    return _spending_table(
        scope=scope,
        totals=totals,
        slug="spending-category",
        title=_("Spending by category"),
        label=_("Category"),
        rows=rows,
    )


def _rows_by(lines, *, key: str, label: str, unknown: str, **label_aggregate) -> list[dict]:
    """Spending of ``lines`` per value of ``key``, most first, each row named by the field
    ``label`` or, when given, by the aggregate ``label_aggregate`` (``unknown`` if empty)."""
    grouped = lines.values(key) if label_aggregate else lines.values(key, label)
    return [
        {"label": row.pop(label) or unknown, **{k: v for k, v in row.items() if k != key}}
        for row in grouped.annotate(**label_aggregate, **_spending_aggregates()).order_by("-amount")
    ]


def spending_by_supplier(*, scope: Scope, totals: dict | None = None) -> Table:
    # One row per supplier, named as its order lines recorded it.
    rows = _rows_by(
        _lines(scope),
        key="partner_id",
        label="name",
        unknown=_("Unknown supplier"),
        name=Max("partner_name"),
    )
    return _spending_table(
        scope=scope,
        totals=totals,
        slug="spending-supplier",
        title=_("Spending by supplier"),
        label=_("Supplier"),
        rows=rows,
    )


def spending_by_municipality(*, scope: Scope, totals: dict | None = None) -> Table:
    rows = _rows_by(
        _lines(scope),
        key="reference_municipality",
        label="reference_municipality__name",
        unknown=_("Unknown municipality"),
    )
    return _spending_table(
        scope=scope,
        totals=totals,
        slug="spending-municipality",
        title=_("Spending by the buyer's home municipality"),
        label=_("Municipality"),
        rows=rows,
    )


def spending_by_month(*, scope: Scope, totals: dict | None = None) -> Table:
    rows = []
    for row in (
        _lines(scope)
        .annotate(month=TruncMonth("order__date_placed"))
        .values("month")
        .annotate(**_spending_aggregates())
        .order_by("month")
    ):
        month = row.pop("month")
        rows.append(
            {"label": date_format(month, "YEAR_MONTH_FORMAT") if month else "", "month": month, **row}
        )
    table = _spending_table(
        scope=scope,
        totals=totals,
        slug="spending-month",
        title=_("Spending by month"),
        label=_("Month"),
        rows=rows,
        chart_kind="line",
    )
    for row in table.rows:
        row.pop("month", None)
    return table


# --- Km 0 ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Km0Figures:
    radius_km: Decimal
    amount: Decimal
    km0_amount: Decimal
    known_amount: Decimal
    lines: int
    km0_lines: int
    known_lines: int
    average_km: Decimal | None
    people: int

    @property
    def share_by_value(self) -> Decimal | None:
        return _share(self.km0_amount, self.known_amount)

    @property
    def share_by_lines(self) -> Decimal | None:
        return _share(self.km0_lines, self.known_lines)


def km0_figures(*, scope: Scope) -> Km0Figures:
    """Km-0 share of spending, by value and by lines, from the distance recorded on each line.

    The share is over the lines whose distance is known (bought with a home or the territory's
    centre to measure from); the others are counted apart.
    """
    radius = km0_radius_km()
    known = Q(distance_km__isnull=False)
    near = Q(distance_km__lte=radius)
    row = _lines(scope).aggregate(
        amount=_money("line_price_incl_tax"),
        km0_amount=MoneySum("line_price_incl_tax", filter=near),
        known_amount=MoneySum("line_price_incl_tax", filter=known),
        lines=Count("pk"),
        km0_lines=Count("pk", filter=near),
        known_lines=Count("pk", filter=known),
        average_km=Avg("distance_km"),
        people=Count("order__user", distinct=True),
    )
    average = row.pop("average_km")
    return Km0Figures(
        radius_km=Decimal(radius),
        average_km=Decimal(average).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        if average is not None
        else None,
        **row,
    )


def km0_table(*, scope: Scope) -> Table:
    figures = km0_figures(scope=scope)
    row = {
        "label": _("Within %(km)s km") % {"km": figures.radius_km},
        "amount": figures.km0_amount,
        "share_value": figures.share_by_value,
        "lines": figures.km0_lines,
        "share_lines": figures.share_by_lines,
        "average_km": figures.average_km,
        "people": figures.people,
    }
    table = Table(
        slug="km0",
        title=_("Km-0 share of spending"),
        columns=[
            Column("label", _("Radius")),
            Column("amount", _("Km-0 spending (€)"), "money"),
            Column("share_value", _("Share by value (%)"), "percent"),
            Column("lines", _("Km-0 order lines"), "int"),
            Column("share_lines", _("Share by lines (%)"), "percent"),
            Column("average_km", _("Average distance (km)"), "km"),
            Column("people", _("Buyers"), "int"),
        ],
        rows=[row] if figures.lines else [],
        note=_("Shares over the lines whose distance was recorded at purchase: %(known)s of %(lines)s lines.")
        % {"known": figures.known_lines, "lines": figures.lines},
    )
    return _finish(table, scope, hide=("amount", "share_value", "lines", "share_lines", "average_km"))


# --- Welfare credit -----------------------------------------------------------------------


def credit_by_plan(*, scope: Scope) -> Table:
    """Credit funded, spent (net of refunds) and expired in the period, and remaining at its end, per plan.

    Remaining = balance minus reservations as of the end of the period: the sums of the ledger's
    ``amount`` and ``held`` up to then. People = wallets of the plan.
    """
    LedgerEntry = get_model("welfare", "LedgerEntry")
    Kind = LedgerEntry.Kind
    period = Q(created_at__gte=scope.period.start_dt, created_at__lt=scope.period.end_dt)
    until_end = Q(created_at__lt=scope.period.end_dt)
    # Plans without any entry up to the end of the period did not exist yet for the report.
    entries = LedgerEntry.objects.filter(until_end).order_by()
    if scope.area:
        entries = entries.filter(wallet__plan__employer__area=scope.area)
    if scope.employer is not None:
        entries = entries.filter(wallet__plan__employer=scope.employer)

    def total(q):
        return MoneySum("amount", filter=q)

    rows = []
    for row in (
        entries.values(
            "wallet__plan", "wallet__plan__name", "wallet__plan__year", "wallet__plan__employer__legal_name"
        )
        .annotate(
            funded=total(period & Q(kind=Kind.FUND)),
            spent=total(period & Q(kind__in=[Kind.SPEND, Kind.REFUND])),
            expired=total(period & Q(kind=Kind.EXPIRE)),
            balance=total(until_end),
            held=MoneySum("held", filter=until_end),
            people=Count("wallet", distinct=True),
        )
        .order_by("wallet__plan__employer__legal_name", "-wallet__plan__year", "wallet__plan__name")
    ):
        rows.append(
            {
                "employer": row["wallet__plan__employer__legal_name"],
                "label": f"{row['wallet__plan__name']} {row['wallet__plan__year']}",
                "funded": row["funded"],
                "spent": -row["spent"],
                "expired": -row["expired"],
                "remaining": row["balance"] - row["held"],
                "people": row["people"],
            }
        )
    total_row = None
    if rows:
        total_row = {"employer": _("Total"), "label": ""}
        for key in ("funded", "spent", "expired", "remaining", "people"):
            total_row[key] = sum((r[key] for r in rows), 0 if key == "people" else ZERO)
    table = Table(
        slug="credit",
        title=_("Welfare credit per employer and plan"),
        columns=[
            Column("employer", _("Employer")),
            Column("label", _("Plan")),
            Column("funded", _("Funded (€)"), "money"),
            Column("spent", _("Spent (€)"), "money"),
            Column("expired", _("Expired (€)"), "money"),
            Column("remaining", _("Remaining (€)"), "money"),
            Column("people", _("Wallets"), "int"),
        ],
        rows=rows,
        total=total_row,
        chart=Chart(kind="bar", label_key="label", value_key="spent"),
        note=_("Funded, spent and expired in the period; remaining at the end of the period."),
    )
    # The funded amount is HR's own decision, so it stays visible; what people did with it does not.
    return _finish(table, scope, hide=("spent", "expired", "remaining"))


# --- Suppliers, inclusion, needs (manager and funder only) ---------------------------------


def suppliers_by_charter_status(*, scope: Scope) -> Table:
    """Suppliers per admission status; the area is the one of the supplier's seat."""
    Admission = get_model("charter", "Admission")
    admissions = Admission.objects.order_by()
    if scope.area:
        admissions = admissions.filter(partner__seat__area=scope.area)
    labels = dict(Admission.Status.choices)
    counts = dict(admissions.values_list("status").annotate(n=Count("pk")))
    rows = [{"label": str(labels[status]), "suppliers": counts.get(status, 0)} for status in labels]
    return Table(
        slug="suppliers",
        title=_("Suppliers by charter status"),
        columns=[Column("label", _("Status")), Column("suppliers", _("Suppliers"), "int")],
        rows=rows,
        total={"label": _("Total"), "suppliers": sum(counts.values())},
        chart=Chart(kind="bar", label_key="label", value_key="suppliers"),
    )


@dataclass(frozen=True)
class InclusionSummary:
    trainees: int
    sessions: int
    hours: Decimal
    boxes_packed: int
    boxes_delivered: int
    items_handled: int
    items_missing: int


def inclusion_summary(*, scope: Scope) -> InclusionSummary:
    """Totals of the packing station's figures per trainee code (``shop.logistics``) over the period."""
    figures = inclusion_figures(since=scope.period.start, until=scope.period.end)
    return InclusionSummary(
        trainees=len(figures),
        sessions=sum(f.sessions for f in figures),
        hours=(Decimal(sum(f.minutes for f in figures)) / 60).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        ),
        boxes_packed=sum(f.boxes_packed for f in figures),
        boxes_delivered=sum(f.boxes_delivered for f in figures),
        items_handled=sum(f.items_handled for f in figures),
        items_missing=sum(f.items_missing for f in figures),
    )


def inclusion_table(*, scope: Scope) -> Table:
    """Per trainee code (pseudonymous), as the packing station records it; no names exist there."""
    rows = [
        {
            "label": f.code,
            "sessions": f.sessions,
            "hours": (Decimal(f.minutes) / 60).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP),
            "boxes_packed": f.boxes_packed,
            "boxes_delivered": f.boxes_delivered,
            "items_handled": f.items_handled,
            "items_missing": f.items_missing,
        }
        for f in sorted(
            inclusion_figures(since=scope.period.start, until=scope.period.end), key=lambda f: f.code
        )
    ]
    summary = inclusion_summary(scope=scope) if rows else None
    return Table(
        slug="inclusion",
        title=_("Inclusion: work at the packing station"),
        columns=[
            Column("label", _("Trainee code")),
            Column("sessions", _("Work sessions"), "int"),
            Column("hours", _("Hours"), "km"),
            Column("boxes_packed", _("Boxes packed"), "int"),
            Column("boxes_delivered", _("Boxes delivered"), "int"),
            Column("items_handled", _("Items handled"), "int"),
            Column("items_missing", _("Items found missing"), "int"),
        ],
        rows=rows,
        total={
            "label": _("Total"),
            "sessions": summary.sessions,
            "hours": summary.hours,
            "boxes_packed": summary.boxes_packed,
            "boxes_delivered": summary.boxes_delivered,
            "items_handled": summary.items_handled,
            "items_missing": summary.items_missing,
        }
        if summary
        else None,
        chart=Chart(kind="bar", label_key="label", value_key="items_handled"),
        note=_("Trainees appear only by their code. Not filtered by area: the station serves both."),
    )


def needs_coverage_table(*, scope: Scope) -> Table | None:
    """Needs covered and not covered in each municipality (``shop.needs.selectors.needs_coverage``).

    Covered = at least one service on sale answers the need there today; the period does not apply.
    """
    coverage = needs_coverage()
    rows = []
    for municipality, counts in coverage.by_municipality():
        if scope.area and municipality.area != scope.area:
            continue
        covered = sum(1 for n in counts if n)
        rows.append(
            {
                "code": municipality.pk,
                "label": municipality.name,
                "area": municipality.area,
                "covered": covered,
                "uncovered": len(counts) - covered,
                "missing": ", ".join(
                    str(row.need) for row, n in zip(coverage.rows, counts, strict=True) if not n
                ),
            }
        )
    return Table(
        slug="needs",
        title=_("Needs covered and not covered by municipality"),
        columns=[
            Column("label", _("Municipality")),
            Column("area", _("Area")),
            Column("covered", _("Needs covered"), "int"),
            Column("uncovered", _("Needs not covered"), "int"),
            Column("missing", _("Not covered")),
        ],
        rows=rows,
        chart=Chart(kind="bar", label_key="label", value_key="uncovered"),
        note=_("Coverage today: a need is covered where at least one service on sale answers it."),
    )


def needs_map(*, table: Table, dom_id: str = "reports-needs-map"):
    """The territory map coloured by how many needs are not covered in each municipality."""
    styles = [("#e5f5e0", ""), ("#fdd0a2", "dots"), ("#f16913", "hatch"), ("#8c2d04", "cross")]
    worst = max((row["uncovered"] for row in table.rows), default=0)
    areas = {}
    for row in table.rows:
        index = 0 if not row["uncovered"] else min(3, 1 + (row["uncovered"] * 3 - 1) // max(worst, 1))
        fill, pattern = styles[index]
        areas[row["code"]] = maps.Area(
            code=row["code"],
            fill=fill,
            pattern=pattern,
            label=str(row["uncovered"]),
            title=_("%(place)s: %(count)s needs not covered")
            % {"place": row["label"], "count": row["uncovered"]},
        )
    legend = [
        maps.LegendItem(label=_("Every need covered"), fill=styles[0][0]),
        maps.LegendItem(label=_("Few needs not covered"), fill=styles[1][0], pattern=styles[1][1]),
        maps.LegendItem(label=_("Some needs not covered"), fill=styles[2][0], pattern=styles[2][1]),
        maps.LegendItem(label=_("Most needs not covered"), fill=styles[3][0], pattern=styles[3][1]),
    ]
    spec = maps.MapSpec(
        title=_("Needs not covered by municipality"),
        description=_(
            "Each municipality is labelled with the number of needs no service on sale answers there."
        ),
        areas=areas,
        context_codes=set(maps.territory_shapes()),
        legend=legend,
        dom_id=dom_id,
    )
    return spec, maps.render_map(spec)


# --- Reports per audience -----------------------------------------------------------------


@contextmanager
def _report_transaction():
    """On PostgreSQL, give the report's sorts (COUNT DISTINCT per group) memory for a year of lines.

    With the default 4 MB ``work_mem`` they spill to disk (external merge, benchmarks/reports.py);
    ``SET LOCAL`` lasts only for this transaction.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL work_mem = '64MB'")
        yield


def manager_report(*, scope: Scope) -> list[Table]:
    """Every table of the manager's report, in page order (manager scope: every employer)."""
    with _report_transaction():
        return _manager_report(scope=scope)


def _manager_report(*, scope: Scope) -> list[Table]:
    totals = spending_totals(scope=scope)  # once, for the four spending tables
    tables = [
        spending_by_month(scope=scope, totals=totals),
        spending_by_category(scope=scope, totals=totals),
        spending_by_supplier(scope=scope, totals=totals),
        spending_by_municipality(scope=scope, totals=totals),
        km0_table(scope=scope),
        credit_by_plan(scope=scope),
        suppliers_by_charter_status(scope=scope),
        inclusion_table(scope=scope),
    ]
    needs = needs_coverage_table(scope=scope)
    if needs is not None:
        tables.append(needs)
    return tables


def employer_report(*, scope: Scope) -> list[Table]:
    """The employer's own employees only, aggregates with small groups suppressed."""
    with _report_transaction():
        return _employer_report(scope=scope)


def _employer_report(*, scope: Scope) -> list[Table]:
    assert scope.employer is not None
    tables = _employer_tables(scope=scope)
    months = scope.period.months()
    by_month = (
        [_employer_tables(scope=replace(scope, period=m)) for m in months] if len(months) > 1 else [tables]
    )
    return _closed_to_differencing(tables, by_month=by_month, months=months)


def _small(table: Table, row: dict) -> bool:
    """The row describes 1 to 4 people (it is hidden); an absent row describes nobody."""
    return bool(table.private) and row.get(table.private[0]) == SUPPRESSED


def _row_key(row: dict) -> tuple:
    return row.get("employer"), row.get("label")


def _closed_to_differencing(tables: list[Table], *, by_month: list[list[Table]], months) -> list[Table]:
    """Hide what an HR contact could work out by subtracting figures it is shown.

    - Period from months: a row of a quarter or a year is hidden when the same row describes
      1 to 4 people in any of its months (Q − M1 − M2 would give M3). A month where nobody is
      in the row adds nothing to subtract.
    - Totals from rows: the four spending tables split the same lines, so their totals are
      one figure; it is dropped from all four as soon as any of them hides a row (the
      municipality total minus the visible categories would give the hidden category). The
      spending-by-month row of a month is that month's total: it is hidden when any spending
      table of that month hides a row.
    """
    small_in_months: dict[str, set] = {}
    spending_hidden_in: list[bool] = []
    for month_tables in by_month:
        hidden_here = False
        for table in month_tables:
            small = {_row_key(row) for row in table.rows if _small(table, row)}
            small_in_months.setdefault(table.slug, set()).update(small)
            hidden_here = hidden_here or (table.slug.startswith("spending-") and bool(small))
        spending_hidden_in.append(hidden_here)
    for table in tables:
        if table.slug == "spending-month":
            hidden_months = {
                date_format(month.start, "YEAR_MONTH_FORMAT")
                for month, hidden in zip(months, spending_hidden_in, strict=True)
                if hidden
            }
            rows = [row for row in table.rows if row["label"] in hidden_months]
        else:
            rows = [row for row in table.rows if _row_key(row) in small_in_months.get(table.slug, ())]
        for row in rows:
            table.hide_row(row)
        if table.suppressed:
            table.total = None
    if any(table.suppressed for table in tables if table.slug.startswith("spending-")):
        for table in tables:
            if table.slug.startswith("spending-"):
                table.total = None
    return tables


def _employer_tables(*, scope: Scope) -> list[Table]:
    totals = spending_totals(scope=scope)
    return [
        spending_by_month(scope=scope, totals=totals),
        spending_by_category(scope=scope, totals=totals),
        spending_by_supplier(scope=scope, totals=totals),
        spending_by_municipality(scope=scope, totals=totals),
        km0_table(scope=scope),
        credit_by_plan(scope=scope),
    ]


# --- Funder -------------------------------------------------------------------------------


@dataclass
class FunderReport:
    period: Period
    workers_reached: int
    employers_involved: int
    credit_spent: Decimal
    km0: Km0Figures
    inclusion: InclusionSummary
    services_per_need: Table | None
    municipalities: Table
    municipalities_reached: int
    municipalities_new: int

    def indicators(self) -> Table:
        rows = [
            (_("Workers reached"), self.workers_reached),
            (_("Employers involved"), self.employers_involved),
            (_("Welfare credit spent (€)"), self.credit_spent),
            (_("Share of spending at km 0, by value (%)"), self.km0.share_by_value),
            (_("Share of order lines at km 0 (%)"), self.km0.share_by_lines),
            (_("Municipalities reached by services"), self.municipalities_reached),
            (_("of which without services before the period"), self.municipalities_new),
            (_("Trainees involved"), self.inclusion.trainees),
            (_("Boxes packed by trainees"), self.inclusion.boxes_packed),
            (_("Boxes delivered by trainees"), self.inclusion.boxes_delivered),
            (_("Items handled by trainees"), self.inclusion.items_handled),
        ]
        return Table(
            slug="indicators",
            title=_("Project indicators"),
            columns=[Column("label", _("Indicator")), Column("value", _("Value"))],
            rows=[{"label": label, "value": value if value is not None else "–"} for label, value in rows],
        )

    def tables(self) -> list[Table]:
        return [t for t in (self.indicators(), self.services_per_need, self.municipalities) if t is not None]


def _service_lines(scope: Scope, *, period: bool = True) -> QuerySet:
    return _lines(scope, period=period).filter(services_q("product__"))


def services_per_need(*, scope: Scope) -> Table | None:
    """Service lines delivered in the period per need (a service may answer several needs)."""
    Product = get_model("catalogue", "Product")
    needs = list(active_needs())
    if not needs:
        return None
    aggregates = {}
    for need in needs:
        products = Product._default_manager.filter(services_q() & need_products_q(need)).values("pk")
        aggregates[f"l{need.pk}"] = Count("pk", filter=Q(product_id__in=products))
        aggregates[f"q{need.pk}"] = Coalesce(Sum("quantity", filter=Q(product_id__in=products)), 0)
        aggregates[f"p{need.pk}"] = Count("order__user", distinct=True, filter=Q(product_id__in=products))
    figures = _lines(scope).aggregate(**aggregates)
    rows = [
        {
            "label": str(need),
            "lines": figures[f"l{need.pk}"],
            "quantity": figures[f"q{need.pk}"],
            "people": figures[f"p{need.pk}"],
        }
        for need in needs
    ]
    return Table(
        slug="services-need",
        title=_("Services delivered per need"),
        columns=[
            Column("label", _("Need")),
            Column("lines", _("Order lines"), "int"),
            Column("quantity", _("Services delivered"), "int"),
            Column("people", _("People served"), "int"),
        ],
        rows=rows,
        chart=Chart(kind="bar", label_key="label", value_key="quantity"),
    )


def municipalities_reached(*, scope: Scope) -> Table:
    """Municipalities where a service was bought in the period, marking those with none before it."""
    Municipality = get_model("territory", "Municipality")
    during = dict(
        _service_lines(scope)
        .exclude(reference_municipality=None)
        .values_list("reference_municipality")
        .annotate(n=Count("pk"))
    )
    before = set(
        _service_lines(scope, period=False)
        .filter(order__date_placed__lt=scope.period.start_dt, reference_municipality__in=list(during))
        .values_list("reference_municipality", flat=True)
        .distinct()
    )
    places = Municipality.objects.in_bulk(list(during))
    new = [code for code in during if code not in before]
    rows = [
        {
            "label": places[code].name,
            "area": places[code].area,
            "lines": during[code],
            "new": _("yes") if code not in before else _("no"),
        }
        for code in sorted(during, key=lambda c: places[c].name)
    ]
    return Table(
        slug="municipalities",
        title=_("Municipalities reached by services"),
        columns=[
            Column("label", _("Municipality")),
            Column("area", _("Area")),
            Column("lines", _("Service lines"), "int"),
            Column("new", _("No services before the period")),
        ],
        rows=rows,
        total={"label": _("Total"), "area": "", "lines": sum(during.values()), "new": len(new)},
        chart=Chart(kind="bar", label_key="label", value_key="lines"),
    )


def funder_report(*, scope: Scope) -> FunderReport:
    with _report_transaction():
        return _funder_report(scope=scope)


def _funder_report(*, scope: Scope) -> FunderReport:
    LedgerEntry = get_model("welfare", "LedgerEntry")
    Kind = LedgerEntry.Kind
    buyers = _lines(scope).values("order__user")
    reached = Employee.objects.filter(user__in=buyers).aggregate(
        workers=Count("pk", distinct=True), employers=Count("employer", distinct=True)
    )
    spent = LedgerEntry.objects.filter(
        kind__in=[Kind.SPEND, Kind.REFUND],
        created_at__gte=scope.period.start_dt,
        created_at__lt=scope.period.end_dt,
        **({"wallet__plan__employer__area": scope.area} if scope.area else {}),
    ).aggregate(total=_money("amount"))["total"]
    places = municipalities_reached(scope=scope)
    if not places.rows:
        places.total = None
    return FunderReport(
        period=scope.period,
        workers_reached=reached["workers"],
        employers_involved=reached["employers"],
        credit_spent=round_money(-spent),
        km0=km0_figures(scope=scope),
        inclusion=inclusion_summary(scope=scope),
        services_per_need=services_per_need(scope=scope),
        municipalities=places,
        municipalities_reached=len(places.rows),
        municipalities_new=places.total["new"] if places.total else 0,
    )


def table_by_slug(tables: list[Table], slug: str) -> Table:
    for table in tables:
        if table.slug == slug:
            return table
    raise Http404


__all__ = [
    "Column",
    "Period",
    "Scope",
    "Table",
    "credit_by_plan",
    "employer_report",
    "funder_report",
    "km0_figures",
    "manager_report",
    "suppress",
]
