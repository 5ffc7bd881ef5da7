from oscar.apps.partner import strategy

from shop.charter.strategy import CharterGate
from shop.core.pricing import ItalianVatIncluded


class Default(
    CharterGate, strategy.UseFirstStockRecord, strategy.StockRequired, ItalianVatIncluded, strategy.Structured
):
    """Italian prices, VAT included; goods need stock, services do not track it; only
    suppliers that may sell under the ethical charter are available."""


class Selector(strategy.Selector):
    def strategy(self, request=None, user=None, **kwargs):
        return Default(request)
