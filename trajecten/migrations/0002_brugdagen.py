from datetime import date

from django.db import migrations

# The decreed bridging days known when this migration was written (DOMAIN.md). Later ones are
# added by the functional administrator in the admin site, not in code.
BRUGDAGEN = [
    (date(2023, 4, 28), "brugdag na Koningsdag"),
    (date(2023, 5, 19), "brugdag na Hemelvaartsdag"),
    (date(2024, 5, 10), "brugdag na Hemelvaartsdag"),
    (date(2024, 12, 27), "brugdag na Kerstmis"),
    (date(2025, 5, 30), "brugdag na Hemelvaartsdag"),
    (date(2026, 1, 2), "brugdag na Nieuwjaarsdag"),
    (date(2026, 5, 15), "brugdag na Hemelvaartsdag"),
    (date(2027, 5, 7), "brugdag na Hemelvaartsdag"),
    (date(2028, 4, 28), "brugdag na Koningsdag"),
    (date(2028, 5, 26), "brugdag na Hemelvaartsdag"),
]


def seed(apps, schema_editor):
    Brugdag = apps.get_model("trajecten", "Brugdag")
    for datum, omschrijving in BRUGDAGEN:
        Brugdag.objects.get_or_create(datum=datum, defaults={"omschrijving": omschrijving})


class Migration(migrations.Migration):
    dependencies = [("trajecten", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
