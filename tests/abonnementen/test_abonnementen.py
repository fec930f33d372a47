"""Event subscriptions (issue 16, ADR 0021): registering through the API, the outbox written
with the event, delivery with signature, backoff, the delivery log, pausing, and the races."""

import datetime
import itertools
import json
import threading

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from abonnementen import services, tasks
from abonnementen.models import Abonnement, Aflevering, Afleverstatus, Eventsoort
from audit.models import Auditregel
from ketenpartners.models import Organisatie
from signalering.models import Bericht
from tests.api.conftest import MELDING, api
from trajecten import services as trajectdiensten
from trajecten.keuzes import Gebeurtenissoort
from trajecten.models import Traject

from .conftest import laad_verificatie

NIEUW = Eventsoort.DETENTIE_GEMELD


def abonneer(sleutel, url, soorten=(NIEUW,), **extra):
    invoer = {"naam": "Zaaksysteem", "url": url, "soorten": list(soorten), "melden_aan": "fb@x.nl"}
    return api(sleutel).post("/api/v1/abonnementen/", invoer | extra, format="json")


def meld_detentie(sleutels, referentie="INJUS-1", gemeente="GM0153"):
    antwoord = api(sleutels["pi"][1]).post(
        "/api/v1/meldingen/",
        {**MELDING, "externe_referentie": referentie, "gemeente": gemeente},
        format="json",
    )
    assert antwoord.status_code == 201, antwoord.content
    return antwoord.json()["traject"]


# --- registering ----------------------------------------------------------------------------


def test_a_key_with_the_scope_registers_a_subscription_and_sees_only_its_own(sleutels, demo):
    antwoord = abonneer(sleutels["enschede"][1], "http://localhost:9/events")
    assert antwoord.status_code == 201, antwoord.content
    body = antwoord.json()
    assert len(body["geheim"]) == 64 and body["soorten"] == [NIEUW]
    assert Abonnement.objects.get().organisatie.code == "GM0153"
    assert Auditregel.objects.filter(object_type="abonnement", object_id=str(body["id"])).exists()
    # Listed for Enschede, not for Rotterdam; the secret is never shown again.
    lijst = api(sleutels["enschede"][1]).get("/api/v1/abonnementen/").json()["results"]
    assert [a["id"] for a in lijst] == [body["id"]] and "geheim" not in lijst[0]
    assert api(sleutels["rotterdam"][1]).get("/api/v1/abonnementen/").json()["results"] == []
    for methode, pad in (
        ("get", f"/api/v1/abonnementen/{body['id']}/"),
        ("delete", f"/api/v1/abonnementen/{body['id']}/"),
        ("get", f"/api/v1/abonnementen/{body['id']}/afleveringen/"),
        ("post", f"/api/v1/abonnementen/{body['id']}/geheim-vernieuwen/"),
    ):
        antwoord = getattr(api(sleutels["rotterdam"][1]), methode)(pad)
        assert antwoord.status_code == 404, (methode, pad)
        assert antwoord["Content-Type"] == "application/problem+json"


def test_without_the_scope_or_without_a_key_no_subscriptions(sleutels, demo):
    antwoord = abonneer(sleutels["enschede_lezen"][1], "http://localhost:9/e")
    assert antwoord.status_code == 403
    assert antwoord.json()["ontbrekende_scope"] == "abonnementen:beheren"
    sessie = api()
    sessie.force_login(demo["nazorg1"])
    assert sessie.get("/api/v1/abonnementen/").status_code == 403
    assert api().get("/api/v1/abonnementen/").status_code == 401
    assert not Abonnement.objects.exists()


@pytest.mark.parametrize(
    ("invoer", "veld"),
    [
        ({"url": "ftp://example.org/x"}, "url"),
        ({"url": "niet een url"}, "url"),
        ({"url": "http://example.org/events"}, "url"),  # http only to this machine in tests
        ({"url": "https://gebruiker:geheim@example.org/"}, "url"),
        ({"url": "https://example.org:99999/"}, "url"),
        ({"soorten": ["nl.reintegratie.onbekend"]}, "soorten"),
        ({"soorten": []}, "soorten"),
        ({"melden_aan": "geen-adres"}, "melden_aan"),
        ({"naam": ""}, "naam"),
    ],
)
def test_bad_input_is_a_400_at_the_field_and_saves_nothing(sleutels, invoer, veld):
    invoer = {"url": "https://example.org/events", **invoer}
    antwoord = abonneer(sleutels["enschede"][1], invoer.pop("url"), **invoer)
    assert antwoord.status_code == 400, antwoord.content
    assert antwoord["Content-Type"] == "application/problem+json"
    assert veld in antwoord.json()["errors"]
    assert not Abonnement.objects.exists()


def test_production_refuses_plain_http_and_internal_addresses(settings):
    settings.ABONNEMENTEN_HTTP_LOKAAL = False
    for url in (
        "http://localhost:8000/e",
        "https://localhost/e",
        "https://127.0.0.1/e",
        "https://10.0.0.5/e",
        "https://[::1]/e",
        "https://169.254.169.254/latest",
        "https://127.1/e",
        "https://2130706433/e",
        "https://0x7f.1/e",
        "https://0177.0.0.1/e",
    ):
        with pytest.raises(services.ValidationError):
            services.controleer_url(url)
    assert services.controleer_url("https://zaken.enschede.nl/events")


# --- the outbox -----------------------------------------------------------------------------


def test_a_new_detention_writes_one_delivery_for_the_gemeente_that_sees_it(sleutels, ontvanger):
    abonneer(sleutels["enschede"][1], ontvanger.url)
    abonneer(sleutels["rotterdam"][1], ontvanger.url)
    traject_id = meld_detentie(sleutels)
    aflevering = Aflevering.objects.get()
    assert aflevering.abonnement.organisatie.code == "GM0153"  # Rotterdam does not see it
    envelop = aflevering.envelop
    assert envelop["type"] == "nl.reintegratie.detentie.gemeld"
    assert envelop["subject"] == str(traject_id) and envelop["specversion"] == "1.0"
    assert envelop["source"] and envelop["time"] and envelop["datacontenttype"]
    assert envelop["data"] == {
        "traject": traject_id,
        "links": {"traject": f"http://127.0.0.1:8000/api/v1/trajecten/{traject_id}/"},
    }
    assert "Meldingman" not in json.dumps(envelop)  # no personal data


def test_a_rolled_back_change_writes_no_delivery(sleutels, demo, ontvanger):
    abonneer(sleutels["enschede"][1], ontvanger.url, soorten=[Eventsoort.TRAJECT_AFGESLOTEN])
    traject_id = meld_detentie(sleutels)
    traject = Traject.objects.get(pk=traject_id)
    with pytest.raises(RuntimeError), transaction.atomic():
        trajectdiensten.meld_gebeurtenis(
            Gebeurtenissoort.TRAJECT_AFGESLOTEN, traject=traject, door=None
        )
        assert Aflevering.objects.count() == 1
        raise RuntimeError
    assert not Aflevering.objects.exists()


def test_a_flag_raised_is_an_event_too(sleutels, demo, ontvanger):
    from signalering.models import Signalering
    from signalering.signalen import meld_nieuw

    abonneer(sleutels["enschede"][1], ontvanger.url, soorten=[Eventsoort.SIGNALERING_AANGEMAAKT])
    traject_id = meld_detentie(sleutels)
    s = Signalering.objects.create(
        traject_id=traject_id,
        soort="contact_gemeente",
        uiterlijk=timezone.localdate(),
        gesignaleerd_datum=timezone.localdate(),
    )
    meld_nieuw([s.pk])
    envelop = Aflevering.objects.get().envelop
    assert envelop["type"] == "nl.reintegratie.signalering.aangemaakt"
    assert envelop["data"]["signalering"] == s.pk


def test_writing_the_outbox_costs_the_same_queries_for_many_trajectories(sleutels, demo):
    abonneer(sleutels["enschede"][1], "http://localhost:9/e", soorten=[NIEUW])
    ids = [meld_detentie(sleutels, referentie=f"R-{i}") for i in range(6)]
    tellingen = []
    for aantal in (2, 6):
        with CaptureQueriesContext(connection) as q:
            services.schrijf_afleveringen(
                gebeurtenis=Gebeurtenissoort.DETENTIE_GEMELD, traject_ids=ids[:aantal]
            )
        tellingen.append(len(q))
    assert tellingen[0] == tellingen[1] <= 4


# --- delivery -------------------------------------------------------------------------------


def test_delivery_is_signed_and_the_verifier_accepts_it_once_and_rejects_forgeries(
    sleutels, ontvanger
):
    v = laad_verificatie()
    geheim = abonneer(sleutels["enschede"][1], ontvanger.url).json()["geheim"]
    meld_detentie(sleutels)
    aflevering = Aflevering.objects.get()
    assert services.bezorg(aflevering_id=aflevering.pk) is True
    [(kop, body)] = ontvanger.ontvangen
    assert kop["Content-Type"].startswith("application/cloudevents+json")
    handtekening = kop["Reintegratie-Handtekening"]
    event = v.verifieer(body, handtekening, geheim)
    assert event["id"] == str(aflevering.event_id)
    # Forged (another secret), altered body, replayed after the window, garbage header.
    with pytest.raises(v.OngeldigeHandtekening):
        v.verifieer(body, handtekening, "0" * 64)
    with pytest.raises(v.OngeldigeHandtekening):
        v.verifieer(body.replace(b'"traject":', b'"traject": 1, "x":'), handtekening, geheim)
    t = int(handtekening.split(",")[0][2:])
    with pytest.raises(v.OngeldigeHandtekening):
        v.verifieer(body, handtekening, geheim, nu=t + 301)
    with pytest.raises(v.OngeldigeHandtekening):
        v.verifieer(body, "t=abc,v1=00", geheim)
    aflevering.refresh_from_db()
    assert aflevering.status == Afleverstatus.AFGELEVERD
    # Delivered is delivered: running again sends nothing.
    assert services.bezorg(aflevering_id=aflevering.pk) is None
    assert len(ontvanger.ontvangen) == 1


def test_a_receiver_down_for_an_hour_gets_every_event_afterwards(sleutels, ontvanger):
    abonneer(sleutels["enschede"][1], ontvanger.url)
    ontvanger.status = 503
    for i in range(3):
        meld_detentie(sleutels, referentie=f"UUR-{i}")
    nu = timezone.now()
    # Attempts during the hour, each at its due time (time simulated via volgende_poging).
    while nu < timezone.now() + datetime.timedelta(hours=1):
        for pk in services.verschuldigd(nu=nu):
            assert services.bezorg(aflevering_id=pk, nu=nu) is False
        nu = min(Aflevering.objects.values_list("volgende_poging", flat=True))
    wachttijden = sorted(
        {round((b - a).total_seconds()) for a, b in _opeenvolgend(Aflevering.objects.first())}
    )
    assert wachttijden[0] == 30 and wachttijden[-1] >= 900  # exponential backoff
    ontvanger.status = 200
    for pk in services.verschuldigd(nu=nu):
        assert services.bezorg(aflevering_id=pk, nu=nu) is True
    ids = {json.loads(body)["id"] for _k, body in ontvanger.ontvangen}
    assert ids == {str(a.event_id) for a in Aflevering.objects.all()}  # every event, unique ids
    assert not Aflevering.objects.exclude(status=Afleverstatus.AFGELEVERD).exists()
    # The log says what happened, to the organisation that owns it.
    abonnement = Abonnement.objects.get()
    log = api(sleutels["enschede"][1]).get(f"/api/v1/abonnementen/{abonnement.pk}/afleveringen/")
    regel = log.json()["results"][0]
    assert regel["status"] == "afgeleverd"
    assert [p["statuscode"] for p in regel["log"]][-2:] == [503, 200]
    assert regel["log"][0]["fout"] == "Antwoord 503" and not regel["log"][0]["gelukt"]
    assert Abonnement.objects.get().gepauzeerd_op is None


def _opeenvolgend(aflevering):
    tijden = list(aflevering.log.values_list("op", flat=True))
    return itertools.pairwise(tijden)


def test_an_unreachable_receiver_is_logged_with_its_error(sleutels):
    abonneer(sleutels["enschede"][1], "http://127.0.0.1:1/events")  # nothing listens
    meld_detentie(sleutels)
    aflevering = Aflevering.objects.get()
    assert services.bezorg(aflevering_id=aflevering.pk) is False
    poging = aflevering.log.get()
    assert poging.statuscode is None and poging.fout == "Verbinding mislukt of geweigerd"
    aflevering.refresh_from_db()
    assert aflevering.status == Afleverstatus.WACHTEND and aflevering.pogingen == 1


def test_failing_for_a_day_pauses_the_subscription_and_tells_its_owner(sleutels, ontvanger):
    abonneer(sleutels["enschede"][1], ontvanger.url)
    ontvanger.status = 500
    meld_detentie(sleutels)
    abonnement = Abonnement.objects.get()
    aflevering = Aflevering.objects.get()
    assert services.bezorg(aflevering_id=aflevering.pk) is False
    abonnement.refresh_from_db()
    assert abonnement.falend_sinds and abonnement.gepauzeerd_op is None
    # A day later it still fails: paused, and the owner hears of it through the outbox.
    later = timezone.now() + datetime.timedelta(hours=24, minutes=1)
    assert services.bezorg(aflevering_id=aflevering.pk, nu=later) is False
    abonnement.refresh_from_db()
    assert abonnement.gepauzeerd_op is not None
    bericht = Bericht.objects.get(aan="fb@x.nl")
    assert "gepauzeerd" in bericht.onderwerp and ontvanger.url in bericht.tekst
    # Paused: nothing is due, new events still wait in the outbox.
    meld_detentie(sleutels, referentie="TIJDENS-PAUZE")
    assert services.verschuldigd(nu=later + datetime.timedelta(days=1)) == []
    # Resumed by its owner: everything that waited is delivered.
    ontvanger.status = 204
    antwoord = api(sleutels["enschede"][1]).post(f"/api/v1/abonnementen/{abonnement.pk}/hervatten/")
    assert antwoord.status_code == 200 and antwoord.json()["gepauzeerd_op"] is None
    assert tasks.bezorg_verschuldigde() == 2
    assert Aflevering.objects.filter(status=Afleverstatus.AFGELEVERD).count() == 2


def test_a_new_secret_signs_the_next_delivery(sleutels, ontvanger):
    v = laad_verificatie()
    oud = abonneer(sleutels["enschede"][1], ontvanger.url).json()
    nieuw = api(sleutels["enschede"][1]).post(
        f"/api/v1/abonnementen/{oud['id']}/geheim-vernieuwen/"
    )
    assert nieuw.status_code == 200 and nieuw.json()["geheim"] != oud["geheim"]
    meld_detentie(sleutels)
    services.bezorg(aflevering_id=Aflevering.objects.get().pk)
    [(kop, body)] = ontvanger.ontvangen
    v.verifieer(body, kop["Reintegratie-Handtekening"], nieuw.json()["geheim"])
    with pytest.raises(v.OngeldigeHandtekening):
        v.verifieer(body, kop["Reintegratie-Handtekening"], oud["geheim"])


def test_a_removed_subscription_gets_nothing_more(sleutels, ontvanger):
    pk = abonneer(sleutels["enschede"][1], ontvanger.url).json()["id"]
    assert api(sleutels["enschede"][1]).delete(f"/api/v1/abonnementen/{pk}/").status_code == 204
    meld_detentie(sleutels)
    assert not Aflevering.objects.exists()
    assert api(sleutels["enschede"][1]).get(f"/api/v1/abonnementen/{pk}/").status_code == 404


def test_the_delivery_log_costs_the_same_queries_at_any_length(
    sleutels, ontvanger, django_assert_max_num_queries
):
    pk = abonneer(sleutels["enschede"][1], ontvanger.url).json()["id"]
    ontvanger.status = 500
    for aantal in (2, 8):
        while Aflevering.objects.count() < aantal:
            meld_detentie(sleutels, referentie=f"LOG-{Aflevering.objects.count()}")
        for a in Aflevering.objects.all():
            services.bezorg(aflevering_id=a.pk, nu=timezone.now() + datetime.timedelta(hours=2))
        with django_assert_max_num_queries(9):
            antwoord = api(sleutels["enschede"][1]).get(f"/api/v1/abonnementen/{pk}/afleveringen/")
        assert len(antwoord.json()["results"]) == aantal


# --- the acknowledgement --------------------------------------------------------------------


def test_the_gemeente_acknowledges_a_new_detention_through_the_api(sleutels):
    traject_id = meld_detentie(sleutels)
    pad = f"/api/v1/trajecten/{traject_id}/gezien/"
    assert api(sleutels["rotterdam"][1]).post(pad).status_code == 404  # not theirs
    assert api(sleutels["enschede_lezen"][1]).post(pad).status_code == 403  # no write scope
    assert api(sleutels["pi"][1]).post(pad).status_code == 403  # the PI is not the gemeente
    antwoord = api(sleutels["enschede"][1]).post(pad)
    assert antwoord.status_code == 200 and antwoord.json()["traject"] == traject_id
    eerste = antwoord.json()["gezien_op"]
    assert api(sleutels["enschede"][1]).post(pad).json()["gezien_op"] == eerste
    assert Traject.objects.get(pk=traject_id).gezien_door_gemeente_op is not None
    assert Auditregel.objects.filter(traject_id=traject_id, object_id="gezien")


# --- races on real PostgreSQL ---------------------------------------------------------------


def _tegelijk(functie, aantal=2):
    start = threading.Barrier(aantal)
    uitkomsten, fouten = [], []

    def werk():
        try:
            start.wait()
            uitkomsten.append(functie())
        except Exception as fout:
            fouten.append(fout)
        finally:
            connection.close()

    draden = [threading.Thread(target=werk) for _ in range(aantal)]
    for d in draden:
        d.start()
    for d in draden:
        d.join(30)
    assert fouten == []
    return uitkomsten


@pytest.mark.django_db(transaction=True)
def test_two_workers_delivering_the_same_row_send_it_once(sleutels, ontvanger):
    abonneer(sleutels["enschede"][1], ontvanger.url)
    meld_detentie(sleutels)
    pk = Aflevering.objects.get().pk
    uitkomsten = _tegelijk(lambda: services.bezorg(aflevering_id=pk), aantal=4)
    assert sorted(uitkomsten, key=str) == [None, None, None, True]
    assert len(ontvanger.ontvangen) == 1
    assert Aflevering.objects.get().log.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_acknowledgements_at_once_record_one(sleutels):
    traject_id = meld_detentie(sleutels)
    uitkomsten = _tegelijk(
        lambda: api(sleutels["enschede"][1]).post(f"/api/v1/trajecten/{traject_id}/gezien/"),
        aantal=3,
    )
    assert {u.status_code for u in uitkomsten} == {200}
    assert len({u.json()["gezien_op"] for u in uitkomsten}) == 1
    assert (
        Auditregel.objects.filter(
            traject_id=traject_id, actie="schrijven", object_id="gezien"
        ).count()
        == 1
    )


def test_organisation_of_the_subscription_is_the_keys(sleutels):
    abonneer(sleutels["enschede"][1], "http://localhost:9/e")
    assert Abonnement.objects.get().organisatie == Organisatie.objects.get(code="GM0153")


def test_the_verifier_rejects_a_non_ascii_signature_with_its_own_error():
    """A v1= with a non-ASCII character is a 401 for the receiver, not a TypeError (a 500)."""
    import time

    v = laad_verificatie()
    kop = f"t={int(time.time())},v1=é{'0' * 63}"
    with pytest.raises(v.OngeldigeHandtekening):
        v.verifieer(b"{}", kop, "geheim")


def test_the_administrator_resumes_through_the_service_not_by_clearing_the_field(
    client, demo, sleutels, ontvanger
):
    """gepauzeerd_op is read-only in the admin; the action resumes with audit and due deliveries."""
    from django.urls import reverse

    abonneer(sleutels["enschede"][1], ontvanger.url)
    meld_detentie(sleutels)
    abonnement = Abonnement.objects.get()
    gepauzeerd = timezone.now() - datetime.timedelta(days=1)
    Abonnement.objects.filter(pk=abonnement.pk).update(
        gepauzeerd_op=gepauzeerd, falend_sinds=gepauzeerd
    )
    Aflevering.objects.update(volgende_poging=timezone.now() + datetime.timedelta(days=9))
    from django.contrib.auth.models import Permission

    beheer = demo["beheer1"]
    beheer.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="abonnementen",
            codename__in=["view_abonnement", "change_abonnement"],
        )
    )
    client.force_login(beheer)
    wijzig = reverse("admin:abonnementen_abonnement_change", args=[abonnement.pk])
    formulier = client.get(wijzig)
    assert formulier.status_code == 200 and ontvanger.url in formulier.content.decode()
    assert 'name="gepauzeerd_op' not in formulier.content.decode()
    abonnement.refresh_from_db()
    assert abonnement.gepauzeerd_op == gepauzeerd
    antwoord = client.post(
        reverse("admin:abonnementen_abonnement_changelist"),
        {"action": "hervatten", "_selected_action": [abonnement.pk]},
    )
    assert antwoord.status_code == 302
    abonnement.refresh_from_db()
    assert abonnement.gepauzeerd_op is None and abonnement.falend_sinds is None
    assert services.verschuldigd() == [Aflevering.objects.get().pk]
    assert Auditregel.objects.filter(toelichting="abonnement hervat").exists()


# --- finding 4: events do not outlive the key or the access -----------------------------------


def _gebeurtenis_van(soort):
    return next(g for g, s in services.SOORT_VAN_GEBEURTENIS.items() if s == soort)


def test_an_expired_key_or_one_without_the_scope_gets_nothing(sleutels, ontvanger):
    token = sleutels["enschede"][0]
    abonneer(sleutels["enschede"][1], ontvanger.url)
    traject_id = meld_detentie(sleutels)
    [wachtend] = Aflevering.objects.values_list("pk", flat=True)
    token.geldig_tot = timezone.localdate() - datetime.timedelta(days=1)
    token.save(update_fields=["geldig_tot"])
    assert services.verschuldigd() == []
    assert services.bezorg(aflevering_id=wachtend) is None
    assert (
        services.schrijf_afleveringen(gebeurtenis=_gebeurtenis_van(NIEUW), traject_ids=[traject_id])
        == []
    )
    token.geldig_tot = timezone.localdate() + datetime.timedelta(days=30)
    token.scopes = ["trajecten:lezen"]
    token.save(update_fields=["geldig_tot", "scopes"])
    assert services.verschuldigd() == []
    assert (
        services.schrijf_afleveringen(gebeurtenis=_gebeurtenis_van(NIEUW), traject_ids=[traject_id])
        == []
    )
    assert ontvanger.ontvangen == []


def test_a_case_restricted_after_the_event_is_not_delivered_and_at_write_time_not_written(
    sleutels, ontvanger
):
    abonneer(sleutels["enschede"][1], ontvanger.url)
    traject_id = meld_detentie(sleutels)
    aflevering = Aflevering.objects.get()
    Traject.objects.filter(pk=traject_id).update(beperkt=True)
    assert services.bezorg(aflevering_id=aflevering.pk) is False
    assert ontvanger.ontvangen == []
    aflevering.refresh_from_db()
    assert aflevering.status == Afleverstatus.OPGEGEVEN
    assert "ziet dit traject niet meer" in aflevering.log.get().fout
    assert (
        services.schrijf_afleveringen(gebeurtenis=_gebeurtenis_van(NIEUW), traject_ids=[traject_id])
        == []
    )


def test_delivery_refuses_an_address_that_resolves_internal_and_logs_no_detail(
    sleutels, ontvanger, settings
):
    """Checked again at delivery: the integer/short/hex forms and a name resolving to an
    internal address get no POST; the log says only that the address was refused."""
    abonneer(sleutels["enschede"][1], ontvanger.url)
    meld_detentie(sleutels)
    aflevering = Aflevering.objects.get()
    settings.ABONNEMENTEN_HTTP_LOKAAL = False
    poort = ontvanger.url.split(":")[2].split("/")[0]
    for host in ("127.1", "2130706433", "0x7f.1", "localhost"):
        Abonnement.objects.update(url=f"http://{host}:{poort}/events")
        Aflevering.objects.update(volgende_poging=timezone.now())
        assert services.bezorg(aflevering_id=aflevering.pk) is False
    assert ontvanger.ontvangen == []
    assert {p.fout for p in aflevering.log.all()} == {
        "Geweigerd: het adres is niet openbaar of niet te vinden"
    }


def test_delivery_goes_to_the_address_it_checked_not_to_where_a_name_turns_next(
    sleutels, ontvanger, settings, monkeypatch
):
    """DNS rebinding (ADR 0021): a name that resolves to a public address for the check and to
    this machine a moment later. The POST goes to the checked address, so the internal receiver
    gets nothing; the name still travels as the Host header."""
    import socket

    abonneer(sleutels["enschede"][1], ontvanger.url)
    meld_detentie(sleutels)
    aflevering = Aflevering.objects.get()
    poort = int(ontvanger.url.split(":")[2].split("/")[0])
    settings.ABONNEMENTEN_HTTP_LOKAAL = False
    settings.ABONNEMENTEN_TIMEOUT = 1
    Abonnement.objects.update(url=f"http://wisselend.test:{poort}/events")
    echt = socket.getaddrinfo
    antwoorden = iter(["192.88.99.1"])  # global (the retired 6to4 relay), answers nothing

    def wisselend(host, *args, **kwargs):
        if host == "wisselend.test":
            adres = next(antwoorden, "127.0.0.1")
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (adres, poort))]
        return echt(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", wisselend)
    assert services.bezorg(aflevering_id=aflevering.pk) is False
    assert ontvanger.ontvangen == []
    assert aflevering.log.get().fout in {
        "Time-out: geen antwoord op tijd",
        "Verbinding mislukt of geweigerd",
    }


def test_a_pinned_delivery_carries_the_name_as_host(sleutels, ontvanger):
    abonneer(sleutels["enschede"][1], ontvanger.url.replace("127.0.0.1", "localhost"))
    meld_detentie(sleutels)
    assert services.bezorg(aflevering_id=Aflevering.objects.get().pk) is True
    kop, _body = ontvanger.ontvangen[0]
    assert kop["Host"] == f"localhost:{ontvanger.url.split(':')[2].split('/')[0]}"


def test_a_name_with_two_checked_addresses_is_tried_at_the_next_when_the_first_refuses(
    sleutels, ontvanger, monkeypatch
):
    """As a connection by name does: ::1 first (nothing listens there), then 127.0.0.1."""
    import socket

    poort = int(ontvanger.url.split(":")[2].split("/")[0])
    echt = socket.getaddrinfo

    def twee(host, *args, **kwargs):
        if host == "twee.test":
            return [
                (socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("::1", poort, 0, 0)),
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", poort)),
            ]
        return echt(host, *args, **kwargs)

    abonneer(sleutels["enschede"][1], ontvanger.url)
    meld_detentie(sleutels)
    Abonnement.objects.update(url=f"http://twee.test:{poort}/events")
    monkeypatch.setattr(socket, "getaddrinfo", twee)
    assert services.bezorg(aflevering_id=Aflevering.objects.get().pk) is True
    assert ontvanger.ontvangen[0][0]["Host"] == f"twee.test:{poort}"


@pytest.mark.parametrize(
    ("url", "adres", "verwacht"),
    [
        (
            "https://ontvanger.example/cb",
            "93.184.216.34",
            ("https://93.184.216.34/cb", "ontvanger.example"),
        ),
        ("http://localhost:9000/events", "::1", ("http://[::1]:9000/events", "localhost:9000")),
        (
            "https://[2001:db8::5]:8443/cb?x=1",
            "2001:db8::5",
            ("https://[2001:db8::5]:8443/cb?x=1", "[2001:db8::5]:8443"),
        ),
    ],
)
def test_the_pinned_url_and_host_header(url, adres, verwacht):
    assert services._vastgepind(url, adres) == verwacht
