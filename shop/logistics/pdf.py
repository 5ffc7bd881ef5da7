"""Box labels and the delivery sheet of a round, as PDF (reportlab)."""

from io import BytesIO

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

LABEL_W, LABEL_H = 105 * mm, 74.25 * mm  # 8 labels per A4 sheet (2 × 4)


def _recipient(order) -> tuple[str, str]:
    address = order.shipping_address
    if address is None:
        name = order.user.get_full_name() if order.user_id else ""
        return name or order.email, ""
    name = " ".join(part for part in (address.first_name, address.last_name) if part)
    street = ", ".join(
        part for part in (address.line1, address.line2, f"{address.postcode} {address.line4}".strip()) if part
    )
    return name, street


def box_labels(*, round, rows) -> bytes:
    """One label per box, in delivery order: stop, recipient, address, order and round."""
    buffer = BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(_("Box labels") + f" — {round}")
    page_w, page_h = A4
    day = date_format(round.delivery_date, "l j F Y")
    for index, row in enumerate(rows):
        slot = index % 8
        if index and slot == 0:
            pdf.showPage()
        x = (slot % 2) * LABEL_W
        y = page_h - (slot // 2 + 1) * LABEL_H
        pdf.setStrokeColor(colors.grey)
        pdf.rect(x + 3 * mm, y + 3 * mm, LABEL_W - 6 * mm, LABEL_H - 6 * mm)
        name, street = _recipient(row.box.order)
        pdf.setFont("Helvetica-Bold", 30)
        pdf.drawString(x + 8 * mm, y + LABEL_H - 20 * mm, f"{row.stop or '-'}")
        pdf.setFont("Helvetica", 9)
        pdf.drawString(x + 8 * mm, y + LABEL_H - 25 * mm, _("stop"))
        pdf.setFont("Helvetica-Bold", 14)
        pdf.drawString(x + 28 * mm, y + LABEL_H - 13 * mm, row.box.municipality.name[:30])
        pdf.setFont("Helvetica-Bold", 12)
        pdf.drawString(x + 28 * mm, y + LABEL_H - 21 * mm, name[:38])
        pdf.setFont("Helvetica", 10)
        pdf.drawString(x + 28 * mm, y + LABEL_H - 27 * mm, street[:52])
        pdf.setFont("Helvetica", 10)
        pdf.drawString(x + 8 * mm, y + 24 * mm, _("Order %(number)s") % {"number": row.box.order.number})
        pdf.drawString(x + 8 * mm, y + 18 * mm, f"{round.zone.name} — {day}")
        if row.to_collect:
            pdf.setFont("Helvetica-Bold", 11)
            pdf.drawString(
                x + 8 * mm, y + 10 * mm, _("To collect: %(amount)s €") % {"amount": row.to_collect}
            )
    if not rows:
        pdf.setFont("Helvetica", 12)
        pdf.drawString(20 * mm, page_h - 20 * mm, _("This round has no boxes."))
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def delivery_sheet(*, round, rows, route, hub) -> bytes:
    """The driver's sheet: stops in route order, recipient, address, amount to collect, signature."""
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=_("Delivery sheet") + f" — {round}",
    )
    styles = getSampleStyleSheet()
    day = date_format(round.delivery_date, "l j F Y")
    story = [
        Paragraph(
            _("Delivery sheet — %(zone)s, %(day)s") % {"zone": round.zone.name, "day": day}, styles["Title"]
        ),
    ]
    if hub is not None and route:
        path = " → ".join([hub.name, *(stop.place.name for stop in route), hub.name])
        total = route[-1].total_km
        story.append(
            Paragraph(
                _("Route from %(hub)s: %(path)s (about %(km)s km to the last stop)")
                % {"hub": hub.name, "path": path, "km": total},
                styles["Normal"],
            )
        )
    story.append(Spacer(1, 6 * mm))
    data = [
        [
            _("Stop"),
            _("Municipality"),
            _("Recipient"),
            _("Address"),
            _("Order"),
            _("Items"),
            _("To collect"),
            _("Outcome"),
            _("Signature"),
        ]
    ]
    cell = styles["BodyText"]
    for row in rows:
        name, street = _recipient(row.box.order)
        items = row.box.items.count()
        data.append(
            [
                str(row.stop or "-"),
                row.box.municipality.name,
                Paragraph(name, cell),
                Paragraph(street, cell),
                row.box.order.number,
                str(items),
                f"{row.to_collect} €" if row.to_collect else "—",
                row.box.get_status_display(),
                "",
            ]
        )
    table = Table(
        data,
        repeatRows=1,
        colWidths=[12 * mm, 34 * mm, 40 * mm, 62 * mm, 24 * mm, 14 * mm, 22 * mm, 24 * mm, 38 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f6f6f6")]),
            ]
        )
    )
    story.append(table)
    doc.build(story)
    return buffer.getvalue()
