"""Oscar's ``search_form`` context variable, made only by a page that uses it
(shop.core.context_processors.search_form): the header's search box is plain markup."""

from unittest import mock

import pytest
from django.test import RequestFactory
from oscar.core.loading import get_class

from shop.core import context_processors

SearchForm = get_class("search.forms", "SearchForm")

pytestmark = pytest.mark.django_db


def made_forms(read):
    """How many search forms were made while ``read()`` ran, and its answer."""
    make = SearchForm.__init__
    with mock.patch.object(SearchForm, "__init__", autospec=True, side_effect=make) as spy:
        answer = read()
    return spy.call_count, answer


def test_a_page_with_the_search_box_makes_no_search_form(client):
    made, response = made_forms(lambda: client.get("/basket/"))

    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()  # the header's search box is there
    assert made == 0


def test_a_template_that_uses_it_gets_the_query_typed():
    request = RequestFactory().get("/catalogue/", {"q": "miele di castagno"})

    made, context = made_forms(lambda: context_processors.search_form(request))
    assert made == 0
    form = context["search_form"]

    assert form.is_valid() and form.cleaned_data["q"] == "miele di castagno"
    assert isinstance(form, SearchForm)
