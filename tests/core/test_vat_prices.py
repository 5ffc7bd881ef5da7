from decimal import Decimal

import pytest
from oscar.core.loading import get_class

from shop.core.money import split_vat
from tests.factories import product_with_price

Selector = get_class("partner.strategy", "Selector")

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("rate", "gross", "net", "tax"),
    [
        ("22", "12.20", "10.00", "2.20"),
        ("10", "5.50", "5.00", "0.50"),
        ("5", "21.00", "20.00", "1.00"),
        ("4", "2.08", "2.00", "0.08"),
        ("esente", "18.00", "18.00", "0.00"),
    ],
)
def test_price_is_vat_included_at_the_class_rate(rate, gross, net, tax):
    product = product_with_price(price=gross, class_rate=rate)

    info = Selector().strategy().fetch_for_product(product)

    assert info.price.incl_tax == Decimal(gross)
    assert info.price.excl_tax == Decimal(net)
    assert info.price.tax == Decimal(tax)
    assert info.price.currency == "EUR"


def test_product_rate_overrides_the_class_rate():
    product = product_with_price(price="10.40", class_rate="22", vat_rate="4")

    info = Selector().strategy().fetch_for_product(product)

    assert info.price.excl_tax == Decimal("10.00")
    assert info.price.tax == Decimal("0.40")


def test_net_plus_tax_is_always_the_gross_price_to_the_cent():
    for cents in range(1, 2000, 7):
        gross = Decimal(cents) / 100
        for rate in ("0.22", "0.10", "0.05", "0.04"):
            net, tax = split_vat(gross=gross, rate=Decimal(rate))
            assert net + tax == gross


def test_product_without_stockrecord_price_is_unavailable():
    product = product_with_price(price="1.00")
    stockrecord = product.stockrecords.get()
    stockrecord.price = None
    stockrecord.save()

    info = Selector().strategy().fetch_for_product(product)

    assert not info.price.exists
