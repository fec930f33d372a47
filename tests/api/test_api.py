import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from api import services
from api.models import ApiToken
from trajecten.models import Traject

from .conftest import MELDING, api

pytestmark = pytest.mark.django_db


def test_a_notification_posted_twice_creates_one_trajectory_in_the_right_inbox(
    sleutels, client, demo
):
    pi = api(sleutels["pi"][1])
    eerste = pi.post("/api/v1/meldingen/", MELDING, format="json")
    tweede = pi.post("/api/v1/meldingen/", MELDING, format="json")
    assert (eerste.status_code, tweede.status_code) == (201, 200)
    assert eerste.json()["traject"] == tweede.json()["traject"]
    traject = Traject.objects.get()
    assert (traject.fase, traject.gemelde_gemeente.code) == ("instroom", "GM0153")
    assert [
        t["id"] for t in api(sleutels["enschede"][1]).get("/api/v1/trajecten/").json()["results"]
    ] == [traject.pk]
    assert api(sleutels["rotterdam"][1]).get("/api/v1/trajecten/").json()["results"] == []
    assert api(sleutels["rotterdam"][1]).get(f"/api/v1/trajecten/{traject.pk}/").status_code == 404
    client.force_login(demo["nazorg1"])
    assert "Meldingman" in client.get("/inbox/").content.decode()
    for wie in ("nazorg2", "casemanager2", "reclassering1"):
        client.force_login(demo[wie])
        assert client.get(traject.get_absolute_url()).status_code == 404


def test_same_reference_other_content_is_a_409_problem(sleutels):
    pi = api(sleutels["pi"][1])
    pi.post("/api/v1/meldingen/", MELDING, format="json")
    response = pi.post(
        "/api/v1/meldingen/", {**MELDING, "binnenkomst_datum": "2026-11-03"}, format="json"
    )
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert (
        body["status"] == 409
        and "INJUS-2026-000123" in body["detail"]
        and body["title"] == "Conflict"
    )
    assert Traject.objects.count() == 1


def test_bad_notifications_get_400_with_field_errors_and_save_nothing(sleutels):
    response = api(sleutels["pi"][1]).post(
        "/api/v1/meldingen/",
        {
            **MELDING,
            "pi": "PI-ONBEKEND",
            "gemeente": "GM9999",
            "binnenkomst_datum": "2099-01-01",
            "bsn": "12",
        },
        format="json",
    )
    assert response.status_code == 400
    fouten = response.json()["errors"]
    assert {"pi", "gemeente", "binnenkomst_datum", "bsn"} <= fouten.keys()
    assert not Traject.objects.exists()
    elfproef = api(sleutels["pi"][1]).post(
        "/api/v1/meldingen/", {**MELDING, "bsn": "123456789"}, format="json"
    )
    assert elfproef.status_code == 400 and "elfproef" in str(elfproef.json()["errors"]["bsn"])


def test_a_pi_key_cannot_notify_for_another_pi_and_a_gemeente_cannot_notify(sleutels):
    andere = api(sleutels["pi"][1]).post(
        "/api/v1/meldingen/", {**MELDING, "pi": "PI-NIEUWERSLUIS"}, format="json"
    )
    assert andere.status_code == 400 and "pi" in andere.json()["errors"]
    assert (
        api(sleutels["enschede"][1]).post("/api/v1/meldingen/", MELDING, format="json").status_code
        == 403
    )


def test_no_key_a_wrong_key_and_a_revoked_key_are_401(sleutels, demo):
    assert api().get("/api/v1/trajecten/").status_code == 401
    fout = api("rt_fout_fout").get("/api/v1/trajecten/")
    assert fout.status_code == 401 and fout["Content-Type"] == "application/problem+json"
    token, sleutel = sleutels["enschede"]
    assert api(sleutel).get("/api/v1/trajecten/").status_code == 200
    services.trek_token_in(acting_user=demo["beheer1"], token=token)
    assert api(sleutel).get("/api/v1/trajecten/").status_code == 401


def test_keys_are_stored_hashed(sleutels):
    token, sleutel = sleutels["pi"]
    opgeslagen = ApiToken.objects.get(pk=token.pk)
    assert sleutel not in (opgeslagen.sleutel_hash, opgeslagen.prefix)
    assert opgeslagen.sleutel_hash == services.hash_sleutel(sleutel)


def test_the_browser_session_works_and_sees_the_same_scope(client, demo, traject):
    client.force_login(demo["nazorg1"])
    assert [t["id"] for t in client.get("/api/v1/trajecten/").json()["results"]] == [traject.pk]
    client.force_login(demo["nazorg2"])
    assert client.get(f"/api/v1/trajecten/{traject.pk}/").status_code == 404


def test_roles_get_different_fields(client, demo, traject):
    from trajecten import services as td
    from trajecten.keuzes import BVStatus, Domein

    td.werk_basisvoorwaarde_bij(
        acting_user=demo["casemanager1"],
        basisvoorwaarde=(gelezen := traject.basisvoorwaarden.get(domein=Domein.ZORG)),
        versie=gelezen.versie,
        status=BVStatus.IN_BEHANDELING,
        hulpvraag="Zorg moet doorlopen",
        notities="Alleen PI",
    )
    client.force_login(demo["casemanager1"])
    pi = client.get(f"/api/v1/trajecten/{traject.pk}/").json()
    client.force_login(demo["nazorg1"])
    gemeente = client.get(f"/api/v1/trajecten/{traject.pk}/").json()
    zorg_pi = next(b for b in pi["basisvoorwaarden"] if b["domein"] == "zorg")
    zorg_gemeente = next(b for b in gemeente["basisvoorwaarden"] if b["domein"] == "zorg")
    assert zorg_pi["notities"] == "Alleen PI" and "notities" not in zorg_gemeente
    assert zorg_gemeente["hulpvraag"] == "Zorg moet doorlopen"


def test_writes_go_through_the_services_and_are_checked(client, demo, traject):
    client.force_login(demo["mentor1"])
    ok = client.patch(
        f"/api/v1/trajecten/{traject.pk}/basisvoorwaarden/huisvesting/",
        {"status": "niet_op_orde", "hulpvraag": "Geen woning"},
        content_type="application/json",
        headers={"If-Match": '"v1"'},
    )
    assert ok.status_code == 200 and ok.json()["status"] == "niet_op_orde"
    fout = client.patch(
        f"/api/v1/trajecten/{traject.pk}/basisvoorwaarden/huisvesting/",
        {"status": "niet_op_orde", "hulpvraag": ""},
        content_type="application/json",
        headers={"If-Match": '"v2"'},
    )
    assert fout.status_code == 400 and "hulpvraag" in fout.json()["errors"]
    client.force_login(demo["nazorg1"])
    assert (
        client.patch(
            f"/api/v1/trajecten/{traject.pk}/basisvoorwaarden/huisvesting/",
            {"status": "op_orde"},
            content_type="application/json",
        ).status_code
        == 403
    )
    actie = client.post(
        f"/api/v1/trajecten/{traject.pk}/acties/",
        {"domein": "id_bewijs", "omschrijving": "ID-kaart aangevraagd"},
        content_type="application/json",
    )
    assert actie.status_code == 201 and actie.json()["organisatie"]["code"] == "GM0153"
    client.force_login(demo["nazorg2"])
    assert (
        client.post(
            f"/api/v1/trajecten/{traject.pk}/acties/",
            {"domein": "id_bewijs", "omschrijving": "x"},
            content_type="application/json",
        ).status_code
        == 404
    )


def test_list_queries_do_not_grow(sleutels):
    pi = api(sleutels["pi"][1])
    for i in range(2):
        pi.post(
            "/api/v1/meldingen/",
            {**MELDING, "externe_referentie": f"A{i}", "achternaam": f"A {i}"},
            format="json",
        )
    enschede = api(sleutels["enschede"][1])
    with CaptureQueriesContext(connection) as weinig:
        enschede.get("/api/v1/trajecten/")
    for i in range(15):
        pi.post(
            "/api/v1/meldingen/",
            {**MELDING, "externe_referentie": f"B{i}", "achternaam": f"B {i}"},
            format="json",
        )
    with CaptureQueriesContext(connection) as veel:
        assert len(enschede.get("/api/v1/trajecten/").json()["results"]) == 17
    assert len(veel.captured_queries) == len(weinig.captured_queries) <= 14


def test_schema_and_docs_are_for_logged_in_users_and_served_offline(client, demo):
    assert client.get("/api/schema/").status_code in (401, 403)
    assert client.get("/api/docs/").status_code in (401, 403)
    client.force_login(demo["nazorg1"])
    schema = client.get("/api/schema/", {"format": "json"})
    assert schema.status_code == 200
    assert "/api/v1/meldingen/" in schema.json()["paths"]
    docs = client.get("/api/docs/").content.decode()
    assert "drf_spectacular_sidecar" in docs and "cdn" not in docs.lower()


def test_contactpunten_and_signaleringen(client, demo, traject):
    client.force_login(demo["casemanager2"])
    namen = [
        c["organisatie"]["code"]
        for c in client.get("/api/v1/contactpunten/", {"q": "Enschede"}).json()["results"]
    ]
    assert namen == ["GM0153"]
    assert client.get("/api/v1/signaleringen/").json()["results"] == []


def test_the_functional_administrator_issues_a_key_in_the_admin_and_sees_it_once(client, demo):
    from ketenpartners.models import Organisatie

    client.force_login(demo["beheer1"])
    response = client.post(
        "/beheer/api/apitoken/add/",
        {
            "organisatie": Organisatie.objects.get(code="GM0599").pk,
            "naam": "Suite gemeente",
            "scopes": ["trajecten:lezen"],
            "geldig_tot": "01-06-" + str(timezone.localdate().year + 1),
        },
        follow=True,
    )
    tekst = response.content.decode()
    assert "Bewaar deze sleutel nu" in tekst
    sleutel = tekst.split("niet opnieuw getoond: ")[1].split("<")[0].strip()
    assert api(sleutel).get("/api/v1/trajecten/").status_code == 200
    token = ApiToken.objects.get(naam="Suite gemeente")
    assert token.account.rol == "nazorgcoordinator" and token.account.organisatie.code == "GM0599"
    assert token.scopes == ["trajecten:lezen"]
    assert token.geldig_tot.strftime("%d-%m") == "01-06"
