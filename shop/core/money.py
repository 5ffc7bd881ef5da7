"""Money helpers: Decimal euros, rounded half-up only at boundaries."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def round_money(amount: Decimal) -> Decimal:
    """Round an amount of euros to the cent, half up (the Italian fiscal convention)."""
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def split_vat(*, gross: Decimal, rate: Decimal) -> tuple[Decimal, Decimal]:
    """Split a VAT-included price into (net, tax) so that net + tax == gross exactly."""
    gross = round_money(gross)
    net = round_money(gross / (Decimal("1") + rate))
    return net, gross - net
