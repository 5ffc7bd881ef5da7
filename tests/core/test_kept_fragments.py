"""Parts of a page that are the same for every visitor, kept by each process.

The footer and the checkout steps are kept in the ``fragments`` cache (CACHES: local memory)
per language, and the footer per year, the steps per step; the storage of collected static
files keeps each name's URL (shop/core/static_storage.py); the messages part of a page with
no pending message is kept there per language too (shop/storefront/page_cache.py). Each
test shows that what varies still shows, from the kept copies.
"""

import datetime
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.template import defaulttags
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from shop.core.static_storage import KeptUrlsStaticFilesStorage
from shop.storefront import page_cache


def footer(language: str) -> str:
    with translation.override(language):
        return render_to_string("oscar/partials/footer.html")  # the active language, as on an error page


def test_the_footer_is_kept_and_shown_in_each_language():
    italian = footer("it")
    english = footer("en")

    assert "Chi siamo" in italian and "Who we are" in english
    assert footer("it") == italian and footer("en") == english  # from the kept copies
    assert len(caches["fragments"]._cache) == 2


def test_the_footer_shows_the_new_year_at_once(monkeypatch):
    class NewYear(datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime.datetime(2027, 1, 1, 0, 5, tzinfo=tz)

    assert "© 2027" not in footer("it")
    monkeypatch.setattr(defaulttags, "datetime", NewYear)

    assert "© 2027" in footer("it")


def steps(step: int, language: str = "it") -> str:
    with translation.override(language):
        return render_to_string("oscar/checkout/nav.html", {"step": step})


def current_step(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html.split('aria-current="step">')[1].split("</li>")[0]).strip()


def test_the_checkout_steps_show_the_step_of_each_page():
    assert current_step(steps(3)) == "Pagamento"
    assert current_step(steps(4)) == "Riepilogo"
    assert current_step(steps(3)) == "Pagamento"  # kept per step
    assert current_step(steps(4, "en")) == "Review"
    assert 'href="/checkout/payment-details/"' in steps(4) and "payment-details" not in steps(3)


@pytest.fixture
def collected(tmp_path, settings):
    """A storage of collected files whose manifest knows one stylesheet."""
    settings.DEBUG = False
    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"version": "1.1", "hash": "x", "paths": {"shop/css/shop.css": "shop/css/shop.0123.css"}})
    )
    return KeptUrlsStaticFilesStorage(location=str(tmp_path), base_url="/static/")


def test_a_static_url_is_found_once_and_kept(collected):
    assert collected.url("shop/css/shop.css") == "/static/shop/css/shop.0123.css"

    collected.hashed_files = {}  # the manifest is not read again
    assert collected.url("shop/css/shop.css") == "/static/shop/css/shop.0123.css"


def test_a_name_missing_from_the_manifest_raises_every_time(collected):
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            collected.url("shop/css/gone.css")


def test_collecting_again_forgets_the_kept_urls(collected):
    collected.url("shop/css/shop.css")

    list(collected.post_process({}, dry_run=True))

    with pytest.raises(ValueError):
        collected.url("shop/css/shop.css")


def messages_part(request) -> str:
    request._atc56w_personal_parts = {}
    return page_cache.personal_part(request, "messages")


def test_without_pending_messages_the_messages_part_asks_no_cache(monkeypatch):
    asked = []
    monkeypatch.setattr(page_cache, "versioned_value", lambda *args: asked.append(args))
    request = RequestFactory().get("/")
    request.user = get_user_model()(pk=7, username="anna", is_active=True)  # a signed-in buyer

    with translation.override("it"):
        part = messages_part(request)
        again = messages_part(request)

    assert part == again and re.fullmatch(r'\s*<div id="messages">\s*</div>\s*', part)
    assert asked == []
