"""Search results: filtered by distance, sorted by distance, faceted by distance band."""

import pytest
from django.urls import reverse

from shop.km0.services import distances_compute
from tests.factories import PartnerFactory
from tests.factories.km0 import product


def titles(response):
    return [item.object.title for item in response.context["page_obj"].object_list]


@pytest.fixture
def honeys(places, rebuild_index):
    for code, place in (
        ("016218", "Trescore"),
        ("016193", "Sarnico"),
        ("016093", "Endine"),
        ("016128", "Lovere"),
    ):
        product(title=f"Miele di {place}", origin=places[code])
    product(title="Miele senza origine")
    distances_compute()
    rebuild_index()


def test_search_within_km_keeps_products_made_near_home(client, honeys, employee):
    client.force_login(employee.user)
    response = client.get(reverse("search:search"), {"q": "miele", "km": "10"})
    assert sorted(titles(response)) == ["Miele di Sarnico", "Miele di Trescore"]


def test_search_sorted_by_distance_from_home(client, honeys, employee):
    client.force_login(employee.user)
    response = client.get(reverse("search:search"), {"q": "miele", "sort_by": "distance"})
    assert titles(response) == [
        "Miele di Trescore",
        "Miele di Sarnico",
        "Miele di Endine",
        "Miele di Lovere",
        "Miele senza origine",
    ]
    assert response.context["page_obj"].object_list[0].object.distance_km == 0


def test_search_sorted_by_distance_from_the_centre_for_anonymous_visitors(client, honeys):
    response = client.get(reverse("search:search"), {"q": "miele", "sort_by": "distance"})
    # From Grone: Sarnico 6.9 km, Trescore 7.1, Endine 7.2, Lovere 14.6.
    assert titles(response)[:4] == [
        "Miele di Sarnico",
        "Miele di Trescore",
        "Miele di Endine",
        "Miele di Lovere",
    ]
    assert response.context["km0_reference"].is_home is False


def test_search_distance_facet_counts_bands_from_home(client, honeys, employee):
    client.force_login(employee.user)
    response = client.get(reverse("search:search"), {"q": "miele", "km": "10"})
    facet = response.context["facet_data"]["distance"]
    assert [r["count"] for r in facet["results"]] == [2, 4, 4, 4]
    assert facet["results"][0]["selected"] is True


def test_search_only_services_reaching_home(client, places, home_care, rebuild_index):
    from tests.factories.km0 import EmployeeFactory, services_class

    trescore_partner = PartnerFactory(name="Cooperativa Trescore")
    trescore_partner.served_municipalities.set([places["016218"]])
    product(
        title="Assistenza anziani",
        origin=places["016218"],
        partner=trescore_partner,
        product_class=services_class(),
    )
    distances_compute()
    rebuild_index()
    client.force_login(EmployeeFactory(home_municipality=places["016093"]).user)  # lives in Endine Gaiano
    response = client.get(reverse("search:search"), {"q": "assistenza", "reaches": "on"})
    assert titles(response) == ["Assistenza domiciliare"]
    response = client.get(reverse("search:search"), {"q": "assistenza"})
    reach = {item.object.title: item.object.reaches_home for item in response.context["page_obj"].object_list}
    assert reach == {"Assistenza domiciliare": True, "Assistenza anziani": False}


@pytest.mark.parametrize("sort", ["", "distance"])
def test_search_page_queries_do_not_grow_with_page_size(
    client, places, rebuild_index, settings, django_assert_max_num_queries, sort
):
    partner = PartnerFactory()
    origins = [places[c] for c in ("016218", "016128", "016193", "016093")]
    for n in range(100):
        product(title=f"Miele {n}", origin=origins[n % 4], partner=partner)
    distances_compute()
    rebuild_index()
    counts = []
    for size in (20, 100):
        settings.OSCAR_PRODUCTS_PER_PAGE = size
        params = {"q": "miele", "km": "50", "sort_by": sort}
        client.get(reverse("search:search"), params)
        with django_assert_max_num_queries(15) as captured:
            response = client.get(reverse("search:search"), params)
        assert len(response.context["page_obj"].object_list) == size
        counts.append(len(captured))
    print("search queries per page", counts)
    assert counts[0] == counts[1]
