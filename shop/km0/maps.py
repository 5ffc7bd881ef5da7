"""Maps of the territory drawn as SVG on the server, from the municipality polygons.

No tile server and no script: longitude and latitude are projected onto the view box
(equirectangular, scaled by the cosine of the map's mid latitude, which is accurate to a
fraction of a percent across one province), rings are simplified (Douglas-Peucker) and
the result is inline SVG. Maps never rely on colour alone: every value also has a
pattern, a number or a label, a legend, and a table beside the map.
"""

import json
import math
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

VIEW_WIDTH = 800
MARGIN = 24
SIMPLIFY_TOLERANCE = 0.6  # view-box units: about one pixel at the default size


@dataclass(frozen=True)
class Shape:
    code: str
    name: str
    rings: tuple  # tuple of rings, each a tuple of (lon, lat)


def geojson_path() -> Path:
    return Path(
        getattr(settings, "SHOP_TERRITORY_GEOJSON", settings.BASE_DIR / "fixtures" / "comuni_bergamo.geojson")
    )


@lru_cache(maxsize=4)
def _load_shapes(path: str) -> dict[str, Shape]:
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    shapes = {}
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        # The outer ring of each polygon is enough to draw municipalities at this scale.
        rings = tuple(tuple((float(x), float(y)) for x, y in polygon[0]) for polygon in polygons)
        props = feature["properties"]
        shapes[props["istat_code"]] = Shape(code=props["istat_code"], name=props["name"], rings=rings)
    return shapes


def territory_shapes() -> dict[str, Shape]:
    """Every municipality polygon of the fixture, keyed by ISTAT code (read once per process)."""
    path = geojson_path()
    return _load_shapes(str(path)) if path.exists() else {}


def _simplify(points, tolerance):
    """Douglas-Peucker on a list of (x, y); a closed ring is split at its farthest vertex first."""
    if len(points) < 3:
        return points
    if points[0] == points[-1]:
        x0, y0 = points[0]
        far = max(range(len(points)), key=lambda i: (points[i][0] - x0) ** 2 + (points[i][1] - y0) ** 2)
        if far == 0:
            return points[:1]
        return _simplify(points[: far + 1], tolerance)[:-1] + _simplify(points[far:], tolerance)
    (x1, y1), (x2, y2) = points[0], points[-1]
    dx, dy = x2 - x1, y2 - y1
    norm = math.hypot(dx, dy) or 1e-12
    index, worst = 0, -1.0
    for i in range(1, len(points) - 1):
        px, py = points[i]
        dist = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / norm
        if dist > worst:
            index, worst = i, dist
    if worst <= tolerance:
        return [points[0], points[-1]]
    return _simplify(points[: index + 1], tolerance)[:-1] + _simplify(points[index:], tolerance)


class Projection:
    """Fits a lon/lat bounding box into a view box VIEW_WIDTH wide, north up."""

    def __init__(self, bounds):
        lon_min, lat_min, lon_max, lat_max = bounds
        self.kx = math.cos(math.radians((lat_min + lat_max) / 2))
        span_x = max((lon_max - lon_min) * self.kx, 1e-6)
        span_y = max(lat_max - lat_min, 1e-6)
        self.scale = (VIEW_WIDTH - 2 * MARGIN) / span_x
        self.lon_min, self.lat_max = lon_min, lat_max
        self.width = VIEW_WIDTH
        self.height = round(span_y * self.scale + 2 * MARGIN)

    def __call__(self, lon, lat):
        x = MARGIN + (float(lon) - self.lon_min) * self.kx * self.scale
        y = MARGIN + (self.lat_max - float(lat)) * self.scale
        return x, y


def _bounds(shapes, points=()):
    lons = [x for s in shapes for ring in s.rings for x, _ in ring] + [float(p[0]) for p in points]
    lats = [y for s in shapes for ring in s.rings for _, y in ring] + [float(p[1]) for p in points]
    pad_lon, pad_lat = (max(lons) - min(lons)) * 0.03 + 0.005, (max(lats) - min(lats)) * 0.03 + 0.005
    return min(lons) - pad_lon, min(lats) - pad_lat, max(lons) + pad_lon, max(lats) + pad_lat


def _overlaps(shape, bounds):
    lon_min, lat_min, lon_max, lat_max = bounds
    return any(lon_min <= x <= lon_max and lat_min <= y <= lat_max for ring in shape.rings for x, y in ring)


def _path_d(shape, project):
    parts = []
    for ring in shape.rings:
        points = _simplify([project(x, y) for x, y in ring], SIMPLIFY_TOLERANCE)
        if len(points) < 3:
            continue
        parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
    return "".join(parts)


def _label_point(shape, project):
    """The centroid of the largest ring (vertex mean: good enough to place a label)."""
    ring = max(shape.rings, key=len)
    xs, ys = zip(*(project(x, y) for x, y in ring), strict=True)
    return sum(xs) / len(xs), sum(ys) / len(ys)


@dataclass
class Area:
    """One municipality on a map: its fill, its pattern and what its label and tooltip say."""

    code: str
    fill: str = "#ffffff"
    pattern: str = ""  # id of a <pattern> drawn over the fill
    label: str = ""
    title: str = ""
    emphasis: bool = False


@dataclass
class Marker:
    lon: Decimal
    lat: Decimal
    label: str
    title: str


@dataclass
class LegendItem:
    label: str
    fill: str
    pattern: str = ""


@dataclass
class MapSpec:
    title: str
    description: str
    areas: dict[str, Area]
    context_codes: set[str] = field(default_factory=set)  # drawn in grey for orientation
    markers: list[Marker] = field(default_factory=list)
    legend: list[LegendItem] = field(default_factory=list)
    dom_id: str = "km0-map"


PATTERNS = {
    # Drawn in dark grey over the fill, so each class stays distinct in greyscale too.
    "hatch": '<path d="M0,8 L8,0 M-2,2 L2,-2 M6,10 L10,6" stroke="#1f2d3d" stroke-width="1.2"/>',
    "dots": '<circle cx="4" cy="4" r="1.4" fill="#1f2d3d"/>',
    "cross": '<path d="M0,0 L8,8 M8,0 L0,8" stroke="#5a3d05" stroke-width="1"/>',
}


def _pattern_defs(dom_id):
    return "".join(
        f'<pattern id="{dom_id}-{name}" width="8" height="8" patternUnits="userSpaceOnUse">{body}</pattern>'
        for name, body in PATTERNS.items()
    )


def render_map(spec: MapSpec) -> SafeString:
    """The map as inline, accessible SVG (role="img", <title>, <desc>, labelled areas)."""
    shapes = territory_shapes()
    drawn = [shapes[c] for c in spec.areas if c in shapes]
    context = [shapes[c] for c in spec.context_codes if c in shapes and c not in spec.areas]
    points = [(m.lon, m.lat) for m in spec.markers]
    if not drawn and not points:
        return mark_safe("")
    bounds = _bounds(drawn or context, points)
    project = Projection(bounds)
    context = [shape for shape in context if _overlaps(shape, bounds)]
    dom_id = spec.dom_id
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {project.width} {project.height}" '
        f'role="img" aria-labelledby="{dom_id}-title {dom_id}-desc" class="km0-map" id="{dom_id}" '
        f'preserveAspectRatio="xMidYMid meet">',
        f'<title id="{dom_id}-title">{escape(spec.title)}</title>',
        f'<desc id="{dom_id}-desc">{escape(spec.description)}</desc>',
        f"<defs>{_pattern_defs(dom_id)}</defs>",
        f'<rect width="{project.width}" height="{project.height}" fill="#f4f7f9"/>',
    ]
    for shape in context:
        out.append(
            f'<path d="{_path_d(shape, project)}" fill="#fcfcfd" stroke="#ced4da" stroke-width="0.6"/>'
        )
    labels = []
    for shape in drawn:
        area = spec.areas[shape.code]
        d = _path_d(shape, project)
        stroke = (
            ' stroke="#1f2d3d" stroke-width="2"' if area.emphasis else ' stroke="#495057" stroke-width="0.8"'
        )
        out.append(
            f'<g><title>{escape(area.title or shape.name)}</title><path d="{d}" fill="{area.fill}"{stroke}/>'
        )
        if area.pattern:
            out.append(f'<path d="{d}" fill="url(#{dom_id}-{area.pattern})" stroke="none"/>')
        out.append("</g>")
        if area.label:
            labels.append((_label_point(shape, project), area.label))
    for (x, y), text in labels:
        # A white halo keeps labels legible over any fill or pattern.
        out.append(
            f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" dominant-baseline="middle" font-size="11" '
            f'font-family="system-ui, sans-serif" fill="#111" stroke="#fff" stroke-width="3" '
            f'paint-order="stroke" aria-hidden="true">{escape(text)}</text>'
        )
    for marker in spec.markers:
        x, y = project(marker.lon, marker.lat)
        out.append(
            f"<g><title>{escape(marker.title)}</title>"
            f'<path d="M{x:.1f},{y:.1f} l-9,-20 a10,10 0 1 1 18,0 z" fill="#b02a37" '
            f'stroke="#fff" stroke-width="1.5"/>'
            f'<circle cx="{x:.1f}" cy="{y - 23:.1f}" r="3.5" fill="#fff"/>'
            f'<text x="{x + 12:.1f}" y="{y - 24:.1f}" font-size="13" font-weight="700" '
            f'font-family="system-ui, sans-serif" fill="#111" stroke="#fff" stroke-width="3" '
            f'paint-order="stroke" aria-hidden="true">{escape(marker.label)}</text></g>'
        )
    out.append("</svg>")
    return mark_safe("".join(out))


def legend_swatch(item: LegendItem, dom_id: str) -> SafeString:
    """A small SVG square matching a legend entry (fill and pattern)."""
    pattern = f'<rect width="18" height="18" fill="url(#{dom_id}-{item.pattern})"/>' if item.pattern else ""
    # The pattern is the one defined in the map's own <defs>, in the same document.
    return mark_safe(
        f'<svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" focusable="false">'
        f'<rect width="18" height="18" fill="{item.fill}" stroke="#495057"/>{pattern}</svg>'
    )


# --- The shop's maps ------------------------------------------------------------------------


def supplier_map(*, partner, dom_id="km0-supplier-map") -> MapSpec:
    """Where a supplier is (its seat, or exact point) and the municipalities it serves."""
    from django.utils.translation import gettext as _

    from shop.km0.selectors import partner_point

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
    from django.utils.translation import gettext as _

    from shop.km0.selectors import services_reaching_count, territory_municipalities

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
    from django.utils.formats import number_format
    from django.utils.translation import gettext as _

    from shop.km0.selectors import km0_spending_by_municipality, territory_municipalities

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
