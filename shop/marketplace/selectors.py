"""Reads of a shared order, one per audience.

The shop is a marketplace: one order holds the lines of several suppliers. The manager's
administrators (staff) see every order whole. A supplier sees an order only through its own
lines, and of the order only what it needs to fulfil them: the buyer's name, and the
delivery address only when it delivers a line itself (goods the SFA round carries in a box
are delivered by the round). Never the buyer's email, other suppliers' lines, how the order
was paid, or the order's notes.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet, Sum
from oscar.core.loading import get_model

from shop.core.access import is_manager, partners_of_user
from shop.logistics.selectors import delivered_lines, lines_in_sfa_boxes

Order = get_model("order", "Order")
Line = get_model("order", "Line")


def orders_visible_to(*, user) -> QuerySet[Order]:
    if is_manager(user):
        return Order._default_manager.all()
    return Order._default_manager.filter(lines__partner__in=partners_of_user(user)).distinct()


def order_visible_to(*, user, number: str) -> Order | None:
    return orders_visible_to(user=user).filter(number=number).first()


def order_lines_visible_to(*, user, order) -> QuerySet[Line]:
    lines = order.lines.select_related("partner", "product", "stockrecord").order_by("pk")
    if is_manager(user):
        return lines
    return lines.filter(partner__in=partners_of_user(user))


def order_line_visible_to(*, user, order, line_id) -> Line | None:
    try:
        line_id = int(line_id)
    except (TypeError, ValueError):
        return None
    return order_lines_visible_to(user=user, order=order).filter(pk=line_id).first()


def lines_delivered_by_supplier(*, order, lines) -> list:
    """The lines of ``lines`` that travel to the buyer without the SFA round."""
    shipped = set(delivered_lines(order=order).values_list("pk", flat=True))
    boxed = lines_in_sfa_boxes(lines=lines)
    return [line for line in lines if line.pk in shipped and line.pk not in boxed]


def order_delivery_address_visible_to(*, user, order):
    """The order's shipping address if ``user`` may read it, else None."""
    if is_manager(user):
        return order.shipping_address
    lines = list(order_lines_visible_to(user=user, order=order))
    if not lines_delivered_by_supplier(order=order, lines=lines):
        return None
    return order.shipping_address


def buyer_name(*, order) -> str:
    if order.user_id and order.user.get_full_name():
        return order.user.get_full_name()
    if order.shipping_address_id:
        return order.shipping_address.name
    return ""


@dataclass(frozen=True)
class SupplierLineRow:
    """One line of a supplier's export: what fulfilling it needs, and nothing else."""

    order_number: str
    date_placed: object
    buyer: str
    delivery_address: str  # empty when the SFA round delivers
    product: str
    sku: str
    quantity: int
    price_incl_tax: Decimal
    status: str


def supplier_line_rows(*, user, orders) -> list[SupplierLineRow]:
    rows = []
    for order in orders:
        address = order_delivery_address_visible_to(user=user, order=order)
        address_text = ", ".join(address.active_address_fields()) if address is not None else ""
        for line in order_lines_visible_to(user=user, order=order):
            rows.append(
                SupplierLineRow(
                    order_number=order.number,
                    date_placed=order.date_placed,
                    buyer=buyer_name(order=order),
                    delivery_address=address_text,
                    product=line.title,
                    sku=line.partner_sku,
                    quantity=line.quantity,
                    price_incl_tax=line.line_price_incl_tax,
                    status=line.status,
                )
            )
    return rows


def supplier_revenue(*, user, since=None, until=None) -> Decimal:
    """What a supplier's own lines are worth (VAT included), never whole orders' totals."""
    lines = Line._default_manager.filter(partner__in=partners_of_user(user))
    if since is not None:
        lines = lines.filter(order__date_placed__gt=since)
    if until is not None:
        lines = lines.filter(order__date_placed__lte=until)
    total = lines.aggregate(total=Sum("line_price_incl_tax"))["total"]
    return Decimal(total or 0).quantize(Decimal("0.01"))
