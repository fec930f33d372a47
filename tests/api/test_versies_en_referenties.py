"""Issue 13 on the API: ETag / If-Match (412, 428), PATCH changes only what is sent, melding
references per sending organisation (ADR 0007, ADR 0010)."""

import pytest
from django.utils import timezone

from api import services
from api.models import Detentiemelding
from ketenpartners.models import Organisatie
from trajecten import services as trajectdiensten
from trajecten.keuzes import BVStatus, Domein
from trajecten.models import Basisvoorwaarde, Traject

from .conftest import MELDING, api

pytestmark = pytest.mark.django_db


@pytest.fixture
def mentor(client, demo):
    client.force_login(demo["mentor1"])
    return client


def _url(traject, domein=Domein.HUISVESTING):
    return f"/api/v1/trajecten/{traject.pk}/basisvoorwaarden/{domein}/"


def _met_partner(demo, traject) -> Basisvoorwaarde:
    bv = Basisvoorwaarde.objects.get(traject=traject, domein=Domein.HUISVESTING)
    return trajectdiensten.werk_basisvoorwaarde_bij(
        acting_user=demo["casemanager1"],
        basisvoorwaarde=bv,
        versie=bv.versie,
        status=BVStatus.NIET_OP_ORDE,
        hulpvraag="Geen woning",
        notities="Werkaantekening",
        uitvoerende_partner=Organisatie.objects.get(code="GM0153"),
    )


def test_get_gives_an_etag_and_patch_with_it_changes_only_the_fields_sent(mentor, demo, traject):
    _met_partner(demo, traject)
    gelezen = mentor.get(_url(traject))
    assert gelezen.status_code == 200 and gelezen["ETag"] == '"v2"'
    assert gelezen.json()["versie"] == 2
    response = mentor.patch(
        _url(traject),
        {"status": BVStatus.IN_BEHANDELING},
        content_type="application/json",
        headers={"If-Match": gelezen["ETag"]},
    )
    assert response.status_code == 200 and response["ETag"] == '"v3"'
    bv = Basisvoorwaarde.objects.get(traject=traject, domein=Domein.HUISVESTING)
    assert bv.status == BVStatus.IN_BEHANDELING
    assert (bv.hulpvraag, bv.notities) == ("Geen woning", "Werkaantekening")
    assert bv.uitvoerende_partner.code == "GM0153"


def test_patch_without_if_match_is_428_problem_and_changes_nothing(mentor, traject):
    for headers in ({}, {"If-Match": "*"}):
        response = mentor.patch(
            _url(traject),
            {"status": BVStatus.OP_ORDE},
            content_type="application/json",
            headers=headers,
        )
        assert response.status_code == 428
        assert response["Content-Type"] == "application/problem+json"
        assert "If-Match" in response.json()["detail"]
    assert Basisvoorwaarde.objects.get(traject=traject, domein=Domein.HUISVESTING).versie == 1


def test_a_stale_if_match_is_412_with_who_when_and_the_stored_version(mentor, demo, traject):
    oud = mentor.get(_url(traject))["ETag"]
    _met_partner(demo, traject)  # casemanager1 saves in between
    response = mentor.patch(
        _url(traject),
        {"hulpvraag": "Mijn versie"},
        content_type="application/json",
        headers={"If-Match": oud},
    )
    body = response.json()
    assert response.status_code == 412
    assert response["Content-Type"] == "application/problem+json"
    assert "Karin Smit heeft dit om" in body["detail"]
    assert body["actueel"]["hulpvraag"] == "Geen woning" and response["ETag"] == '"v2"'
    bv = Basisvoorwaarde.objects.get(traject=traject, domein=Domein.HUISVESTING)
    assert bv.hulpvraag == "Geen woning"
    for onzin in ('W/"v2"', '"abc"', '"v99999999999"'):
        assert (
            mentor.patch(
                _url(traject),
                {"hulpvraag": "x"},
                content_type="application/json",
                headers={"If-Match": onzin},
            ).status_code
            == 412
        )


@pytest.fixture
def nieuwersluis(demo):
    _token, sleutel = services.geef_token_uit(
        acting_user=demo["beheer1"],
        organisatie=Organisatie.objects.get(code="PI-NIEUWERSLUIS"),
        naam="tulp",
    )
    return api(sleutel)


def test_another_organisations_equal_reference_is_a_different_melding(sleutels, nieuwersluis):
    almelo = api(sleutels["pi"][1]).post("/api/v1/meldingen/", MELDING, format="json")
    assert almelo.status_code == 201
    eigen = {
        **MELDING,
        "pi": "PI-NIEUWERSLUIS",
        "achternaam": "Anders",
        "geboortedatum": "1985-01-01",
    }
    response = nieuwersluis.post("/api/v1/meldingen/", eigen, format="json")
    assert response.status_code == 201
    assert response.json()["traject"] != almelo.json()["traject"]
    assert (
        Detentiemelding.objects.filter(externe_referentie=MELDING["externe_referentie"]).count()
        == 2
    )
    # Its own replay with another body: 409, with nothing but the reference it sent.
    conflict = nieuwersluis.post(
        "/api/v1/meldingen/", {**eigen, "binnenkomst_datum": "2026-11-03"}, format="json"
    )
    body = conflict.json()
    assert conflict.status_code == 409 and conflict["Content-Type"] == "application/problem+json"
    assert set(body) == {"type", "title", "status", "detail", "instance"}
    assert MELDING["externe_referentie"] in body["detail"] and "Meldingman" not in body["detail"]


def test_ownership_is_checked_before_any_reference_is_looked_up(sleutels, nieuwersluis):
    api(sleutels["pi"][1]).post("/api/v1/meldingen/", MELDING, format="json")
    for body in (MELDING, {**MELDING, "binnenkomst_datum": "2026-11-03"}):
        response = nieuwersluis.post("/api/v1/meldingen/", body, format="json")
        tekst = response.content.decode()
        assert response.status_code == 400 and "pi" in response.json()["errors"]
        assert "Meldingman" not in tekst and '"traject"' not in tekst
    assert Traject.objects.count() == 1


def test_melding_dates_must_be_plausible(sleutels):
    pi = api(sleutels["pi"][1])
    vandaag = timezone.localdate()
    gevallen = {
        "geboortedatum": {"geboortedatum": "1900-01-01"},  # 126 at arrival
        "binnenkomst_datum": {"binnenkomst_datum": f"{vandaag.year - 6}-01-01"},
    }
    for veld, fout in gevallen.items():
        response = pi.post(
            "/api/v1/meldingen/",
            {**MELDING, "externe_referentie": f"R-{veld}", **fout},
            format="json",
        )
        assert response.status_code == 400 and veld in response.json()["errors"], response.json()
    kind = pi.post(
        "/api/v1/meldingen/",
        {**MELDING, "externe_referentie": "R-kind", "geboortedatum": f"{vandaag.year - 5}-01-01"},
        format="json",
    )
    assert "Controleer de geboortedatum" in kind.json()["errors"]["geboortedatum"][0]
    assert not Traject.objects.exists()
