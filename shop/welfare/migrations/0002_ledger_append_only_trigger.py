"""On PostgreSQL, the database itself refuses UPDATE and DELETE of ledger entries.

SQLite is left without a trigger: its test flush deletes rows one table at a time and would
trip it; there the model and queryset guards apply.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION welfare_ledger_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'welfare ledger entries are append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER welfare_ledger_append_only
    BEFORE UPDATE OR DELETE ON welfare_ledgerentry
    FOR EACH ROW EXECUTE FUNCTION welfare_ledger_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS welfare_ledger_append_only ON welfare_ledgerentry;
DROP FUNCTION IF EXISTS welfare_ledger_append_only();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("welfare", "0001_ledger")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
