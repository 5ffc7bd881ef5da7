"""Prices as Italian shoppers read them: VAT included, the rate set per product class or product.

A stock record's ``price`` is the gross (VAT-included) price the supplier sets. The net and
the tax are derived from it so that net + tax is exactly the gross price, to the cent.
"""

from oscar.core.loading import get_class

from shop.core.money import split_vat
from shop.core.vat import vat_rate_of

UnavailablePrice = get_class("partner.prices", "Unavailable")
TaxInclusiveFixedPrice = get_class("partner.prices", "TaxInclusiveFixedPrice")


def vat_included_price(*, product, stockrecord):
    if not stockrecord or stockrecord.price is None:
        return UnavailablePrice()
    net, tax = split_vat(gross=stockrecord.price, rate=vat_rate_of(product))
    return TaxInclusiveFixedPrice(currency=stockrecord.price_currency, excl_tax=net, tax=tax)


class ItalianVatIncluded:
    """Pricing-policy mixin for Oscar's ``Structured`` strategy."""

    def pricing_policy(self, product, stockrecord):
        return vat_included_price(product=product, stockrecord=stockrecord)

    def parent_pricing_policy(self, product, children_stock):
        for child, stockrecord in children_stock:
            if stockrecord is not None:
                return vat_included_price(product=child, stockrecord=stockrecord)
        return UnavailablePrice()
