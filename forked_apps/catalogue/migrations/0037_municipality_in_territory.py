"""The municipalities moved to the territory app: the foreign keys follow, in the state only
(same table, same column, same constraint).
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0036_product_service_facts"),
        ("territory", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="product",
                    name="origin",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="Municipality where the product is made or the service starts from.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="products",
                        to="territory.municipality",
                        verbose_name="place of origin",
                    ),
                ),
            ],
        ),
    ]
