import pytest
from django.conf import settings
from oscar.test.factories import catalogue as oscar_catalogue_factories

from shop.core.roles import Role, grant_role

# The headless-Chromium fixture of every browser test (tests/browser.py).
from tests.browser import browser  # noqa: F401
from tests.database import as_if_migrated
from tests.factories.eligibility import EmployerFactory

# Before pytest-django's --nomigrations hides the migrations for the database's creation.
MIGRATION_MODULES = settings.MIGRATION_MODULES


def _category_root(model_class, *args, **kwargs):
    """Oscar's CategoryFactory numbers root paths from its own sequence ("0001", "0002", ...),
    which collides with a root that a test made with ``add_root`` or ``create_from_breadcrumbs``
    (UNIQUE catalogue_category.path, depending on which tests a worker ran first): let
    treebeard choose the path, as the shop does."""
    kwargs.pop("path", None)
    kwargs.pop("depth", None)
    return model_class.add_root(**kwargs)


oscar_catalogue_factories.CategoryFactory._create = classmethod(
    lambda cls, model_class, *args, **kwargs: _category_root(model_class, *args, **kwargs)
)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, django_db_use_migrations):
    """The test database, created from the models then made as if migrated (tests/database.py)."""
    if not django_db_use_migrations:
        settings.MIGRATION_MODULES = MIGRATION_MODULES
        from django.db import connection

        with django_db_blocker.unblock():
            as_if_migrated(connection)


@pytest.fixture(autouse=True, scope="session")
def _own_cache_stamps(tmp_path_factory):
    """Each test process its own ``VAR_DIR`` for the stamp files of the cache versions
    (shop/core/cards.py): with the local-memory cache a stamp is how gunicorn workers of one
    machine tell each other of a change, so another xdist worker's bumps (a fuzz test bumps
    hundreds of times) would change this one's versions in the middle of a test."""
    settings.VAR_DIR = tmp_path_factory.mktemp("var")


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
    from django.core.cache import cache, caches

    cache.clear()
    caches["fragments"].clear()  # templates a test overrides render afresh


# --- Roles shared by the folders (a folder that needs another one overrides it, saying why) ---


@pytest.fixture
def employer(db):
    return EmployerFactory(legal_name="Cooperativa Il Sorriso")


@pytest.fixture
def other_employer(db):
    return EmployerFactory(legal_name="Cooperativa Altrove")


@pytest.fixture
def manager(db):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(
        username="gestore@example.org", email="gestore@example.org", password="pw-Man-2026", is_staff=True
    )
    grant_role(user, Role.MANAGER)
    return user
