"""The municipalities moved to the territory app: the foreign keys follow, in the state only
(same table, same column, same constraint).
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("needs", "0002_seed_taxonomy"),
        ("territory", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="caredperson",
                    name="municipality",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="Leave empty if they live with you.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="territory.municipality",
                        verbose_name="lives in",
                    ),
                ),
                migrations.AlterField(
                    model_name="householdprofile",
                    name="home_municipality",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="territory.municipality",
                        verbose_name="home municipality",
                    ),
                ),
                migrations.AlterField(
                    model_name="urgentrequest",
                    name="municipality",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="territory.municipality",
                        verbose_name="where",
                    ),
                ),
            ],
        ),
    ]
