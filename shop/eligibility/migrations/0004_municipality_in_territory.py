"""The municipalities moved to the territory app: the foreign keys follow, in the state only
(same table, same column, same constraint).
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("eligibility", "0003_roster_column_mapping"),
        ("territory", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="employee",
                    name="home_municipality",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="territory.municipality",
                        verbose_name="home municipality",
                    ),
                ),
                migrations.AlterField(
                    model_name="employee",
                    name="work_municipality",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="territory.municipality",
                        verbose_name="work municipality",
                    ),
                ),
                migrations.AlterField(
                    model_name="employer",
                    name="seat",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="employers",
                        to="territory.municipality",
                        verbose_name="seat",
                    ),
                ),
                migrations.AlterField(
                    model_name="joinrequest",
                    name="home_municipality",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="territory.municipality",
                        verbose_name="home municipality",
                    ),
                ),
                migrations.AlterField(
                    model_name="residentprofile",
                    name="home_municipality",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="territory.municipality",
                        verbose_name="home municipality",
                    ),
                ),
            ],
        ),
    ]
