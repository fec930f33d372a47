"""The data migration of issue 11: "gereed" becomes "gedaan" with a done date, and an action
dropped before reasons were asked for gets one, so the new constraints hold on old data."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from trajecten import services
from trajecten.models import Actie

VOOR = [
    ("trajecten", "0009_historie_met_versie_en_persoonsgegevens"),
    ("signalering", "0002_overplaatsing_en_vervallen"),
]
NA = [
    ("trajecten", "0010_acties_met_status_en_reden"),
    ("signalering", "0003_signalering_per_actie"),
]


@pytest.mark.django_db(transaction=True)
def test_old_statuses_are_carried_over(demo, traject):
    acties = [
        services.voeg_actie_toe(
            acting_user=demo["casemanager1"],
            basisvoorwaarde=traject.basisvoorwaarden.get(domein="huisvesting"),
            omschrijving=f"actie {i}",
            organisatie=traject.pi,
        )
        for i in range(3)
    ]
    executor = MigrationExecutor(connection)
    executor.migrate(VOOR)
    try:
        with connection.cursor() as cursor:
            for actie, status in zip(acties, ["gereed", "vervallen", "open"], strict=True):
                cursor.execute(
                    "UPDATE trajecten_actie SET status = %s WHERE id = %s", [status, actie.pk]
                )
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(NA)
    try:
        na = {
            pk: (status, afgerond, reden)
            for pk, status, afgerond, reden in Actie.objects.values_list(
                "pk", "status", "afgerond_datum", "vervallen_reden"
            )
        }
    finally:
        # Back to the newest schema, so the tests after this one find every later table.
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    gedaan, vervallen, open_ = (na[a.pk] for a in acties)
    assert (gedaan[0], gedaan[1] is not None) == ("gedaan", True)
    assert vervallen[0] == "vervallen" and vervallen[2]
    assert open_ == ("open", None, "")
