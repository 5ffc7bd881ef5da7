"""The test database is built from the models, then made as if migrated (tests/database.py)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from tests.database import NOTHING_ON_A_NEW_DATABASE, REPLAYED, data_migrations


def test_every_data_migration_is_accounted_for():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    assert data_migrations(loader) == set(REPLAYED) | set(NOTHING_ON_A_NEW_DATABASE)


@pytest.mark.django_db
def test_the_test_database_has_nothing_left_to_migrate():
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []


def test_a_factory_category_never_takes_a_root_path_a_test_already_used(db):
    """Oscar's CategoryFactory counts root paths itself; tests/conftest.py lets treebeard choose."""
    from oscar.core.loading import get_model
    from oscar.test.factories import CategoryFactory

    Category = get_model("catalogue", "Category")
    Category.add_root(name="Dispensa")  # path "0001"
    CategoryFactory.reset_sequence(1)  # Oscar's own numbering would give "0001" again
    made = CategoryFactory()
    assert made.path != "0001"
    assert Category.objects.count() == 2
