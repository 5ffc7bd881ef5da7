"""The charter's gate as an availability-policy mixin for Oscar's ``Structured`` strategy."""

from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_class

from shop.charter.selectors import partner_sale_refusal, sellable_partner_id_set

Unavailable = get_class("partner.availability", "Unavailable")


class SupplierCannotSell(Unavailable):
    code = "supplier-cannot-sell"

    def __init__(self, reason: str):
        self.reason = reason
        self.message = _("The supplier cannot sell: %(reason)s") % {"reason": reason}

    def is_purchase_permitted(self, quantity):
        return False, self.message


class CharterGate:
    """Refuses stock records of suppliers that may not sell today (one SQL statement per strategy)."""

    _sellable = None

    def _may_sell(self, partner_id) -> bool:
        if self._sellable is None:
            self._sellable = sellable_partner_id_set()
        return partner_id in self._sellable

    def availability_policy(self, product, stockrecord):
        if stockrecord is not None and not self._may_sell(stockrecord.partner_id):
            return SupplierCannotSell(partner_sale_refusal(stockrecord.partner))
        return super().availability_policy(product, stockrecord)

    def parent_availability_policy(self, product, children_stock):
        children_stock = [
            (child, sr if sr is not None and self._may_sell(sr.partner_id) else None)
            for child, sr in children_stock
        ]
        return super().parent_availability_policy(product, children_stock)
