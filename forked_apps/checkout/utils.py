from decimal import Decimal

from oscar.apps.checkout import utils


class CheckoutSessionData(utils.CheckoutSessionData):
    """Oscar's checkout session data, plus how the buyer splits the payment (shop.welfare)."""

    # Welfare payment
    # ===============

    def pay_with_credit(self, *, credit: Decimal, rest_method: str, fringe_choice: str = "") -> None:
        """Credit taken from the wallet, how the rest is paid, and the fringe-benefit choice."""
        self._set("welfare", "credit", str(credit))
        self._set("welfare", "rest_method", rest_method)
        self._set("welfare", "fringe_choice", fringe_choice)

    def credit_payment(self) -> dict[str, str | None]:
        """The buyer's choice, as the keyword arguments of ``handle_payment``."""
        return {
            "credit": self._get("welfare", "credit"),
            "rest_method": self._get("welfare", "rest_method", "pos"),
            "fringe_choice": self._get("welfare", "fringe_choice"),
        }
