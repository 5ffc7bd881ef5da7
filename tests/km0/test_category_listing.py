"""Category pages: distance filter, sort by distance, badge, anonymous vs logged-in, query counts."""

from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from shop.km0.services import distances_compute
from tests.factories import PartnerFactory
from tests.factories.km0 import product, services_class

Product = get_model("catalogue", "Product")


def titles(response):
    return [item.object.title for item in response.context["products"]]


@pytest.fixture
def shelf(places, category):
    """Products from Trescore, Sarnico, Endine Gaiano and Lovere in one category."""
    made = {
        "Mele di Trescore": product(title="Mele di Trescore", origin=places["016218"], categories=[category]),
        "Vino di Sarnico": product(title="Vino di Sarnico", origin=places["016193"], categories=[category]),
        "Miele di Endine": product(title="Miele di Endine", origin=places["016093"], categories=[category]),
        "Formaggio di Lovere": product(
            title="Formaggio di Lovere", origin=places["016128"], categories=[category]
        ),
        "Sale senza origine": product(title="Sale senza origine", categories=[category]),
    }
    distances_compute()
    return made


def test_anonymous_visitor_sees_distances_from_the_territory_centre(client, shelf, category):
    response = client.get(category.get_absolute_url(), {"sort_by": "distance"}, HTTP_ACCEPT_LANGUAGE="it")
    assert response.status_code == 200
    assert response.context["km0_reference"].municipality.pk == "016119"
    assert response.context["km0_reference"].is_home is False
    # From Grone: Sarnico 6.9 km, Trescore 7.1, Endine 7.2, Lovere 14.6; no origin last.
    distances = [(item.object.title, item.object.distance_km) for item in response.context["products"]]
    assert distances[-1] == ("Sale senza origine", None)
    kms = [km for _, km in distances[:-1]]
    assert kms == sorted(kms)
    assert "dal centro del territorio" in response.content.decode()


def test_logged_in_employee_sees_distances_from_home(client, shelf, category, employee):
    client.force_login(employee.user)
    response = client.get(category.get_absolute_url(), {"sort_by": "distance"})
    reference = response.context["km0_reference"]
    assert reference.is_home and reference.municipality.pk == "016218"
    assert titles(response)[:2] == ["Mele di Trescore", "Vino di Sarnico"]
    first = response.context["products"][0].object
    assert first.distance_km == Decimal("0.0")


def test_a_move_or_leaving_shows_in_the_distances_on_the_next_page(client, shelf, category, employee, places):
    """The reference point is kept across requests: a roster change reads it again."""
    client.force_login(employee.user)
    assert client.get(category.get_absolute_url()).context["km0_reference"].municipality.pk == "016218"

    employee.home_municipality = places["016128"]  # moved to Lovere
    employee.save()
    moved = client.get(category.get_absolute_url(), {"sort_by": "distance"})
    assert moved.context["km0_reference"].municipality.pk == "016128"
    assert titles(moved)[0] == "Formaggio di Lovere"

    employee.delete()  # no employment left: distances from the territory's centre
    assert client.get(category.get_absolute_url()).context["km0_reference"].is_home is False


def test_within_km_filter_keeps_only_products_made_within_that_distance(client, shelf, category, employee):
    client.force_login(employee.user)
    response = client.get(category.get_absolute_url(), {"km": "10"})
    # From Trescore: Sarnico 9.6 km, Endine 13.2 km, Lovere 21.6 km.
    assert sorted(titles(response)) == ["Mele di Trescore", "Vino di Sarnico"]
    response = client.get(category.get_absolute_url(), {"km": "25", "sort_by": "distance"})
    assert titles(response) == [
        "Mele di Trescore",
        "Vino di Sarnico",
        "Miele di Endine",
        "Formaggio di Lovere",
    ]


def test_distance_facet_counts_products_per_band(client, shelf, category, employee):
    client.force_login(employee.user)
    response = client.get(category.get_absolute_url())
    counts = [r["count"] for r in response.context["facet_data"]["distance"]["results"]]
    assert counts == [2, 4, 4, 4]


def test_invalid_distance_shows_an_italian_message_and_filters_nothing(client, shelf, category):
    response = client.get(
        category.get_absolute_url(), {"km": "33", "sort_by": "distance"}, HTTP_ACCEPT_LANGUAGE="it"
    )
    assert len(response.context["products"]) == 5
    assert response.context["distance_form"].errors["km"]
    assert titles(response)[-1] == "Sale senza origine"  # the valid sort still applies


def test_only_services_reaching_home_filter(client, places, category, home_care):
    home_care.categories.add(category)
    product(title="Mele", origin=places["016218"], categories=[category])
    lovere_partner = PartnerFactory(name="Cooperativa Lovere", seat=places["016128"])
    lovere_partner.served_municipalities.set([places["016128"], places["016218"]])
    product(
        title="Pulizie domestiche",
        origin=places["016128"],
        partner=lovere_partner,
        product_class=services_class(),
        categories=[category],
    )
    distances_compute()
    from tests.factories.km0 import EmployeeFactory

    sarnico = EmployeeFactory(home_municipality=places["016193"])
    trescore = EmployeeFactory(home_municipality=places["016218"])
    client.force_login(sarnico.user)
    assert titles(client.get(category.get_absolute_url(), {"reaches": "on"})) == ["Assistenza domiciliare"]
    client.force_login(trescore.user)
    assert titles(client.get(category.get_absolute_url(), {"reaches": "on"})) == ["Pulizie domestiche"]


def queries_per_page(client, url, settings, django_assert_max_num_queries, page_size, limit):
    settings.OSCAR_PRODUCTS_PER_PAGE = page_size
    client.get(url)  # warm the caches a first visit fills
    with django_assert_max_num_queries(limit) as captured:
        response = client.get(url)
    assert len(response.context["products"]) == page_size
    return len(captured)


@pytest.fixture
def hundred_products(places, category):
    partner = PartnerFactory(seat=places["016193"])
    origins = [places[c] for c in ("016218", "016128", "016193", "016093")]
    for n in range(100):
        product(title=f"Prodotto {n}", origin=origins[n % 4], partner=partner, categories=[category])
    distances_compute()


def test_category_page_queries_do_not_grow_with_page_size_for_anonymous_visitors(
    client, category, hundred_products, settings, django_assert_max_num_queries
):
    url = f"{category.get_absolute_url()}?km=50&sort_by=distance"
    counts = [
        queries_per_page(client, url, settings, django_assert_max_num_queries, n, 15) for n in (20, 100)
    ]
    print("queries per page", counts)
    assert counts[0] == counts[1]


def test_category_page_queries_do_not_grow_with_page_size_for_employees(
    client, category, hundred_products, employee, settings, django_assert_max_num_queries
):
    client.force_login(employee.user)
    url = f"{category.get_absolute_url()}?km=50&sort_by=distance"
    # The limit counts the whole page: layout, basket, wallet and charter included.
    counts = [
        queries_per_page(client, url, settings, django_assert_max_num_queries, n, 30) for n in (20, 100)
    ]
    print("queries per page", counts)
    assert counts[0] == counts[1]
