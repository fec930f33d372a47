"""Melding references become unique per sending organisation. Existing notifications were sent
by the PI they were for (the service refused any other), so that PI is their sender."""

import django.db.models.deletion
from django.db import migrations, models


def zender_is_de_pi(apps, schema_editor):
    Detentiemelding = apps.get_model("api", "Detentiemelding")
    for melding in Detentiemelding.objects.select_related("traject", "ontvangen_van"):
        melding.organisatie_id = (
            melding.ontvangen_van.organisatie_id if melding.ontvangen_van else melding.traject.pi_id
        )
        melding.save(update_fields=["organisatie"])


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_initial"),
        ("ketenpartners", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="detentiemelding",
            name="organisatie",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="ketenpartners.organisatie",
                verbose_name="verzonden door",
            ),
        ),
        migrations.RunPython(zender_is_de_pi, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="detentiemelding",
            name="organisatie",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="ketenpartners.organisatie",
                verbose_name="verzonden door",
            ),
        ),
        migrations.AlterField(
            model_name="detentiemelding",
            name="externe_referentie",
            field=models.CharField(max_length=100),
        ),
        migrations.AddConstraint(
            model_name="detentiemelding",
            constraint=models.UniqueConstraint(
                fields=("organisatie", "externe_referentie"), name="referentie_per_organisatie"
            ),
        ),
    ]
