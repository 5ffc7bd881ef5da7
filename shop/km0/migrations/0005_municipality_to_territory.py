"""The municipalities and their distances now belong to the territory app (territory 0001):
km0 forgets them in the state only, once every foreign key points at territory's models.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("km0", "0004_distance_origin_related_name"),
        ("basket", "0014_municipality_in_territory"),
        ("bookings", "0005_municipality_in_territory"),
        ("catalogue", "0037_municipality_in_territory"),
        ("charter", "0003_municipality_in_territory"),
        ("eligibility", "0004_municipality_in_territory"),
        ("logistics", "0004_municipality_in_territory"),
        ("needs", "0003_municipality_in_territory"),
        ("order", "0023_municipality_in_territory"),
        ("partner", "0009_municipality_in_territory"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="MunicipalityDistance"),
                migrations.DeleteModel(name="Municipality"),
            ],
        ),
    ]
