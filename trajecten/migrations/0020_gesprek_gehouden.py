from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    # Built without blocking writes to meetings (ADR 0025).
    atomic = False

    dependencies = [
        ("trajecten", "0019_indexen_lopend"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="trajectgesprek",
            index=models.Index(
                condition=models.Q(("gehouden_datum__isnull", False)),
                fields=["gehouden_datum"],
                include=("traject", "soort"),
                name="gesprek_gehouden",
            ),
        ),
    ]
