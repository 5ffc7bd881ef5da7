import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_english_browser_still_gets_the_italian_storefront(client):
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert response.status_code == 200
    assert '<html lang="it"' in response.content.decode()


def test_the_language_switcher_turns_the_storefront_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="it")

    assert '<html lang="en"' in response.content.decode()
