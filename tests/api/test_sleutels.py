"""Issue 17, item 7: API keys have scopes, an expiry date and a recorded last use; the throttle
is shared through Redis between processes."""

import datetime
import io

import pytest
from django.core.cache import caches
from django.core.management import CommandError, call_command
from django.utils import timezone
from rest_framework.test import APIRequestFactory

from api import services
from api.models import ApiToken
from api.throttling import PerSleutel
from ketenpartners.models import Organisatie

from .conftest import MELDING, api

pytestmark = pytest.mark.django_db


def sleutel_met(demo, code: str, *scopes: str, **extra) -> tuple[ApiToken, str]:
    return services.geef_token_uit(
        acting_user=demo["beheer1"],
        organisatie=Organisatie.objects.get(code=code),
        naam="proef",
        scopes=list(scopes),
        **extra,
    )


def test_a_notifications_only_key_cannot_list_trajectories(demo):
    _token, sleutel = sleutel_met(demo, "PI-ALMELO", "meldingen:schrijven")
    assert api(sleutel).post("/api/v1/meldingen/", MELDING, format="json").status_code == 201
    for pad in ("/api/v1/trajecten/", "/api/v1/signaleringen/", "/api/v1/contactpunten/"):
        response = api(sleutel).get(pad)
        assert response.status_code == 403, pad
        assert response["Content-Type"] == "application/problem+json"
        body = response.json()
        assert body["ontbrekende_scope"] == "trajecten:lezen"
        assert "trajecten:lezen" in body["detail"]


def test_a_read_only_key_reads_but_does_not_write(demo, traject):
    _token, sleutel = sleutel_met(demo, "GM0153", "trajecten:lezen")
    client = api(sleutel)
    assert [t["id"] for t in client.get("/api/v1/trajecten/").json()["results"]] == [traject.pk]
    bv = client.get(f"/api/v1/trajecten/{traject.pk}/basisvoorwaarden/huisvesting/")
    assert bv.status_code == 200
    response = client.patch(
        f"/api/v1/trajecten/{traject.pk}/basisvoorwaarden/huisvesting/",
        {"hulpvraag": "Mag niet"},
        format="json",
        HTTP_IF_MATCH=bv["ETag"],
    )
    assert response.status_code == 403
    assert response.json()["ontbrekende_scope"] == "trajecten:schrijven"
    assert (
        client.post("/api/v1/meldingen/", MELDING, format="json").json()["ontbrekende_scope"]
        == "meldingen:schrijven"
    )
    traject.refresh_from_db()
    assert traject.basisvoorwaarden.get(domein="huisvesting").hulpvraag != "Mag niet"


def test_a_key_of_a_gemeente_cannot_be_given_the_notification_scope(demo):
    with pytest.raises(services.ValidationError) as fout:
        sleutel_met(demo, "GM0153", "meldingen:schrijven")
    assert "scopes" in fout.value.message_dict
    with pytest.raises(services.ValidationError) as fout:
        sleutel_met(demo, "GM0153")
    assert fout.value.message_dict["scopes"] == ["Kies ten minste één scope."]


def test_an_expired_key_is_a_401_problem(demo):
    vandaag = timezone.localdate()
    token, sleutel = sleutel_met(demo, "GM0153", "trajecten:lezen", geldig_tot=vandaag)
    assert api(sleutel).get("/api/v1/trajecten/").status_code == 200  # the last day counts
    ApiToken.objects.filter(pk=token.pk).update(geldig_tot=vandaag - datetime.timedelta(days=1))
    response = api(sleutel).get("/api/v1/trajecten/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert "verlopen" in response.json()["detail"]


def test_new_keys_expire_in_a_year_and_at_most_in_two(demo):
    vandaag = timezone.localdate()
    token, _ = services.geef_token_uit(
        acting_user=demo["beheer1"], organisatie=Organisatie.objects.get(code="RN"), naam="x"
    )
    assert token.geldig_tot == vandaag + datetime.timedelta(days=365)
    assert token.scopes == ["trajecten:lezen", "trajecten:schrijven"]
    for te_laat in (vandaag - datetime.timedelta(days=1), vandaag + datetime.timedelta(days=800)):
        with pytest.raises(services.ValidationError) as fout:
            sleutel_met(demo, "GM0153", "trajecten:lezen", geldig_tot=te_laat)
        assert "geldig_tot" in fout.value.message_dict


def test_last_use_is_written_at_most_once_a_minute(demo, django_assert_num_queries):
    token, sleutel = sleutel_met(demo, "GM0153", "trajecten:lezen")
    client = api(sleutel)
    client.get("/api/v1/contactpunten/")
    eerst = ApiToken.objects.get(pk=token.pk).laatst_gebruikt_op
    assert eerst is not None
    client.get("/api/v1/contactpunten/")
    assert ApiToken.objects.get(pk=token.pk).laatst_gebruikt_op == eerst
    twee_minuten_terug = timezone.now() - datetime.timedelta(minutes=2)
    ApiToken.objects.filter(pk=token.pk).update(laatst_gebruikt_op=twee_minuten_terug)
    client.get("/api/v1/contactpunten/")
    assert ApiToken.objects.get(pk=token.pk).laatst_gebruikt_op > twee_minuten_terug


def test_the_admin_lists_scopes_expiry_and_last_use(client, demo):
    sleutel_met(demo, "GM0153", "trajecten:lezen")
    client.force_login(demo["beheer1"])
    tekst = client.get("/beheer/api/apitoken/").content.decode()
    for kop in ("Scopes", "Geldig tot en met", "Laatst gebruikt"):
        assert kop in tekst
    assert "trajecten:lezen" in tekst


def test_the_admin_refuses_a_scope_the_organisation_cannot_use_at_the_field(client, demo):
    client.force_login(demo["beheer1"])
    response = client.post(
        "/beheer/api/apitoken/add/",
        {
            "organisatie": Organisatie.objects.get(code="GM0153").pk,
            "naam": "Fout",
            "scopes": ["meldingen:schrijven"],
            "geldig_tot": "01-01-2000",
        },
    )
    assert response.status_code == 200
    tekst = response.content.decode()
    assert "kan meldingen:schrijven niet gebruiken" in tekst
    response = client.post(
        "/beheer/api/apitoken/add/",
        {
            "organisatie": Organisatie.objects.get(code="GM0153").pk,
            "naam": "Fout",
            "scopes": ["trajecten:lezen"],
            "geldig_tot": "01-01-2000",
        },
    )
    assert "De einddatum ligt in het verleden." in response.content.decode()
    assert not ApiToken.objects.filter(naam="Fout").exists()


def test_the_command_issues_a_key_with_scopes_and_expiry(demo):
    uit = io.StringIO()
    datum = timezone.localdate() + datetime.timedelta(days=30)
    call_command(
        "maak_api_sleutel",
        "PI-ALMELO",
        "TULP",
        "--scope",
        "meldingen:schrijven",
        "--geldig-tot",
        datum.strftime("%d-%m-%Y"),
        stdout=uit,
    )
    token = ApiToken.objects.get(naam="TULP")
    assert (token.scopes, token.geldig_tot) == (["meldingen:schrijven"], datum)
    assert "meldingen:schrijven" in uit.getvalue()
    with pytest.raises(CommandError, match="Ongeldige datum"):
        call_command("maak_api_sleutel", "GM0153", "x", "--geldig-tot", "31-02-2027")
    with pytest.raises(CommandError, match="niet gebruiken"):
        call_command("maak_api_sleutel", "GM0153", "x", "--scope", "meldingen:schrijven")


def test_the_schema_declares_the_scope_of_every_operation():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    paden = schema["paths"]
    assert {"apiSleutel": ["meldingen:schrijven"]} in paden["/api/v1/meldingen/"]["post"][
        "security"
    ]
    assert {"apiSleutel": ["trajecten:lezen"]} in paden["/api/v1/trajecten/"]["get"]["security"]
    patch = paden["/api/v1/trajecten/{id}/basisvoorwaarden/{domein}/"]["patch"]
    assert {"apiSleutel": ["trajecten:schrijven"]} in patch["security"]


def test_two_processes_share_one_throttle_count(demo, settings):
    """Two throttles with their own Redis connection - as two worker processes have - count
    together: the third request of a client allowed 2 a minute is refused, whichever process
    receives it."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": "2/minute"},
    }
    token, _sleutel = sleutel_met(demo, "GM0153", "trajecten:lezen")
    proces_a = PerSleutel(cache=caches.create_connection("gedeeld"))
    proces_b = PerSleutel(cache=caches.create_connection("gedeeld"))
    assert proces_a.cache is not proces_b.cache

    def verzoek():
        request = APIRequestFactory().get("/api/v1/trajecten/")
        request.user, request.auth = token.account, token
        return request

    assert proces_a.allow_request(verzoek(), None)
    assert proces_b.allow_request(verzoek(), None)
    assert not proces_a.allow_request(verzoek(), None)
    assert not proces_b.allow_request(verzoek(), None)
    # And the count lives in Redis itself, where a process on another host sees it too.
    import redis
    from django.conf import settings as django_settings

    ruw = redis.Redis.from_url(django_settings.REDIS_URL)
    assert ruw.keys(f"*throttle_sleutel_{token.prefix}")


def test_the_api_answers_429_once_the_shared_count_is_used_up(demo, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": "2/minute"},
    }
    _token, sleutel = sleutel_met(demo, "GM0153", "trajecten:lezen")
    client = api(sleutel)
    assert [client.get("/api/v1/contactpunten/").status_code for _ in range(3)] == [200, 200, 429]
    # The count is in Redis, not in this process: a fresh connection sees it.
    assert len(caches.create_connection("gedeeld").get(f"throttle_sleutel_{_token.prefix}")) == 2
