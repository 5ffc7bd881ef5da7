"""The municipalities move from km0 to territory without moving their data.

The tables keep their names (``Meta.db_table``), so the models are created in the migration
state only; the content types (and the permissions hanging on them) are renamed, so groups
and users keep ``view_territory_maps`` and the default model permissions.
"""

import django.db.models.deletion
from django.db import migrations, models

MOVED = ("municipality", "municipalitydistance")


def content_types_move(apps, schema_editor, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_types = ContentType.objects.using(schema_editor.connection.alias)
    for model in MOVED:
        # A type already there (created after a partial migration) wins: the old one is left stale.
        if not content_types.filter(app_label=new, model=model).exists():
            content_types.filter(app_label=old, model=model).update(app_label=new)
    ContentType.objects.clear_cache()


def content_types_to_territory(apps, schema_editor):
    content_types_move(apps, schema_editor, "km0", "territory")


def content_types_to_km0(apps, schema_editor):
    content_types_move(apps, schema_editor, "territory", "km0")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("km0", "0004_distance_origin_related_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Municipality",
                    fields=[
                        (
                            "istat_code",
                            models.CharField(
                                max_length=6, primary_key=True, serialize=False, verbose_name="ISTAT code"
                            ),
                        ),
                        ("name", models.CharField(db_index=True, max_length=120, verbose_name="name")),
                        ("province", models.CharField(max_length=2, verbose_name="province")),
                        (
                            "cadastral_code",
                            models.CharField(max_length=4, unique=True, verbose_name="cadastral code"),
                        ),
                        ("lat", models.DecimalField(decimal_places=5, max_digits=8, verbose_name="latitude")),
                        (
                            "lon",
                            models.DecimalField(decimal_places=5, max_digits=8, verbose_name="longitude"),
                        ),
                        ("population", models.PositiveIntegerField(default=0, verbose_name="population")),
                        (
                            "population_0_14",
                            models.PositiveIntegerField(default=0, verbose_name="residents aged 0-14"),
                        ),
                        (
                            "population_65_plus",
                            models.PositiveIntegerField(default=0, verbose_name="residents aged 65+"),
                        ),
                        (
                            "population_80_plus",
                            models.PositiveIntegerField(default=0, verbose_name="residents aged 80+"),
                        ),
                        (
                            "area",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("Val Cavallina", "Val Cavallina"),
                                    ("Basso Sebino", "Basso Sebino"),
                                ],
                                max_length=20,
                                verbose_name="social-services area",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "municipality",
                        "verbose_name_plural": "municipalities",
                        "db_table": "km0_municipality",
                        "ordering": ["name"],
                        "permissions": [
                            ("view_territory_maps", "Can view the territory maps of offer and km-0 spending")
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="MunicipalityDistance",
                    fields=[
                        (
                            "id",
                            models.AutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "km",
                            models.DecimalField(decimal_places=1, max_digits=6, verbose_name="distance (km)"),
                        ),
                        (
                            "home",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="distances",
                                to="territory.municipality",
                                verbose_name="home municipality",
                            ),
                        ),
                        (
                            "origin",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="distances_from",
                                to="territory.municipality",
                                verbose_name="origin municipality",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "distance between municipalities",
                        "verbose_name_plural": "distances between municipalities",
                        "db_table": "km0_municipalitydistance",
                        "indexes": [models.Index(fields=["home", "km"], name="km0_distance_home_km")],
                        "constraints": [
                            models.UniqueConstraint(fields=("home", "origin"), name="unique_distance_pair")
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(content_types_to_territory, content_types_to_km0),
    ]
