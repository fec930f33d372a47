"""Exactly once (issue 13, item 3): twenty identical intakes at the same moment, on real
PostgreSQL in real threads, give one person and one trajectory and no error, through the
browser form (its one-time token) and through the API (its external reference)."""

import threading
from collections import Counter
from datetime import timedelta
from uuid import uuid4

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from api import services as apidiensten
from ketenpartners.models import Organisatie
from trajecten.models import Gedetineerde, Traject

from ..api.conftest import MELDING, api

GELIJKTIJDIG = 20


def tegelijk(werk) -> tuple[list, list]:
    """Run `werk(i)` in GELIJKTIJDIG threads that start together; (results, exceptions)."""
    klaar = threading.Barrier(GELIJKTIJDIG)
    resultaten, fouten = [], []

    def draad(i: int) -> None:
        try:
            resultaten.append(werk(i, klaar))
        except Exception as fout:
            fouten.append(fout)
        finally:
            connection.close()

    draden = [threading.Thread(target=draad, args=(i,)) for i in range(GELIJKTIJDIG)]
    for d in draden:
        d.start()
    for d in draden:
        d.join(timeout=120)
    return resultaten, fouten


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("bsn", ["", "111222333"])
def test_twenty_identical_browser_intakes_give_one_person_and_one_trajectory(demo, bsn):
    gegevens = {
        "voornamen": "Sam",
        "achternaam": "Tegelijk",
        "geboortedatum": "1991-07-07",
        "binnenkomst_datum": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "geslacht": "man",
        "bsn": bsn,
        "gemelde_gemeente": Organisatie.objects.get(code="GM0153").pk,
        "intake_sleutel": str(uuid4()),  # one form, submitted twenty times
    }
    casemanager = demo["casemanager1"]

    def dien_in(_i, klaar):
        client = Client(raise_request_exception=True)
        client.force_login(casemanager)
        klaar.wait()
        antwoord = client.post(reverse("trajecten:intake"), gegevens)
        return antwoord.status_code, antwoord.get("Location")

    resultaten, fouten = tegelijk(dien_in)
    assert fouten == []
    traject = Traject.objects.get()
    assert Gedetineerde.objects.count() == 1
    assert Counter(resultaten) == {(302, traject.get_absolute_url()): GELIJKTIJDIG}
    assert traject.basisvoorwaarden.count() == 6


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("bsn", ["", "111222333"])
def test_twenty_identical_api_meldingen_give_one_person_and_one_trajectory(demo, bsn):
    _token, sleutel = apidiensten.geef_token_uit(
        acting_user=demo["beheer1"], organisatie=Organisatie.objects.get(code="PI-ALMELO"), naam="t"
    )
    body = {
        **MELDING,
        "bsn": bsn,
        "binnenkomst_datum": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "verwachte_uitstroom_datum": None,
    }

    def meld(_i, klaar):
        client = api(sleutel)
        klaar.wait()
        antwoord = client.post("/api/v1/meldingen/", body, format="json")
        return antwoord.status_code, antwoord.json().get("traject")

    resultaten, fouten = tegelijk(meld)
    assert fouten == []
    traject = Traject.objects.get()
    assert Gedetineerde.objects.count() == 1
    assert Counter(resultaten) == {(201, traject.pk): 1, (200, traject.pk): GELIJKTIJDIG - 1}
