"""Issue 16 part 3, the journey of a gemeente's own case system: a Python client generated from
the project's OpenAPI schema during the test (openapi-python-client, offline, not committed)
subscribes to new detentions on a local HTTP server; the PI's system notifies a detention; a
real Celery worker on Redis delivers the CloudEvent; the receiver verifies the signature with
the verifier from the docs, fetches the trajectory with the event's link and acknowledges it."""

import datetime
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from abonnementen.models import Aflevering, Afleverstatus
from tests.signalering.conftest import celery_worker_proces, wacht_tot  # noqa: F401
from trajecten.models import Traject

from .conftest import laad_verificatie

pytestmark = pytest.mark.worker
GENERATOR = Path(sys.executable).with_name("openapi-python-client")


@pytest.fixture
def client_pakket(tmp_path):
    """The generated client as an importable package `reintegratie_client`."""
    schema = tmp_path / "schema.yaml"
    call_command("spectacular", "--file", str(schema), "--validate", "--fail-on-warn")
    uit = tmp_path / "reintegratie_client"
    proces = subprocess.run(
        [
            *(str(GENERATOR), "generate", "--path", str(schema)),
            *("--output-path", str(uit), "--meta", "none"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proces.returncode == 0, proces.stdout + proces.stderr
    sys.path.insert(0, str(tmp_path))
    try:
        yield importlib.import_module("reintegratie_client")
    finally:
        sys.path.remove(str(tmp_path))
        for naam in [m for m in sys.modules if m.startswith("reintegratie_client")]:
            del sys.modules[naam]


@pytest.mark.django_db(transaction=True)
def test_a_gemeente_system_subscribes_receives_verifies_fetches_and_acknowledges(
    client_pakket,
    live_server,
    settings,
    sleutels,
    ontvanger,
    celery_worker_proces,  # noqa: F811
):
    settings.SITE_URL = live_server.url  # the events' links point at this server
    rc = importlib.import_module
    models = rc("reintegratie_client.models")
    gemeente = rc("reintegratie_client").AuthenticatedClient(
        base_url=live_server.url, token=sleutels["enschede"][1], raise_on_unexpected_status=True
    )
    pi = rc("reintegratie_client").AuthenticatedClient(
        base_url=live_server.url, token=sleutels["pi"][1], raise_on_unexpected_status=True
    )

    # 1. The gemeente's system subscribes to new detentions.
    abonnement = rc("reintegratie_client.api.abonnementen.abonnementen_create").sync(
        client=gemeente,
        body=models.AbonnementInRequest(
            naam="Zaaksysteem Enschede",
            url=ontvanger.url,
            soorten=[models.EventsoortEnum("nl.reintegratie.detentie.gemeld")],
            melden_aan="applicatiebeheer@enschede.example",
        ),
    )
    assert isinstance(abonnement, models.AbonnementMetGeheimOut)

    # 2. The PI's system notifies a detention for Enschede.
    melding = rc("reintegratie_client.api.meldingen.meldingen_create").sync(
        client=pi,
        body=models.MeldingInRequest(
            externe_referentie="INJUS-REIS-1",
            voornamen="Mo",
            achternaam="Reisman",
            geboortedatum=datetime.date(1990, 5, 5),
            pi="PI-ALMELO",
            binnenkomst_datum=datetime.date.today() - datetime.timedelta(days=1),
            gemeente="GM0153",
        ),
    )
    traject_id = melding.traject

    # 3. The real worker delivers the CloudEvent to the receiver.
    assert wacht_tot(lambda: len(ontvanger.ontvangen) == 1, proces=celery_worker_proces)
    kop, body = ontvanger.ontvangen[0]
    event = laad_verificatie().verifieer(body, kop["Reintegratie-Handtekening"], abonnement.geheim)
    assert event["type"] == "nl.reintegratie.detentie.gemeld"
    assert event["subject"] == str(traject_id)
    assert "Reisman" not in body.decode()

    # 4. Fetch the trajectory with the link, with the generated client's session and model.
    link = event["data"]["links"]["traject"]
    antwoord = gemeente.get_httpx_client().get(link)
    assert antwoord.status_code == 200
    traject = models.TrajectDetailOut.from_dict(antwoord.json())
    assert traject.id == traject_id

    # 5. Acknowledge it.
    gezien = rc("reintegratie_client.api.trajecten.trajecten_gezien_create").sync(
        id=traject_id, client=gemeente
    )
    assert gezien.traject == traject_id
    assert Traject.objects.get(pk=traject_id).gezien_door_gemeente_op is not None

    # The delivery log, read with the client, says it was delivered at the first attempt.
    log = rc("reintegratie_client.api.abonnementen.abonnementen_afleveringen_list").sync(
        id=abonnement.id, client=gemeente
    )
    [regel] = log.results
    assert str(regel.event_id) == event["id"]
    assert regel.status == models.AfleverstatusEnum("afgeleverd")
    assert [p.statuscode for p in regel.log] == [204]
    assert Aflevering.objects.get().status == Afleverstatus.AFGELEVERD
    json.loads(body)  # structured mode: the body is the whole CloudEvent
