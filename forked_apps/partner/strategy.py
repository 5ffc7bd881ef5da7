from oscar.apps.partner import strategy

from shop.charter.strategy import CharterGate
from shop.core.pricing import ItalianVatIncluded


class Default(
    CharterGate, strategy.UseFirstStockRecord, strategy.StockRequired, ItalianVatIncluded, strategy.Structured
):
    """Italian prices, VAT included; goods need stock, services do not track it; only
    suppliers that may sell under the ethical charter are available."""

    def fetch_for_line(self, line, stockrecord=None):
        # A marketplace: the line was added from one supplier's stock record, and is priced
        # and checked from that record. Oscar's default re-reads every record of the product
        # and takes the first, which gives another supplier's price and stock.
        stockrecord = stockrecord or (line.stockrecord if line.stockrecord_id else None)
        if stockrecord is None or line.product.is_parent:
            return super().fetch_for_line(line, stockrecord)
        return self.fetch_for_product(line.product, stockrecord)


class Selector(strategy.Selector):
    def strategy(self, request=None, user=None, **kwargs):
        return Default(request)
