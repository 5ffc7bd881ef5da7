"""The municipalities moved to the territory app: the foreign keys follow, in the state only
(same table, same column, same constraint).
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("basket", "0013_line_distance"),
        ("territory", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="line",
                    name="origin",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="territory.municipality",
                        verbose_name="place of origin",
                    ),
                ),
                migrations.AlterField(
                    model_name="line",
                    name="reference_municipality",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="territory.municipality",
                        verbose_name="distance measured from",
                    ),
                ),
            ],
        ),
    ]
