"""Money helpers: Decimal euros, rounded half-up only at boundaries."""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import DecimalField, Sum, Value
from django.db.models.functions import Coalesce

CENT = Decimal("0.01")


def round_money(amount: Decimal) -> Decimal:
    """Round an amount of euros to the cent, half up (the Italian fiscal convention)."""
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def split_vat(*, gross: Decimal, rate: Decimal) -> tuple[Decimal, Decimal]:
    """Split a VAT-included price into (net, tax) so that net + tax == gross exactly."""
    gross = round_money(gross)
    net = round_money(gross / (Decimal("1") + rate))
    return net, gross - net



class MoneySum(Coalesce):
    """``Sum`` of euros, 0.00 when nothing matches, a Decimal to the cent on every database.

    SQLite adds decimals as floats and Django quantises only plain columns there, so a bare
    ``Sum`` may come back as ``1109.70000000000``; this one is rounded half up to the cent.
    """

    def __init__(self, expression, *, filter=None):
        super().__init__(
            Sum(expression, filter=filter),
            Value(Decimal("0.00")),
            output_field=DecimalField(max_digits=14, decimal_places=2),
        )

    def get_db_converters(self, connection):
        return [*super().get_db_converters(connection), self._to_cents]

    @staticmethod
    def _to_cents(value, expression, connection):
        return None if value is None else round_money(Decimal(str(value)))
