"""The municipalities moved to the territory app: the foreign keys follow, in the state only
(same table, same column, same constraint).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("charter", "0002_signed_pdf_private_storage"),
        ("territory", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="serviceterms",
                    name="served_municipalities",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="+",
                        to="territory.municipality",
                        verbose_name="municipalities served",
                    ),
                ),
            ],
        ),
    ]
