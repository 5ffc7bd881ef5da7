"""Search analyses Italian: a product is found by another form of the same words."""

import pytest
from django.urls import reverse

from tests.factories.km0 import product, services_class


def found(client, q):
    response = client.get(reverse("search:search"), {"q": q})
    assert response.status_code == 200
    return [item.object.title for item in response.context["page_obj"].object_list]


@pytest.fixture
def catalogue(places, rebuild_index):
    product(
        title="Mele biologiche",
        origin=places["016218"],
        description="<p>Raccolte a mano in Val Cavallina.</p>",
    )
    product(title="Assistenza domiciliare", origin=places["016193"], product_class=services_class())
    product(title="Formaggio di capra", origin=places["016128"])
    rebuild_index()


def test_stemmed_words_find_italian_products(client, catalogue):
    assert found(client, "mela biologica") == ["Mele biologiche"]
    assert found(client, "assistente domiciliari") == ["Assistenza domiciliare"]


def test_unrelated_words_find_nothing(client, catalogue):
    assert found(client, "pneumatici") == []


def test_origin_and_supplier_names_are_searchable(client, places, rebuild_index):
    from tests.factories import PartnerFactory

    product(
        title="Miele di castagno", origin=places["016093"], partner=PartnerFactory(name="Apicoltura Rossi")
    )
    rebuild_index()
    assert found(client, "Endine") == ["Miele di castagno"]
    assert found(client, "apicoltura") == ["Miele di castagno"]


def test_facets_are_whole_supplier_and_class_names(client, places, rebuild_index):
    from tests.factories import PartnerFactory

    product(
        title="Miele di castagno", origin=places["016093"], partner=PartnerFactory(name="Apicoltura Rossi")
    )
    rebuild_index()
    response = client.get(reverse("search:search"), {"q": "miele"})
    facets = response.context["facet_data"]
    assert [r["name"] for r in facets["supplier"]["results"]] == ["Apicoltura Rossi"]
    assert [r["name"] for r in facets["product_class"]["results"]] == ["Prodotti Km 0"]
