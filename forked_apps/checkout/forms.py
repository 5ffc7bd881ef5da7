"""Checkout forms fork: the address form takes the shipping countries from the cache."""

from oscar.apps.checkout.forms import *  # noqa: F403  (the rest of the module unchanged)
from oscar.apps.checkout.forms import ShippingAddressForm as OscarShippingAddressForm

from shop.core.countries import shipping_countries


class ShippingAddressForm(OscarShippingAddressForm):
    def adjust_country_field(self):
        countries = shipping_countries()
        if len(countries) == 1:  # Oscar's rule: no country field for a single country
            self.fields.pop("country", None)
            self.instance.country = countries[0]
        else:
            super().adjust_country_field()
