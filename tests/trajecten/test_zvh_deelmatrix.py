"""Issue 17, item 8: ZVH staff see what the sharing matrix gives them - no actions, no executing
partner, no release preparations - on the case page and through the API."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ketenpartners import services as ketendiensten
from ketenpartners.deelmatrix import zicht
from ketenpartners.models import Organisatie
from ketenpartners.rollen import Rol
from trajecten import services
from trajecten.keuzes import Domein
from trajecten.models import Basisvoorwaarde

pytestmark = pytest.mark.django_db

ACTIE = "Afspraak woningcorporatie Domijn maken"


@pytest.fixture
def zvh_bij_traject(demo, traject):
    org = Organisatie.objects.create(soort="zvh", code="ZVH-TWENTE", naam="ZVH Twente")
    zvh = ketendiensten.maak_medewerker(
        acting_user=None, username="zvh1", rol=Rol.ZVH_MEDEWERKER, organisatie=org
    )
    cm = demo["casemanager1"]
    services.werk_traject_bij(
        acting_user=cm,
        traject=traject,
        versie=traject.versie,
        verwachte_uitstroom_datum=None,
        casemanager=cm,
        mentor=demo["mentor1"],
        reclassering=traject.reclassering,
        reclassering_team=traject.reclassering_team,
        reclasseringswerker=traject.reclasseringswerker,
        titel=traject.titel,
        zvh=org,
    )
    wonen = Basisvoorwaarde.objects.get(traject=traject, domein=Domein.HUISVESTING)
    services.voeg_actie_toe(
        acting_user=cm,
        basisvoorwaarde=wonen,
        omschrijving=ACTIE,
        organisatie=cm.organisatie,
        uiterlijk_datum=timezone.localdate() + timedelta(days=10),
    )
    return zvh


def test_the_matrix_gives_the_zvh_no_actions():
    assert "acties" not in zicht(Rol.ZVH_MEDEWERKER).basisvoorwaarde
    assert "acties" in zicht(Rol.NAZORGCOORDINATOR).basisvoorwaarde


def test_the_zvh_does_not_see_actions_on_the_case_page(client, demo, traject, zvh_bij_traject):
    client.force_login(zvh_bij_traject)
    response = client.get(traject.get_absolute_url())
    assert response.status_code == 200
    tekst = response.content.decode()
    assert ACTIE not in tekst
    assert "Wie doet wat" not in tekst
    client.force_login(demo["nazorg1"])
    tekst = client.get(traject.get_absolute_url()).content.decode()
    assert ACTIE in tekst and "Wie doet wat" in tekst


def test_the_zvh_finds_no_actions_in_the_api(client, demo, traject, zvh_bij_traject):
    client.force_login(zvh_bij_traject)
    assert client.get(f"/api/v1/trajecten/{traject.pk}/").status_code == 200
    assert client.get(f"/api/v1/trajecten/{traject.pk}/acties/").status_code == 404
    client.force_login(demo["nazorg1"])
    acties = client.get(f"/api/v1/trajecten/{traject.pk}/acties/").json()
    assert [a["omschrijving"] for a in acties] == [ACTIE]
    actie_id = acties[0]["id"]
    client.force_login(zvh_bij_traject)
    assert client.get(f"/api/v1/trajecten/{traject.pk}/acties/{actie_id}/").status_code == 404
