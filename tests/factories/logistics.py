"""Boxed products and orders placed the way checkout places them (credit reserved per line)."""

from decimal import Decimal

from oscar.core.loading import get_model

from shop.welfare.gateways import PayOnDelivery
from shop.welfare.models import LedgerEntry
from shop.welfare.selectors import CREDIT_SOURCE_NAME
from tests.factories import ProductClassFactory
from tests.factories.welfare import basket_with, order_with_credit, product_in

Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")


def boxed_product(*, title: str, price: str, partner=None):
    product = product_in(category_path="Alimentari > Cassette", price=price, title=title)
    product.product_class = ProductClassFactory(
        name="Prodotto in cassetta", requires_shipping=True, vat_rate="4"
    )
    product.save()
    if partner is not None:
        product.stockrecords.update(partner=partner)
    return product


def service_product(*, title: str, price: str):
    product = product_in(category_path="Servizi > Cura", price=price, title=title)
    product.product_class = ProductClassFactory(name="Servizio", requires_shipping=False, track_stock=False)
    product.save()
    return product


def record_sources(order, *, credit: Decimal) -> None:
    """The payment sources checkout records: credit, and the rest paid at the door."""
    total = order.total_incl_tax
    if credit > 0:
        Source.objects.create(
            order=order,
            source_type=SourceType.objects.get_or_create(name=CREDIT_SOURCE_NAME)[0],
            amount_allocated=credit,
            reference=order.number,
        )
    if total - credit > 0:
        Source.objects.create(
            order=order,
            source_type=SourceType.objects.get_or_create(name=PayOnDelivery.source_name)[0],
            amount_allocated=total - credit,
            reference=f"{order.number}-pos",
        )


def paid_order(*, user, lines, credit=None):
    order = order_with_credit(user=user, lines=lines, credit=credit)
    used = sum(
        (e.held for e in LedgerEntry.objects.filter(order_number=order.number, kind="reserve")),
        Decimal("0.00"),
    )
    record_sources(order, credit=used)
    return order


__all__ = ["basket_with", "boxed_product", "paid_order", "record_sources", "service_product"]
