import pytest
from django.core.management import call_command
from haystack import connections

from tests.km0.conftest import (  # noqa: F401  (shared fixtures)
    _plain_static_storage,
    category,
    employee,
    home_care,
    places,
)


@pytest.fixture
def rebuild_index(settings, tmp_path):
    """A fresh Whoosh index in a temporary folder; call it after creating the products."""
    settings.HAYSTACK_CONNECTIONS = {
        "default": {**settings.HAYSTACK_CONNECTIONS["default"], "PATH": str(tmp_path / "whoosh")}
    }
    connections.reload("default")

    def rebuild():
        call_command("rebuild_index", interactive=False, verbosity=0)

    yield rebuild
    connections.reload("default")
