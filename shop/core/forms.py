"""Form fields for what people type as money and quantities.

Django's number fields read whatever Python reads: "1e3" is a thousand euros, "1_0" is ten,
"١٢" is twelve, and an integer field reads "1.000" (a thousand, to an Italian) as one. These
fields first require plain ASCII digits with the Italian separators, so a typo is refused with
a message instead of turning into another amount.
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

# "1234,50", "12.50" (a dot followed by three digits is a thousands dot: "1.500" is 1500),
# ",5", or thousands dots in groups of three ("1.234,50").
MONEY_TEXT = re.compile(
    r"[+-]?(?:[0-9]+(?:,[0-9]*)?|[0-9]+\.[0-9]{0,2}|[.,][0-9]{1,2}|[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]*)?)"
)
QUANTITY_TEXT = re.compile(r"[+-]?[0-9]+")


class MoneyField(forms.DecimalField):
    """Euros to the cent, written the Italian way ("1.234,50"; "12.50" is read as 12,50 too)."""

    default_error_messages = {"invalid": _("Write an amount in euros with digits only, e.g. 12,50.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("localize", True)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def to_python(self, value):
        if isinstance(value, str):
            # Stripped first: Django reads the separators before stripping, so "1.500 " would
            # be 1,5 (and refused) while "1.500" is 1500.
            value = value.strip()
            if value and not MONEY_TEXT.fullmatch(value):
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        value = super().to_python(value)
        # "-0" is zero: never show or store a negative zero.
        return abs(value) if value is not None and value == 0 else value


class QuantityField(forms.IntegerField):
    """A whole number of pieces, digits only (no "1.000", no "3.0")."""

    default_error_messages = {"invalid": _("Write a whole number with digits only, e.g. 3.")}

    def to_python(self, value):
        if isinstance(value, str) and value.strip() and not QUANTITY_TEXT.fullmatch(value.strip()):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)
