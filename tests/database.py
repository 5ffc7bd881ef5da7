"""The test database without replaying the ~200 migrations (most of a folder's run time).

pytest-django's ``--nomigrations`` (the default, see pyproject.toml) creates the tables from the
models; ``as_if_migrated`` then runs the data migrations whose rows, triggers or views the shop
relies on, and records every migration as applied, as ``migrate`` would have left it. The
migrations themselves are then visible again, so a test can still migrate backwards and
forwards (tests/bookings/test_migration_service_facts.py). ``pytest --migrations`` builds the
database through the real migrations instead.
"""

from importlib import import_module

from django.apps import apps as global_apps
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations.special import RunPython, RunSQL
from django.db.migrations.recorder import MigrationRecorder


def dashboard_group_as_migrate_leaves_it(apps, schema_editor) -> None:
    """customer 0008 runs before post_migrate creates the permissions: in a new database it leaves
    the group empty, with no staff yet to add to it."""
    apps.get_model("auth", "Group").objects.get_or_create(name="All Oscar Dashboard Permissions")


# Migrations with RunPython/RunSQL, and what they leave in a new database. A new one fails
# test_every_data_migration_is_accounted_for until it is added to one of the two.
REPLAYED = {
    # Run in this order with the current models: the function of that name in the migration.
    "forked_apps.catalogue.migrations.0030_auto_20250217_1247": "create_materialized_view",  # PostgreSQL
    "forked_apps.customer.migrations.0008_assign_permissions_to_staff": dashboard_group_as_migrate_leaves_it,
    "shop.logistics.migrations.0003_pictogram_rules_seed": "seed",
    "shop.needs.migrations.0002_seed_taxonomy": "seed",
    "shop.welfare.migrations.0002_ledger_append_only_trigger": "create_trigger",  # PostgreSQL
}
NOTHING_ON_A_NEW_DATABASE = [
    # They change rows that a new database does not have yet, or permissions that
    # post_migrate creates afterwards from the current models.
    "oscar.apps.address.migrations.0005_regenerate_user_address_hashes",
    "django.contrib.contenttypes.migrations.0002_remove_content_type_name",
    "django.contrib.auth.migrations.0011_update_proxy_permissions",
    "axes.migrations.0007_alter_accessattempt_unique_together",
    "forked_apps.basket.migrations.0010_convert_to_valid_json",
    "forked_apps.catalogue.migrations.0003_data_migration_slugs",
    "forked_apps.catalogue.migrations.0019_option_required",
    "forked_apps.catalogue.migrations.0024_remove_duplicate_attributes",
    "forked_apps.order.migrations.0012_convert_to_valid_json",
    "forked_apps.order.migrations.0017_set_num_allocated_to_quantity",
    "shop.bookings.migrations.0004_service_facts_on_product",
    "django_rq.migrations.0003_alter_dashboard_permission_names",
    "oscar.apps.voucher.migrations.0009_make_voucher_names_unique",
    "shop.welfare.migrations.0005_claim_receipt_keys",
    # Renames km0's content types to territory; a new database creates territory's directly.
    "shop.territory.migrations.0001_initial",
]


def data_migrations(loader: MigrationLoader) -> set[str]:
    """Modules of the migrations in the graph that run Python or SQL."""
    return {
        migration.__module__
        for migration in loader.graph.nodes.values()
        if any(isinstance(operation, RunPython | RunSQL) for operation in migration.operations)
    }


def as_if_migrated(connection) -> None:
    recorder = MigrationRecorder(connection)
    if recorder.has_table() and recorder.applied_migrations():
        return  # a database kept by --reuse-db
    with connection.schema_editor(atomic=False) as schema_editor:
        for module, function in REPLAYED.items():
            if isinstance(function, str):
                function = getattr(import_module(module), function)
            function(global_apps, schema_editor)
    recorder.ensure_schema()
    loader = MigrationLoader(None, ignore_no_migrations=True)
    applied = []
    for key, migration in loader.graph.nodes.items():
        # As MigrationExecutor records them: a squashed migration and each one it replaces.
        applied += [*migration.replaces, key]
    recorder.migration_qs.bulk_create(recorder.Migration(app=app, name=name) for app, name in applied)
