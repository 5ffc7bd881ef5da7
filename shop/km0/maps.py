"""The km-0 maps of the territory: a supplier's reach, offer coverage, km-0 share of spending.

Drawn with the territory's SVG maps (``shop.territory.maps``).
"""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from shop.km0.selectors import (
    km0_spending_by_municipality,
    partner_point,
    services_reaching_count,
)
from shop.territory.maps import Area, LegendItem, MapSpec, Marker, territory_shapes
from shop.territory.selectors import territory_municipalities


def supplier_map(*, partner, dom_id="km0-supplier-map") -> MapSpec:
    """Where a supplier is (its seat, or exact point) and the municipalities it serves."""
    served = list(partner.served_municipalities.all())
    # Past a dozen villages the names would overlap: the page lists them beside the map.
    labelled = len(served) <= 12
    areas = {
        m.pk: Area(
            code=m.pk,
            fill="#cfe8d5",
            pattern="hatch",
            label=m.name if labelled else "",
            title=_("Served: %(place)s") % {"place": m.name},
        )
        for m in served
    }
    markers = []
    point = partner_point(partner=partner)
    if point is not None:
        seat = partner.seat.name if partner.seat_id else ""
        markers.append(
            Marker(
                lon=point[1],
                lat=point[0],
                label=seat,
                title=_("Seat of %(name)s: %(place)s") % {"name": partner.name, "place": seat},
            )
        )
        if partner.seat_id and partner.seat_id not in areas:
            areas[partner.seat_id] = Area(code=partner.seat_id, fill="#ffffff", title=seat, emphasis=True)
        elif partner.seat_id:
            areas[partner.seat_id].emphasis = True
    context = set(territory_shapes())
    names = ", ".join(m.name for m in served) or _("none")
    description = _("Seat: %(seat)s. Municipalities served (hatched): %(names)s.") % {
        "seat": partner.seat.name if partner.seat_id else _("not given"),
        "names": names,
    }
    legend = [LegendItem(label=_("Municipality served"), fill="#cfe8d5", pattern="hatch")]
    return MapSpec(
        title=_("Where %(name)s is and what it serves") % {"name": partner.name},
        description=description,
        areas=areas,
        context_codes=context,
        markers=markers,
        legend=legend,
        dom_id=dom_id,
    )


COVERAGE_STYLES = (
    # (fill, pattern) per class, lightest first: patterns tell classes apart without colour.
    ("#ffffff", "cross"),
    ("#deebf7", ""),
    ("#9ecae1", "dots"),
    ("#4292c6", "hatch"),
)


def coverage_classes(counts):
    """Class bounds: "none", then the non-zero counts split in thirds (lowest, highest) per class."""
    values = sorted(n for n in counts if n > 0)
    if not values:
        return [(0, 0)]
    cuts = [values[(len(values) - 1) * k // 3] for k in (1, 2)]
    bounds, low = [(0, 0)], values[0]
    for cut in [*cuts, values[-1]]:
        if cut >= low:
            bounds.append((low, cut))
            low = cut + 1
    return bounds


def _coverage_style(count, bounds):
    index = next(i for i, (low, high) in enumerate(bounds) if low <= count <= high)
    return COVERAGE_STYLES[index if index == 0 else len(COVERAGE_STYLES) - len(bounds) + index]


def coverage_map(*, dom_id="km0-coverage-map"):
    """The territory coloured by how many services reach each municipality; rows for the table."""
    places = list(territory_municipalities())
    counts = services_reaching_count(municipalities=places)
    bounds = coverage_classes(counts.values())
    areas = {}
    for m in places:
        fill, pattern = _coverage_style(counts[m.pk], bounds)
        areas[m.pk] = Area(
            code=m.pk,
            fill=fill,
            pattern=pattern,
            label=str(counts[m.pk]),
            title=_("%(place)s: %(count)s services") % {"place": m.name, "count": counts[m.pk]},
        )
    uncovered = [m.name for m in places if counts[m.pk] == 0]
    legend = [LegendItem(label=_("No service reaches it"), fill="#ffffff", pattern="cross")]
    for low, high in bounds[1:]:
        fill, pattern = _coverage_style(low, bounds)
        label = (
            _("%(low)s–%(high)s services") % {"low": low, "high": high}
            if high > low
            else (_("%(count)s services") % {"count": low})
        )
        legend.append(LegendItem(label=label, fill=fill, pattern=pattern))
    spec = MapSpec(
        title=_("Offer coverage: services reaching each municipality"),
        description=_(
            "Each municipality of the territory is labelled with the number of services that reach it. "
            "Without any service: %(names)s."
        )
        % {"names": ", ".join(uncovered) or _("none")},
        areas=areas,
        context_codes=set(territory_shapes()),
        legend=legend,
        dom_id=dom_id,
    )
    rows = sorted(((m, counts[m.pk]) for m in places), key=lambda row: (row[1], row[0].name))
    return spec, rows


SHARE_CLASSES = (
    (Decimal("0"), "#fff5eb", ""),
    (Decimal("25"), "#fdbe85", "dots"),
    (Decimal("50"), "#fd8d3c", "hatch"),
    (Decimal("75"), "#a63603", "cross"),
)


def km0_share_map(*, dom_id="km0-share-map"):
    """The territory coloured by the km-0 share of spending of the people who live there."""
    places = list(territory_municipalities())
    spending = km0_spending_by_municipality()
    areas = {}
    for m in places:
        row = spending.get(m.pk)
        if row is None or row.share is None:
            areas[m.pk] = Area(
                code=m.pk,
                fill="#e9ecef",
                label="–",
                title=_("%(place)s: no purchases yet") % {"place": m.name},
            )
            continue
        _low, fill, pattern = [c for c in SHARE_CLASSES if row.share >= c[0]][-1]
        share = number_format(row.share, 0)
        areas[m.pk] = Area(
            code=m.pk,
            fill=fill,
            pattern=pattern,
            label=f"{share}%",
            title=_("%(place)s: %(share)s%% of spending at km 0") % {"place": m.name, "share": share},
        )
    legend = [
        LegendItem(label=_("No purchases yet"), fill="#e9ecef"),
        LegendItem(label=_("Under 25%"), fill="#fff5eb"),
        LegendItem(label=_("25–50%"), fill="#fdbe85", pattern="dots"),
        LegendItem(label=_("50–75%"), fill="#fd8d3c", pattern="hatch"),
        LegendItem(label=_("75% or more"), fill="#a63603", pattern="cross"),
    ]
    spec = MapSpec(
        title=_("Km-0 share of spending by home municipality"),
        description=_(
            "Each municipality is labelled with the share of its residents' spending on products made "
            "within the km-0 radius, measured when they bought."
        ),
        areas=areas,
        context_codes=set(territory_shapes()),
        legend=legend,
        dom_id=dom_id,
    )
    rows = [(m, spending.get(m.pk)) for m in places]
    return spec, rows
