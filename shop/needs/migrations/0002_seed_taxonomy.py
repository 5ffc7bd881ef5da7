from django.db import migrations

from shop.needs.taxonomy import taxonomy_apply, taxonomy_remove


def seed(apps, schema_editor):
    taxonomy_apply(Need=apps.get_model("needs", "Need"), Category=apps.get_model("catalogue", "Category"))


def unseed(apps, schema_editor):
    taxonomy_remove(Need=apps.get_model("needs", "Need"))


class Migration(migrations.Migration):
    dependencies = [
        ("needs", "0001_initial"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
