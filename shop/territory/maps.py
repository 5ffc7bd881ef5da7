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
