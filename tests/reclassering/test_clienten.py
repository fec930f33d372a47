import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from trajecten.models import DRAdvies

pytestmark = pytest.mark.django_db


def test_the_client_list_shows_assigned_cases_with_the_casemanager(client, demo, traject):
    client.force_login(demo["reclassering1"])
    html = client.get(reverse("reclassering:clienten")).content.decode()
    assert "J.P. de Vries" in html and "0546-123 401" in html
    assert "Mijn cliënten" in html


def test_advice_stands_beside_the_plan_for_pi_and_reclassering_not_for_the_gemeente(
    client, demo, traject
):
    client.force_login(demo["reclassering1"])
    fout = client.post(reverse("reclassering:advies", args=[traject.pk]), {"tekst": " "})
    assert fout.status_code == 400
    client.post(
        reverse("reclassering:advies", args=[traject.pk]),
        {"tekst": "Advies: begeleid wonen, meldplicht."},
    )
    assert DRAdvies.objects.get().opgesteld_door == demo["reclassering1"]
    for wie, ziet in (("casemanager1", True), ("reclassering1", True), ("nazorg1", False)):
        client.force_login(demo[wie])
        assert (
            "begeleid wonen, meldplicht" in client.get(traject.get_absolute_url()).content.decode()
        ) is ziet


def test_only_the_reclassering_writes_advice(client, demo, traject):
    client.force_login(demo["casemanager1"])
    assert (
        client.post(reverse("reclassering:advies", args=[traject.pk]), {"tekst": "x"}).status_code
        == 403
    )


def test_client_list_queries_do_not_grow_with_the_number_of_clients(client, demo, traject):
    from datetime import timedelta

    from django.utils import timezone

    from ketenpartners.models import Organisatie, Team
    from trajecten import services
    from trajecten.keuzes import Titel

    client.force_login(demo["reclassering1"])
    with CaptureQueriesContext(connection) as weinig:
        client.get(reverse("reclassering:clienten"), {"alle": "1"})
    rn = Organisatie.objects.get(code="RN")
    for i in range(12):
        t = services.neem_op(
            acting_user=demo["casemanager1"],
            voornamen="Klaas",
            achternaam=f"Client {i}",
            geboortedatum=timezone.localdate().replace(year=1979),
            binnenkomst_datum=timezone.localdate() - timedelta(days=i),
        )
        services.werk_traject_bij(
            acting_user=demo["casemanager1"],
            traject=t,
            versie=t.versie,
            verwachte_uitstroom_datum=None,
            casemanager=demo["casemanager1"],
            mentor=None,
            reclassering=rn,
            reclassering_team=Team.objects.get(organisatie=rn, naam="Oost"),
            reclasseringswerker=demo["reclassering1"],
            titel=Titel.ONBEKEND,
        )
    with CaptureQueriesContext(connection) as veel:
        response = client.get(reverse("reclassering:clienten"), {"alle": "1"})
    assert "Client 11" in response.content.decode()
    assert len(veel.captured_queries) == len(weinig.captured_queries) <= 8


def test_the_next_meeting_is_the_next_one_to_come_not_a_missed_one(demo, traject):
    from datetime import timedelta

    from django.utils import timezone

    from reclassering.selectors import clienten
    from trajecten import services

    komend = traject.gesprekken.get()
    services.plan_gesprek(
        acting_user=demo["casemanager1"],
        traject=traject,
        soort="periodiek",
        gepland_op=timezone.now() - timedelta(days=1),
        plaats="PI",
    )
    [regel] = clienten(user=demo["reclassering1"], alleen_eigen=True)
    assert regel.volgend_gesprek == komend.gepland_op
