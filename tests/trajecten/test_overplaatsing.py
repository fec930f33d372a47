"""Overplaatsing (issue 13, item 1; ADR 0009): a running trajectory moves to another PI in one
audited step; the old PI loses access, the new PI gets it, the gemeente keeps it and is told."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from audit.models import Auditactie, Auditregel
from ketenpartners.models import Organisatie
from reintegratie.versies import VerouderdeVersie
from signalering.models import Notificatie, Signaleringssoort
from trajecten import services
from trajecten.models import Overplaatsing, Traject

pytestmark = pytest.mark.django_db


def test_overplaatsing_moves_access_and_tells_the_gemeente(client, demo, traject):
    client.force_login(demo["casemanager1"])
    url = reverse("trajecten:overplaatsen", args=[traject.pk])
    assert url in client.get(traject.get_absolute_url()).content.decode()
    nieuwersluis = Organisatie.objects.get(code="PI-NIEUWERSLUIS")
    antwoord = client.post(
        url,
        {
            "naar_pi": nieuwersluis.pk,
            "datum": timezone.localdate().isoformat(),
            "reden": "Plaatsing dichter bij huis",
        },
    )
    assert antwoord.status_code == 302
    assert antwoord.url == reverse("trajecten:caseload")

    detail = traject.get_absolute_url()
    verwacht = {
        "casemanager1": 404,
        "mentor1": 404,
        "staf1": 404,
        "casemanager2": 200,
        "nazorg1": 200,
        "reclassering1": 200,
        "nazorg2": 404,
    }
    for wie, status in verwacht.items():
        client.force_login(demo[wie])
        assert client.get(detail).status_code == status, wie
    client.force_login(demo["casemanager2"])
    assert "Overgeplaatst van PI Almelo" in client.get(detail).content.decode()

    traject.refresh_from_db()
    assert (traject.pi, traject.casemanager, traject.mentor) == (nieuwersluis, None, None)
    assert traject.binnenkomst_datum == timezone.localdate() - timedelta(days=3)
    o = Overplaatsing.objects.get(traject=traject)
    assert (o.van_pi.code, o.naar_pi.code, o.door) == (
        "PI-ALMELO",
        "PI-NIEUWERSLUIS",
        demo["casemanager1"],
    )
    # History kept: the trajectory's events still hold the old PI.
    assert traject.events.filter(pi__code="PI-ALMELO").exists()
    schrijf = Auditregel.objects.get(actie=Auditactie.SCHRIJVEN, object_type="overplaatsing")
    assert "Plaatsing dichter bij huis" in schrijf.toelichting
    ingetrokken = Auditregel.objects.filter(
        actie=Auditactie.TOEGANG_INGETROKKEN, traject_id=traject.pk
    ).values_list("toelichting", flat=True)
    assert any(t.startswith("PI Almelo") for t in ingetrokken)
    assert Auditregel.objects.filter(
        actie=Auditactie.TOEGANG_VERLEEND,
        traject_id=traject.pk,
        toelichting__contains="Nieuwersluis",
    ).exists()
    melding = Notificatie.objects.get(ontvanger=demo["nazorg1"], signalering__isnull=False)
    assert melding.signalering.soort == Signaleringssoort.OVERPLAATSING
    assert melding.signalering.opgelost_datum is not None  # an event, not an open flag
    client.force_login(demo["nazorg1"])
    assert "Overgeplaatst" in client.get(reverse("signalering:meldingen")).content.decode()


def test_overplaatsing_is_refused_when_it_cannot_be_right(demo, traject):
    cm = demo["casemanager1"]
    nieuwersluis = Organisatie.objects.get(code="PI-NIEUWERSLUIS")
    vandaag = timezone.localdate()
    for wie in ("mentor1", "casemanager2", "nazorg1"):
        with pytest.raises(PermissionDenied):
            services.plaats_over(
                acting_user=demo[wie],
                traject=traject,
                naar_pi=nieuwersluis,
                datum=vandaag,
                reden="x",
            )
    gevallen = [
        ({"naar_pi": traject.pi}, "naar_pi"),
        ({"naar_pi": Organisatie.objects.get(code="GM0153")}, "naar_pi"),
        ({"datum": vandaag + timedelta(days=1)}, "datum"),
        ({"datum": vandaag - timedelta(days=30)}, "datum"),
        ({"reden": "  "}, "reden"),
    ]
    for wijziging, veld in gevallen:
        kwargs = {"naar_pi": nieuwersluis, "datum": vandaag, "reden": "Plaats", **wijziging}
        with pytest.raises(ValidationError) as fout:
            services.plaats_over(acting_user=cm, traject=traject, **kwargs)
        assert veld in fout.value.message_dict, wijziging
    Traject.objects.filter(pk=traject.pk).update(beperkt=True)
    traject.refresh_from_db()
    with pytest.raises(ValidationError, match="beperkte toegang"):
        services.plaats_over(
            acting_user=cm, traject=traject, naar_pi=nieuwersluis, datum=vandaag, reden="x"
        )
    assert not Overplaatsing.objects.exists()


def _gegevens(traject: Traject) -> dict:
    return {
        "verwachte_uitstroom_datum": None,
        "casemanager": traject.casemanager,
        "mentor": traject.mentor,
        "reclassering": traject.reclassering,
        "reclassering_team": traject.reclassering_team,
        "reclasseringswerker": traject.reclasseringswerker,
        "titel": traject.titel,
    }


def test_a_gegevens_form_opened_before_the_move_cannot_put_the_old_casemanager_back(demo, traject):
    """The old PI's form still holds casemanager1: saved after the move it is refused as stale
    (the move raised the version), so no casemanager of another PI lands on the case."""
    geopend = Traject.objects.get(pk=traject.pk)
    services.plaats_over(
        acting_user=demo["casemanager1"],
        traject=traject,
        naar_pi=Organisatie.objects.get(code="PI-NIEUWERSLUIS"),
        datum=timezone.localdate(),
        reden="Plaatsing dichter bij huis",
    )
    with pytest.raises(VerouderdeVersie, match="heeft dit om"):
        services.werk_traject_bij(
            acting_user=demo["casemanager1"],
            traject=geopend,
            versie=geopend.versie,
            **_gegevens(geopend),
        )
    traject.refresh_from_db()
    assert (traject.pi.code, traject.casemanager_id, traject.mentor_id) == (
        "PI-NIEUWERSLUIS",
        None,
        None,
    )


@pytest.mark.django_db(transaction=True)
def test_a_move_and_a_gegevens_save_at_the_same_moment_leave_a_consistent_case(demo, traject):
    """Two threads on PostgreSQL from the same version: whichever wins, the case never ends up
    at the new PI with the old PI's casemanager, and nothing fails with a server error."""
    geopend = Traject.objects.get(pk=traject.pk)
    start = threading.Barrier(2)
    fouten: list[BaseException] = []

    def verplaats():
        start.wait()
        try:
            services.plaats_over(
                acting_user=demo["casemanager1"],
                traject=geopend,
                naar_pi=Organisatie.objects.get(code="PI-NIEUWERSLUIS"),
                datum=timezone.localdate(),
                reden="Plaatsing dichter bij huis",
            )
        except (ValidationError, PermissionDenied) as fout:
            fouten.append(fout)
        finally:
            connection.close()

    def bewaar():
        start.wait()
        try:
            services.werk_traject_bij(
                acting_user=demo["casemanager1"],
                traject=Traject.objects.get(pk=traject.pk),
                versie=geopend.versie,
                **_gegevens(geopend),
            )
        except (ValidationError, PermissionDenied) as fout:
            fouten.append(fout)
        finally:
            connection.close()

    draden = [threading.Thread(target=verplaats), threading.Thread(target=bewaar)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()
    traject.refresh_from_db()
    assert traject.pi.code == "PI-NIEUWERSLUIS"  # a stale gegevens save cannot undo the move
    assert traject.casemanager_id is None
    assert len(fouten) <= 1 and all(isinstance(f, VerouderdeVersie) for f in fouten)
