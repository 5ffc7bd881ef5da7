"""The municipalities move from km0 to territory without touching the database (territory 0001,
km0 0005 and one state-only migration per app pointing at them): rows, ids, links, foreign-key
constraints and permissions stay as they were, and the move can be reversed."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("territory", None),
    ("contenttypes", "0002_remove_content_type_name"),
    ("km0", "0004_distance_origin_related_name"),
    ("basket", "0013_line_distance"),
    ("bookings", "0004_service_facts_on_product"),
    ("catalogue", "0036_product_service_facts"),
    ("charter", "0002_signed_pdf_private_storage"),
    ("eligibility", "0003_roster_column_mapping"),
    ("logistics", "0003_pictogram_rules_seed"),
    ("needs", "0002_seed_taxonomy"),
    ("order", "0022_line_distance"),
    ("partner", "0008_partner_supplier_fields"),
]
AFTER = [("km0", "0005_municipality_to_territory")]
TABLES = {"km0_municipality", "km0_municipalitydistance"}


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    # The state where an app is not migrated at all is the state of the other targets.
    return executor.loader.project_state([target for target in targets if target[1]]).apps


def constraints_on_the_tables():
    """Every constraint and index of the two tables, and every foreign key pointing at them."""
    found = set()
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for name, info in connection.introspection.get_constraints(cursor, table).items():
                target = info["foreign_key"][0] if info["foreign_key"] else None
                if table in TABLES or target in TABLES:
                    # SQLite numbers its foreign keys instead of naming them.
                    label = name if connection.vendor != "sqlite" or not target else ""
                    found.add((table, label, tuple(info["columns"]), info["foreign_key"], info["unique"]))
    return found


@pytest.fixture
def back_to_latest(transactional_db):
    """Whatever happens, the schema is the latest one again for the tests that follow."""
    yield
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_municipalities_move_to_territory_with_their_rows_links_and_permission(back_to_latest):
    apps = migrate(BEFORE)
    constraints = constraints_on_the_tables()
    assert any(info[3] == ("km0_municipality", "istat_code") for info in constraints)
    Municipality = apps.get_model("km0", "Municipality")
    sarnico = Municipality.objects.create(
        istat_code="016193", name="Sarnico", province="BG", cadastral_code="I437",
        lat="45.66962", lon="9.96276", area="Basso Sebino",
    )  # fmt: skip
    lovere = Municipality.objects.create(
        istat_code="016128", name="Lovere", province="BG", cadastral_code="E704",
        lat="45.81224", lon="10.06969",
    )  # fmt: skip
    Distance = apps.get_model("km0", "MunicipalityDistance")
    distance = Distance.objects.create(origin=lovere, home=sarnico, km="16.8")
    employer = apps.get_model("eligibility", "Employer").objects.create(
        legal_name="Tessiture Sebine", vat_number="01234567890", area="Basso Sebino", seat=lovere
    )
    employee = apps.get_model("eligibility", "Employee").objects.create(
        employer=employer, first_name="Anna", last_name="Rota", codice_fiscale="RTONNA80A41E704X",
        work_email="anna@example.com", home_municipality=sarnico, work_municipality=lovere,
        start_date="2026-01-01",
    )  # fmt: skip
    partner = apps.get_model("partner", "Partner").objects.create(name="Fisio Sebino", seat=sarnico)
    partner.served_municipalities.add(sarnico, lovere)
    product_class = apps.get_model("catalogue", "ProductClass").objects.create(name="Miele", slug="miele")
    product = apps.get_model("catalogue", "Product").objects.create(
        title="Miele di castagno", slug="miele-di-castagno", product_class=product_class, origin=lovere
    )
    zone = apps.get_model("logistics", "Zone").objects.create(name="Basso Sebino")
    zone.municipalities.add(sarnico)
    Permission = apps.get_model("auth", "Permission")
    maps_permission = Permission.objects.get(content_type__app_label="km0", codename="view_territory_maps")
    group = apps.get_model("auth", "Group").objects.create(name="mappe")
    group.permissions.add(maps_permission)

    apps = migrate(AFTER)
    assert constraints_on_the_tables() == constraints
    Municipality = apps.get_model("territory", "Municipality")
    assert sorted(Municipality.objects.values_list("pk", flat=True)) == ["016128", "016193"]
    assert Municipality.objects.get(pk="016193").area == "Basso Sebino"
    moved = apps.get_model("territory", "MunicipalityDistance").objects.get(pk=distance.pk)
    assert (moved.origin.name, moved.home.name, str(moved.km)) == ("Lovere", "Sarnico", "16.8")
    employee = apps.get_model("eligibility", "Employee").objects.get(pk=employee.pk)
    assert isinstance(employee.home_municipality, Municipality)
    assert (employee.home_municipality.name, employee.work_municipality.name) == ("Sarnico", "Lovere")
    assert apps.get_model("eligibility", "Employer").objects.get(pk=employer.pk).seat.name == "Lovere"
    partner = apps.get_model("partner", "Partner").objects.get(pk=partner.pk)
    assert partner.seat.name == "Sarnico"
    assert sorted(partner.served_municipalities.values_list("name", flat=True)) == ["Lovere", "Sarnico"]
    assert apps.get_model("catalogue", "Product").objects.get(pk=product.pk).origin.name == "Lovere"
    zone = apps.get_model("logistics", "Zone").objects.get(pk=zone.pk)
    assert list(zone.municipalities.values_list("name", flat=True)) == ["Sarnico"]
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(content_type__app_label="territory", codename="view_territory_maps")
    assert permission.pk == maps_permission.pk
    assert list(apps.get_model("auth", "Group").objects.get(name="mappe").permissions.all()) == [permission]
    assert not apps.get_model("contenttypes", "ContentType").objects.filter(app_label="km0").exists()

    apps = migrate(BEFORE)
    assert constraints_on_the_tables() == constraints
    employee = apps.get_model("eligibility", "Employee").objects.get(pk=employee.pk)
    assert (employee.home_municipality.name, employee.work_municipality.name) == ("Sarnico", "Lovere")
    assert apps.get_model("km0", "MunicipalityDistance").objects.get(pk=distance.pk).km == moved.km
    permission = apps.get_model("auth", "Permission").objects.get(pk=maps_permission.pk)
    assert permission.content_type.app_label == "km0"
