from oscar.apps.partner import strategy

from shop.core.pricing import ItalianVatIncluded


class Default(strategy.UseFirstStockRecord, strategy.StockRequired, ItalianVatIncluded, strategy.Structured):
    """Italian prices, VAT included; goods need stock, services do not track it."""


class Selector(strategy.Selector):
    def strategy(self, request=None, user=None, **kwargs):
        return Default(request)
