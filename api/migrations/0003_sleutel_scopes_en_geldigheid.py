"""API keys get scopes and an expiry date (issue 17, ADR 0007). Existing keys keep what they
could effectively do: every key could read and write trajectories; only a PI's key (its service
account is a RIC-medewerker) could send detention notifications. They expire one year after
this migration, so that no running client stops without notice."""

import datetime

import django.contrib.postgres.fields
from django.db import migrations, models
from django.utils import timezone


def wat_ze_konden(apps, schema_editor):
    ApiToken = apps.get_model("api", "ApiToken")
    over_een_jaar = timezone.localdate() + datetime.timedelta(days=365)
    for token in ApiToken.objects.select_related("organisatie"):
        scopes = ["trajecten:lezen", "trajecten:schrijven"]
        if token.organisatie.soort == "pi":
            scopes.insert(0, "meldingen:schrijven")
        token.scopes = scopes
        token.geldig_tot = over_een_jaar
        token.save(update_fields=["scopes", "geldig_tot"])


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0002_referentie_per_organisatie"),
        ("ketenpartners", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="scopes",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.CharField(
                    choices=[
                        ("meldingen:schrijven", "Detentiemeldingen doen"),
                        ("trajecten:lezen", "Trajecten, signaleringen en adresboek lezen"),
                        ("trajecten:schrijven", "Trajecten bijwerken"),
                    ],
                    max_length=30,
                ),
                default=list,
                size=None,
                verbose_name="scopes",
            ),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="geldig_tot",
            field=models.DateField(null=True, verbose_name="geldig tot en met"),
        ),
        migrations.RunPython(wat_ze_konden, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="geldig_tot",
            field=models.DateField(verbose_name="geldig tot en met"),
        ),
        migrations.AlterField(
            model_name="apitoken",
            name="laatst_gebruikt_op",
            field=models.DateTimeField(
                blank=True,
                help_text="Bijgewerkt hooguit eens per minuut",
                null=True,
                verbose_name="laatst gebruikt",
            ),
        ),
    ]
