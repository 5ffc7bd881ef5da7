"""The shipping countries kept in the cache (shop/core/countries.py): read once, read again
after any country is saved; the checkout's address form still follows Oscar's rule (no
country field for a single shipping country, a choice among several)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_class, get_model

from shop.core.countries import shipping_countries, with_shipping_country
from tests.request_scope import as_one_request

Country = get_model("address", "Country")
ShippingAddress = get_model("order", "ShippingAddress")
ShippingAddressForm = get_class("checkout.forms", "ShippingAddressForm")

pytestmark = pytest.mark.django_db


@pytest.fixture
def italy():
    return Country.objects.update_or_create(
        iso_3166_1_a2="IT",
        defaults={"name": "Italia", "printable_name": "Italia", "is_shipping_country": True},
    )[0]


def san_marino():
    Country.objects.create(
        iso_3166_1_a2="SM", name="San Marino", printable_name="San Marino", is_shipping_country=True
    )


def queries(read):
    with as_one_request(), CaptureQueriesContext(connection) as captured:
        answer = read()
    return len(captured), answer


def test_read_once_then_again_after_a_country_is_saved(italy):
    assert [c.pk for c in queries(shipping_countries)[1]] == ["IT"]
    assert queries(shipping_countries)[0] == 0

    Country.objects.create(
        iso_3166_1_a2="SM", name="San Marino", printable_name="San Marino", is_shipping_country=True
    )

    assert sorted(c.pk for c in shipping_countries()) == ["IT", "SM"]


def test_an_address_from_the_session_gets_its_country_without_a_query(italy):
    shipping_countries()
    address = ShippingAddress(first_name="Giulia", line1="Via Roma 1", line4="Sarnico", country_id="IT")

    count, found = queries(lambda: with_shipping_country(address).country.printable_name)

    assert (count, found) == (0, "Italia")


def test_the_address_form_offers_a_choice_only_among_several_countries(italy):
    assert "country" not in ShippingAddressForm().fields

    Country.objects.create(
        iso_3166_1_a2="SM", name="San Marino", printable_name="San Marino", is_shipping_country=True
    )
    field = ShippingAddressForm().fields["country"]

    assert sorted(field.queryset.values_list("pk", flat=True)) == ["IT", "SM"]
