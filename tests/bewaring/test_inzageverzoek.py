"""Issue 17 item 5 (ADR 0023): `inzageverzoek` gives everything held on one person and nothing
of anyone else, audited as an export; the functional administrator does the same on a screen."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from audit.models import Auditactie, Auditregel

from .conftest import opnemen

pytestmark = pytest.mark.django_db

URL = "bewaring:inzageverzoek"


@pytest.fixture
def twee(demo):
    cm = demo["casemanager1"]
    eerste = opnemen(cm, achternaam="Inzagevelder", bsn="123456782")
    eerste.gedetineerde.achternaam = "Inzagevelder-Nieuw"
    eerste.gedetineerde.save()
    tweede = opnemen(cm, achternaam="Anderveld", bsn="111222333")
    return eerste, tweede


def test_the_command_prints_the_persons_data_and_nobody_elses(twee):
    eerste, tweede = twee
    uit = io.StringIO()
    call_command("inzageverzoek", bsn="123456782", stdout=uit)
    tekst = uit.getvalue()
    gegevens = json.loads(tekst)
    assert gegevens["persoon"]["achternaam"] == "Inzagevelder-Nieuw"
    assert [t["id"] for t in gegevens["trajecten"]] == [eerste.pk]
    assert len(gegevens["gegevens"]["trajecten.Basisvoorwaarde"]) == 6
    assert gegevens["gegevens"]["trajecten.Actie"][0]["omschrijving"] == "Actie voor Inzagevelder"
    # the earlier surname from the history table, and who read the file
    assert "Inzagevelder" in {
        e["achternaam"] for e in gegevens["historie"]["trajecten.Gedetineerde"]
    }
    assert gegevens["ingezien_door"]
    assert "Anderveld" not in tekst and "111222333" not in tekst
    assert str(tweede.pk) not in {str(t["id"]) for t in gegevens["trajecten"]}
    regel = Auditregel.objects.get(actie=Auditactie.EXPORT, object_type="gedetineerde")
    assert regel.traject_id == eerste.pk
    assert "Inzageverzoek" in regel.toelichting


def test_the_command_refuses_a_wrong_or_unknown_bsn(twee):
    with pytest.raises(CommandError, match="elfproef"):
        call_command("inzageverzoek", bsn="123456789")
    with pytest.raises(CommandError, match="geen persoon"):
        call_command("inzageverzoek", bsn="100000009")
    assert not Auditregel.objects.filter(actie=Auditactie.EXPORT).exists()


def test_the_administrator_downloads_it_from_a_screen(client, twee):
    eerste, _ = twee
    client.force_login(eerste.casemanager.__class__.objects.get(username="beheer1"))
    assert client.get(reverse(URL)).status_code == 200
    antwoord = client.post(reverse(URL), {"bsn": "123456782"})
    assert antwoord.status_code == 200
    assert antwoord["Content-Disposition"].startswith('attachment; filename="inzageverzoek-')
    gegevens = json.loads(antwoord.content)
    assert gegevens["persoon"]["bsn"] == "123456782"
    regel = Auditregel.objects.get(actie=Auditactie.EXPORT, object_type="gedetineerde")
    assert regel.gebruikersnaam == "beheer1"


def test_a_wrong_bsn_is_a_dutch_message_at_the_field(client, demo, twee):
    client.force_login(demo["beheer1"])
    antwoord = client.post(reverse(URL), {"bsn": "123456789"})
    assert antwoord.status_code == 400
    assert "elfproef" in antwoord.content.decode()
    antwoord = client.post(reverse(URL), {"bsn": "100000009"})
    assert antwoord.status_code == 400
    assert "Er is geen persoon met dit BSN" in antwoord.content.decode()
    antwoord = client.post(reverse(URL), {"bsn": "12345678x"})
    assert "alleen uit cijfers" in antwoord.content.decode()
    assert not Auditregel.objects.filter(actie=Auditactie.EXPORT).exists()


@pytest.mark.parametrize("wie", ["casemanager1", "staf1", "nazorg1"])
def test_nobody_else_may(client, demo, twee, wie):
    client.force_login(demo[wie])
    assert client.post(reverse(URL), {"bsn": "123456782"}).status_code == 403
