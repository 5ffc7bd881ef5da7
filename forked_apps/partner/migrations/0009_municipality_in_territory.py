"""The municipalities moved to the territory app: the foreign keys follow, in the state only
(same table, same column, same constraint).
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("partner", "0008_partner_supplier_fields"),
        ("territory", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="partner",
                    name="seat",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="suppliers",
                        to="territory.municipality",
                        verbose_name="seat municipality",
                    ),
                ),
                migrations.AlterField(
                    model_name="partner",
                    name="served_municipalities",
                    field=models.ManyToManyField(
                        blank=True,
                        help_text="For services: the municipalities where the supplier reaches people's homes.",
                        related_name="serving_suppliers",
                        to="territory.municipality",
                        verbose_name="municipalities served",
                    ),
                ),
            ],
        ),
    ]
