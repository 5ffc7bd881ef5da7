"""Server-rendered SVG charts of a report Table: no script, no external library, readable without colour.

Each chart is an ``<svg role="img">`` with ``<title>`` and ``<desc>`` (the desc lists the values,
so a screen reader gets the figures), and the page always shows the table beside it.
"""

from decimal import Decimal
from html import escape

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe

from shop.reports.selectors import Table

WIDTH = 560
BAR_HEIGHT = 22
GAP = 6
LABEL_WIDTH = 190
VALUE_WIDTH = 90
FILL = "#2c6e8f"  # 5.9:1 against white


def _number(value) -> Decimal | int | None:
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return None
    return value if isinstance(value, int) else Decimal(value)


def _fmt(value) -> str:
    if isinstance(value, Decimal):
        return number_format(value, 2, force_grouping=True)
    return number_format(value, force_grouping=True)


def _points(table: Table) -> list[tuple[str, Decimal | None, str]]:
    chart = table.chart
    return [
        (
            str(row.get(chart.label_key, "")),
            _number(row.get(chart.value_key)),
            str(row.get(chart.value_key, "")),
        )
        for row in table.rows
    ]


def _header(dom_id: str, title: str, desc: str, width: int, height: int) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-labelledby="{dom_id}-title {dom_id}-desc" class="report-chart" id="{dom_id}">',
        f'<title id="{dom_id}-title">{escape(title)}</title>',
        f'<desc id="{dom_id}-desc">{escape(desc)}</desc>',
    ]


def _axis_label(label: str, *, room: float) -> list[str]:
    """An x-axis label whole, on two lines: "Dicembre 2026" -> ["Dicembre", "2026"].

    Where the points are too close for the first words (``room`` px, about 6 px a character
    at 11 px), they are cut to three letters ("Dic"); the year, the part that tells one point
    from another across years, is never cut. The full label stays in the ``<desc>`` and table.
    """
    words = label.split()
    if len(words) < 2:
        return [label]
    head, tail = " ".join(words[:-1]), words[-1]
    if len(head) * 6 > room:
        head = head[:3]
    return [head, tail]


def _description(table: Table, points) -> str:
    value_label = next(str(c.label) for c in table.columns if c.key == table.chart.value_key)
    parts = [f"{label}: {_fmt(value) if value is not None else shown}" for label, value, shown in points]
    return f"{value_label}. " + "; ".join(parts)


def bar_chart(table: Table, *, dom_id: str | None = None) -> SafeString:
    """Horizontal bars, one per row, labelled with their value; suppressed rows drawn as a note."""
    points = _points(table)
    if not points:
        return mark_safe("")
    dom_id = dom_id or f"chart-{table.slug}"
    height = len(points) * (BAR_HEIGHT + GAP) + GAP
    top = max((v for _l, v, _s in points if v is not None), default=Decimal(0))
    scale = (WIDTH - LABEL_WIDTH - VALUE_WIDTH) / float(top) if top > 0 else 0
    out = _header(dom_id, table.title, _description(table, points), WIDTH, height)
    for i, (label, value, shown) in enumerate(points):
        y = GAP + i * (BAR_HEIGHT + GAP)
        text_y = y + BAR_HEIGHT / 2
        short = label if len(label) <= 28 else label[:27] + "…"
        out.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{text_y:.1f}" text-anchor="end" dominant-baseline="middle" '
            f'font-size="12" font-family="system-ui, sans-serif" fill="#212529">{escape(short)}</text>'
        )
        if value is None:
            out.append(
                f'<text x="{LABEL_WIDTH + 4}" y="{text_y:.1f}" dominant-baseline="middle" font-size="12" '
                f'font-family="system-ui, sans-serif" fill="#495057">{escape(shown)}</text>'
            )
            continue
        bar = max(float(value) * scale, 0)
        out.append(
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{bar:.1f}" height="{BAR_HEIGHT}" fill="{FILL}"/>'
            f'<text x="{LABEL_WIDTH + bar + 4:.1f}" y="{text_y:.1f}" dominant-baseline="middle" '
            f'font-size="12" '
            f'font-family="system-ui, sans-serif" fill="#212529">{escape(_fmt(value))}</text>'
        )
    out.append("</svg>")
    return mark_safe("".join(out))


def line_chart(table: Table, *, dom_id: str | None = None) -> SafeString:
    """A line over the rows in order (months), with a marked, labelled point per row."""
    points = _points(table)
    if not points:
        return mark_safe("")
    dom_id = dom_id or f"chart-{table.slug}"
    height, left, right, top_pad, bottom = 260, 20, 20, 24, 48
    top = max((v for _l, v, _s in points if v is not None), default=Decimal(0))
    plot_w, plot_h = WIDTH - left - right, height - top_pad - bottom
    step = plot_w / max(len(points) - 1, 1)
    out = _header(dom_id, table.title, _description(table, points), WIDTH, height)
    out.append(
        f'<line x1="{left}" y1="{height - bottom}" x2="{WIDTH - right}" y2="{height - bottom}" '
        'stroke="#6c757d"/>'
    )
    coords = []
    for i, (label, value, shown) in enumerate(points):
        x = left + (i * step if len(points) > 1 else plot_w / 2)
        lines = "".join(
            f'<tspan x="{x:.1f}" dy="{0 if n == 0 else 13}">{escape(part)}</tspan>'
            for n, part in enumerate(_axis_label(label, room=step if len(points) > 1 else plot_w))
        )
        out.append(
            f'<text x="{x:.1f}" y="{height - bottom + 16}" text-anchor="middle" font-size="11" '
            f'font-family="system-ui, sans-serif" fill="#212529">{lines}</text>'
        )
        if value is None:
            out.append(
                f'<text x="{x:.1f}" y="{height - bottom - 8}" text-anchor="middle" font-size="11" '
                f'font-family="system-ui, sans-serif" fill="#495057">{escape(shown)}</text>'
            )
            continue
        y = height - bottom - (float(value) / float(top) * plot_h if top > 0 else 0)
        coords.append((x, y))
        out.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{FILL}"/>'
            f'<text x="{x:.1f}" y="{y - 9:.1f}" text-anchor="middle" font-size="11" '
            f'font-family="system-ui, sans-serif" fill="#212529">{escape(_fmt(value))}</text>'
        )
    if len(coords) > 1:
        path = " ".join(f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y) in enumerate(coords))
        out.insert(4, f'<path d="{path}" fill="none" stroke="{FILL}" stroke-width="2"/>')
    out.append("</svg>")
    return mark_safe("".join(out))


def chart_for(table: Table) -> SafeString:
    if table.chart is None:
        return mark_safe("")
    if table.chart.kind == "line":
        return line_chart(table)
    return bar_chart(table)


__all__ = ["bar_chart", "chart_for", "line_chart"]
