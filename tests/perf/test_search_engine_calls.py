"""A search results page asks the search engine once, and not at all while the index is unchanged.

Haystack alone asks Whoosh for the count, the page, the facets and the spelling suggestion
separately, each time processing every hit (shop/core/search_backend.py search_found).
"""

import pytest
from django.core.cache import cache
from django.core.management import call_command

from shop.core.search_backend import ItalianWhooshSearchBackend
from tests.core.test_storefront_pages import plain_static_storage
from tests.core.test_storefront_queries import grow, shop

pytestmark = pytest.mark.django_db

__all__ = ["plain_static_storage", "shop"]


@pytest.fixture
def engine_calls(monkeypatch):
    calls = []
    search = ItalianWhooshSearchBackend.search

    def counted(self, query_string, **kwargs):
        calls.append(query_string)
        return search(self, query_string, **kwargs)

    monkeypatch.setattr(ItalianWhooshSearchBackend, "search", counted)
    return calls


@pytest.fixture
def indexed(shop):
    cache.clear()
    grow(shop, to=5)
    call_command("rebuild_index", interactive=False, verbosity=0)
    return shop


def test_results_page_asks_the_engine_once(client, indexed, engine_calls):
    response = client.get("/search/?q=miele")

    assert response.status_code == 200
    assert response.context["paginator"].count == 10
    assert len(engine_calls) == 1
    facets = response.context["facets"]["fields"]
    assert "category" in facets and "origin" in facets


def test_the_same_search_again_is_answered_from_the_cache(client, indexed, engine_calls):
    first = client.get("/search/?q=miele")
    second = client.get("/search/?q=miele")

    assert len(engine_calls) == 1
    assert [i.pk for i in second.context["page_obj"].object_list] == [
        i.pk for i in first.context["page_obj"].object_list
    ]


def test_a_new_index_is_searched_again(client, indexed, engine_calls):
    client.get("/search/?q=miele")
    grow(indexed, to=8)
    call_command("rebuild_index", interactive=False, verbosity=0)
    response = client.get("/search/?q=miele")

    assert len(engine_calls) == 2
    assert response.context["paginator"].count == 16


def test_suggestion_comes_from_the_same_search(client, indexed, engine_calls):
    response = client.get("/search/?q=miele")

    assert len(engine_calls) == 1
    assert response.context["suggestion"] == "miel"  # Whoosh's corrector, as haystack asks it


def test_distance_filter_asks_once_more_for_the_bands(client, indexed, engine_calls):
    response = client.get("/search/?q=miele&km=10")

    assert response.status_code == 200
    assert len(engine_calls) <= 2  # the filtered hits, and all hits for the distance bands
    assert response.context["facet_data"]["distance"]["results"]
