"""Basket forms: quantities are read as digits only (shop.core.forms.QuantityField).

Oscar's integer field reads "1.000" (a thousand, to an Italian) as 1 and "١٢" as 12.
"""

from django.utils.translation import gettext_lazy as _
from oscar.apps.basket import forms as oscar_forms

from shop.core.forms import QuantityField


class BasketLineForm(oscar_forms.BasketLineForm):
    quantity = QuantityField(label=_("Quantity"), min_value=0, required=False, initial=1)


class AddToBasketForm(oscar_forms.AddToBasketForm):
    quantity = QuantityField(initial=1, min_value=1, label=_("Quantity"))

    def cleaned_options(self):
        # Oscar builds the option fields only when the product has options, then reads its
        # options again here: a product without any has none to clean, and no query.
        if not self.parent_product.has_options:
            return []
        return super().cleaned_options()
