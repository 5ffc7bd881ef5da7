"""The countries the shop delivers to, kept in the cache until a country is saved or deleted.

Oscar's checkout reads them on every address form (the country field is hidden when there is
only one, Italy) and reads an address's country again on each new address object it builds
from the session (preview, order placement): one statement each time for a table that
changes once in years.
"""

from oscar.core.loading import get_model

from shop.core.cards import CacheVersion, versioned_value

Country = get_model("address", "Country")

COUNTRIES_VERSION = CacheVersion("address:countries:version", "countries-cache.stamp")
COUNTRIES_SECONDS = 60 * 60


def shipping_countries() -> list:
    """The shipping countries, in Oscar's order (each call gets instances of its own)."""
    key = f"address:shipping-countries:{COUNTRIES_VERSION.tag()}"
    return versioned_value(
        key, lambda: list(Country._default_manager.filter(is_shipping_country=True)), COUNTRIES_SECONDS
    )


def with_shipping_country(address):
    """``address`` with its country taken from the shipping countries, when it is one of them."""
    if address is not None and address.country_id is not None:
        for country in shipping_countries():
            if country.pk == address.country_id:
                address.country = country
                break
    return address


def connect_signals() -> None:
    COUNTRIES_VERSION.follow(Country)
