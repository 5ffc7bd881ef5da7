"""How the part of an order not paid with credit is paid: one small interface per method.

Only pay-on-delivery exists today (the driver takes POS or cash at the door). A card
gateway implements the same ``authorise`` and is added to ``GATEWAYS``.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class GatewayResult:
    reference: str
    amount_debited: Decimal  # taken now; zero when collected later
    event_name: str  # the Oscar payment event recorded at placement


class PaymentGateway(Protocol):
    code: str
    source_name: str  # Oscar SourceType name shown on the order

    def authorise(self, *, order_number: str, amount: Decimal, method: str) -> GatewayResult: ...


class PayOnDelivery:
    """Nothing is taken online: the amount is collected by POS or in cash at delivery."""

    code = "delivery"
    source_name = "Pagamento alla consegna"
    METHODS = {"pos": _("POS (card) at the door"), "cash": _("Cash at the door")}

    def authorise(self, *, order_number: str, amount: Decimal, method: str) -> GatewayResult:
        if method not in self.METHODS:
            method = "pos"
        return GatewayResult(
            reference=f"{order_number}-{method}",
            amount_debited=Decimal("0.00"),
            event_name="Da incassare alla consegna",
        )


GATEWAYS: dict[str, PaymentGateway] = {PayOnDelivery.code: PayOnDelivery()}


def gateway_for(code: str) -> PaymentGateway:
    return GATEWAYS.get(code) or GATEWAYS[PayOnDelivery.code]
