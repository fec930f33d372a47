"""PATCH /api/v1/trajecten/{id}/acties/{actie_id}/ (issue 11): the holding organisation sets
the status; 400 problem+json for a status outside the four or vervallen without a reason; 404
for another organisation's action; If-Match as every PATCH (ADR 0010: 428, 412)."""

import pytest
from django.test import Client

from ketenpartners.models import Organisatie
from trajecten import services
from trajecten.models import Actie

pytestmark = pytest.mark.django_db


def _actie(demo, traject, code) -> Actie:
    return services.voeg_actie_toe(
        acting_user=demo["casemanager1"],
        basisvoorwaarde=traject.basisvoorwaarden.get(domein="id_bewijs"),
        omschrijving="ID-kaart aanvragen",
        organisatie=Organisatie.objects.get(code=code),
    )


def _client(demo, wie) -> Client:
    c = Client()
    c.force_login(demo[wie])
    return c


def _patch(client, actie, body, etag='"v1"'):
    traject_id = actie.basisvoorwaarde.traject_id
    headers = {"If-Match": etag} if etag else {}
    return client.patch(
        f"/api/v1/trajecten/{traject_id}/acties/{actie.pk}/",
        body,
        content_type="application/json",
        headers=headers,
    )


@pytest.mark.parametrize(
    ("wie", "code"),
    [("casemanager1", "PI-ALMELO"), ("nazorg1", "GM0153"), ("reclassering1", "RN")],
)
def test_each_partner_closes_its_own_action_200_with_the_action(demo, traject, wie, code):
    actie = _actie(demo, traject, code)
    client = _client(demo, wie)
    gelezen = client.get(f"/api/v1/trajecten/{traject.pk}/acties/{actie.pk}/")
    assert gelezen.status_code == 200 and gelezen["ETag"] == '"v1"'
    response = _patch(client, actie, {"status": "gedaan"}, gelezen["ETag"])
    assert response.status_code == 200, response.content
    assert response["ETag"] == '"v2"'
    body = response.json()
    assert (body["id"], body["status"], body["organisatie"]["code"]) == (actie.pk, "gedaan", code)
    assert body["afgerond_datum"] is not None
    assert Actie.objects.get(pk=actie.pk).status == "gedaan"


@pytest.mark.parametrize("status", ["gereed", "klaar", "", None, 3])
def test_a_status_outside_the_four_is_400_problem(demo, traject, status):
    actie = _actie(demo, traject, "PI-ALMELO")
    response = _patch(_client(demo, "casemanager1"), actie, {"status": status})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "status" in response.json()["errors"]
    assert Actie.objects.get(pk=actie.pk).status == "open"


def test_vervallen_without_a_reason_is_400_with_the_dutch_message(demo, traject):
    actie = _actie(demo, traject, "GM0153")
    client = _client(demo, "nazorg1")
    response = _patch(client, actie, {"status": "vervallen"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"] == {
        "vervallen_reden": ["Schrijf op waarom deze actie vervalt."]
    }
    response = _patch(client, actie, {"status": "vervallen", "vervallen_reden": "Dubbel"})
    assert response.status_code == 200 and response.json()["vervallen_reden"] == "Dubbel"


@pytest.mark.parametrize(
    ("wie", "code"),
    [
        ("casemanager1", "GM0153"),  # the PI sees the case, the action is the gemeente's
        ("nazorg1", "RN"),
        ("reclassering1", "PI-ALMELO"),
        ("staf1", "PI-ALMELO"),
        ("nazorg2", "GM0153"),  # another gemeente: not even the case
    ],
)
def test_an_action_of_another_organisation_is_404(demo, traject, wie, code):
    actie = _actie(demo, traject, code)
    response = _patch(_client(demo, wie), actie, {"status": "gedaan"})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert Actie.objects.get(pk=actie.pk).status == "open"


def test_an_action_of_another_case_is_404(demo, traject):
    actie = _actie(demo, traject, "PI-ALMELO")
    response = _client(demo, "casemanager1").patch(
        f"/api/v1/trajecten/{traject.pk}/acties/{actie.pk + 1000}/",
        {"status": "gedaan"},
        content_type="application/json",
        headers={"If-Match": '"v1"'},
    )
    assert response.status_code == 404


def test_without_if_match_428_with_a_stale_one_412_with_the_stored_action(demo, traject):
    actie = _actie(demo, traject, "PI-ALMELO")
    client = _client(demo, "casemanager1")
    assert _patch(client, actie, {"status": "gedaan"}, etag=None).status_code == 428
    assert _patch(client, actie, {"status": "bezig"}).status_code == 200
    response = _patch(client, actie, {"status": "gedaan"})  # still "v1"
    assert response.status_code == 412
    assert response["ETag"] == '"v2"'
    assert response.json()["actueel"]["status"] == "bezig"
    assert Actie.objects.get(pk=actie.pk).status == "bezig"


def test_with_api_keys_the_gemeente_closes_its_action_and_others_get_404(demo, traject, sleutels):
    """A gemeente's own case system, not a browser session: its key closes the gemeente's
    action; the PI's key and another gemeente's key do not reach it."""
    from .conftest import api

    actie = _actie(demo, traject, "GM0153")
    url = f"/api/v1/trajecten/{traject.pk}/acties/{actie.pk}/"
    for naam in ("pi", "rotterdam"):
        client = api(sleutels[naam][1])
        response = client.patch(url, {"status": "gedaan"}, format="json", HTTP_IF_MATCH='"v1"')
        assert response.status_code == 404, (naam, response.content)
    enschede = api(sleutels["enschede"][1])
    response = enschede.patch(url, {"status": "bezig"}, format="json", HTTP_IF_MATCH='"v1"')
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "bezig"
    assert Actie.objects.get(pk=actie.pk).status == "bezig"
