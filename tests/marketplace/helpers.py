from decimal import Decimal

from django.test import Client
from oscar.core.loading import get_model

from shop.invariants.checks import invariants_check
from shop.logistics.models import Box, BoxItem
from shop.welfare.models import LedgerEntry

Order = get_model("order", "Order")
Line = get_model("order", "Line")
Source = get_model("payment", "Source")
PaymentEvent = get_model("order", "PaymentEvent")
ShippingEvent = get_model("order", "ShippingEvent")
OrderNote = get_model("order", "OrderNote")
ShippingAddress = get_model("order", "ShippingAddress")


def client_for(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def state(order) -> dict:
    """Everything a forbidden request must leave as it was."""
    return {
        "order": list(Order.objects.filter(pk=order.pk).values_list("status", "total_incl_tax")),
        "lines": list(order.lines.order_by("pk").values_list("pk", "status", "quantity")),
        "ledger": list(LedgerEntry.objects.order_by("pk").values_list("pk", "kind", "amount", "held")),
        "sources": list(
            Source.objects.filter(order=order)
            .order_by("pk")
            .values_list("amount_allocated", "amount_refunded")
        ),
        "payment_events": PaymentEvent.objects.filter(order=order).count(),
        "shipping_events": ShippingEvent.objects.filter(order=order).count(),
        "notes": OrderNote.objects.filter(order=order).count(),
        "address": list(ShippingAddress.objects.filter(order=order).values()),
        "boxes": list(Box.objects.filter(order=order).values_list("pk", "status")),
        "box_items": list(BoxItem.objects.filter(box__order=order).values_list("pk", "line_id", "status")),
    }


def assert_invariants() -> None:
    broken = {name: found for name, found in invariants_check().items() if found}
    assert not broken, broken


def refunded(order) -> dict[str, Decimal]:
    return {s.source_type.name: s.amount_refunded for s in Source.objects.filter(order=order)}
