import pytest

# The headless-Chromium fixture of every browser test (tests/browser.py).
from tests.browser import browser  # noqa: F401


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # A test run never collects static files: templates resolve them from the finders.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts from an empty cache: primary keys come back after a rollback, so an
    entry keyed on one test's user or product must not answer for the next test's."""
    from django.core.cache import cache

    cache.clear()
