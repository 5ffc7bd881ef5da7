"""The funder report as PDF (reportlab): the same tables as the page, from ``funder_report``."""

from decimal import Decimal
from io import BytesIO

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from shop.reports.selectors import FunderReport
from shop.reports.selectors import Table as ReportTable

CHART_FILL = colors.HexColor("#2c6e8f")


def _fmt(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, Decimal):
        return (
            number_format(value, 2, force_grouping=True)
            if value.as_tuple().exponent <= -2
            else number_format(value, force_grouping=True)
        )
    if isinstance(value, int):
        return number_format(value, force_grouping=True)
    return str(value)


def _table(table: ReportTable, styles) -> list:
    headers, rows = table.as_lists()
    body = [[Paragraph(f"<b>{h}</b>", styles["BodyText"]) for h in headers]]
    body += [[Paragraph(_fmt(v), styles["BodyText"]) for v in row] for row in rows]
    flow = Table(body, repeatRows=1, hAlign="LEFT")
    style = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#adb5bd")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e9ecef")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    if table.total:
        style.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#f1f3f5")))
    flow.setStyle(TableStyle(style))
    return [Paragraph(str(table.title), styles["Heading2"]), flow, Spacer(1, 4 * mm)]


def _bar_chart(table: ReportTable) -> list:
    chart_spec = table.chart
    points = [
        (str(row[chart_spec.label_key])[:30], float(row[chart_spec.value_key]))
        for row in table.rows
        if isinstance(row.get(chart_spec.value_key), int | Decimal)
    ]
    if not points or not any(v for _l, v in points):
        return []
    height = 14 * len(points) + 30
    drawing = Drawing(170 * mm, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 60 * mm, 10
    chart.width, chart.height = 100 * mm, height - 20
    chart.data = [[v for _l, v in reversed(points)]]
    chart.categoryAxis.categoryNames = [label for label, _v in reversed(points)]
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontSize = 7
    chart.bars[0].fillColor = CHART_FILL
    drawing.add(chart)
    return [drawing, Spacer(1, 4 * mm)]


def funder_pdf(*, report: FunderReport, area_label: str) -> bytes:
    buffer = BytesIO()
    title = _("Project indicators") + f" — {settings.OSCAR_SHOP_NAME}"
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        author=settings.OSCAR_SHOP_NAME,
        lang="it",
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
    )
    styles = getSampleStyleSheet()
    story = [
        Paragraph(title, styles["Title"]),
        Paragraph(
            _("Period: %(period)s. Area: %(area)s.") % {"period": report.period, "area": area_label},
            styles["Normal"],
        ),
        Spacer(1, 5 * mm),
    ]
    story += _table(report.indicators(), styles)
    if report.services_per_need is not None:
        story += _table(report.services_per_need, styles)
        story += _bar_chart(report.services_per_need)
    story += _table(report.municipalities, styles)
    story.append(
        Paragraph(
            _(
                "Workers reached: people on a member employer's roster who bought in the period. "
                "Km-0 share: order lines whose origin was within %(km)s km of the buyer's home when bought. "
                "Trainees appear only by their code."
            )
            % {"km": report.km0.radius_km},
            styles["Italic"],
        )
    )
    doc.build(story)
    return buffer.getvalue()
