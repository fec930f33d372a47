"""Plausible input (issue 13, items 5 and 6; ADR 0010): bodies over the limit get 413, query
parameters that are not clean text get 400 (problem details on the API, a Dutch page in the
browser), free text has a maximum everywhere, dates are plausible."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from trajecten import services
from trajecten.keuzes import BVStatus, Domein
from trajecten.models import Basisvoorwaarde, Traject
from trajecten.validators import MAX_TEKST

pytestmark = pytest.mark.django_db

# Every list or search screen with the parameters it reads, and who may open it.
LIJSTEN = {
    "caseload": ("trajecten:caseload", "casemanager1", ["zoek", "fase", "alle", "te_laat"]),
    "inbox": (
        "nazorg:inbox",
        "nazorg1",
        ["zoek", "status", "sorteer", "binnenkort", "na_detentie", "pagina"],
    ),
    "clienten": ("reclassering:clienten", "reclassering1", ["zoek", "alle", "pagina"]),
    "adresboek": ("adresboek", "casemanager1", ["q", "soort", "pagina"]),
    "audit": ("audit:overzicht", "beheer1", ["gebruiker", "traject"]),
    "dashboard": ("dashboard:overzicht", "staf1", ["van", "tot", "pi"]),
    "meldingen": ("signalering:meldingen", "nazorg1", ["pagina"]),
    "api-trajecten": ("api:traject-list", "nazorg1", ["zoek", "gemeente", "fase", "page"]),
    "api-contactpunten": ("api:contactpunt-list", "nazorg1", ["q", "page"]),
    "api-signaleringen": ("api:signalering-list", "nazorg1", ["page"]),
}
VIES = {
    "nul": ("a%00b", 400),
    "controleteken": ("a%1Bb", 400),
    "onleesbaar": ("%FF%FE", 400),
    "halve-utf8": ("%C3%28", 400),
    "10kB": ("x" * 10_000, None),  # any answer but a 5xx
    "10kB-cijfers": ("9" * 10_000, None),
    "superscript": ("%C2%B2", None),  # '²' is a digit to str.isdigit, not to int()
}


def _gevallen():
    for lijst, (_naam, _wie, parameters) in LIJSTEN.items():
        for parameter in parameters:
            for soort in VIES:
                yield pytest.param(lijst, parameter, soort, id=f"{lijst}-{parameter}-{soort}")


@pytest.mark.parametrize(("lijst", "parameter", "soort"), list(_gevallen()))
def test_fuzz_every_list_parameter_gives_no_5xx(client, demo, traject, lijst, parameter, soort):
    naam, wie, _parameters = LIJSTEN[lijst]
    waarde, verwacht = VIES[soort]
    client.force_login(demo[wie])
    response = client.get(f"{reverse(naam)}?{parameter}={waarde}")
    assert response.status_code < 500, response.content[:300]
    if verwacht is not None:
        assert response.status_code == verwacht
        if naam.startswith("api:"):
            assert response["Content-Type"] == "application/problem+json"
            assert response.json()["status"] == 400
        else:
            assert "Ongeldige zoekopdracht" in response.content.decode()


def test_a_body_over_the_limit_is_413_problem_on_the_api_and_a_dutch_page_in_the_browser(
    client, demo, traject
):
    client.force_login(demo["mentor1"])
    groot = "x" * 1_100_000
    response = client.patch(
        f"/api/v1/trajecten/{traject.pk}/basisvoorwaarden/huisvesting/",
        {"hulpvraag": groot},
        content_type="application/json",
        headers={"If-Match": '"v1"'},
    )
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 413
    pagina = client.post(
        reverse("trajecten:basisvoorwaarde", args=[traject.pk, Domein.HUISVESTING]),
        {"versie": 1, "status": "niet_op_orde", "hulpvraag": groot},
    )
    assert pagina.status_code == 413
    assert "Verzoek te groot" in pagina.content.decode()
    assert pagina["Content-Type"].startswith("text/html")
    assert Basisvoorwaarde.objects.get(traject=traject, domein=Domein.HUISVESTING).versie == 1


def test_free_text_has_a_maximum_in_form_service_serializer_and_database(client, demo, traject):
    te_lang = "x" * (MAX_TEKST + 1)
    client.force_login(demo["mentor1"])
    url = reverse("trajecten:basisvoorwaarde", args=[traject.pk, Domein.HUISVESTING])
    formulier = client.get(url).content.decode()
    assert f'maxlength="{MAX_TEKST}"' in formulier and "data-tekenteller" in formulier
    assert f"Hoogstens {MAX_TEKST} tekens." in formulier  # the counter without JavaScript
    assert (
        client.post(url, {"versie": 1, "status": "niet_op_orde", "hulpvraag": te_lang}).status_code
        == 400
    )
    api = client.patch(
        f"/api/v1/trajecten/{traject.pk}/basisvoorwaarden/huisvesting/",
        {"hulpvraag": te_lang},
        content_type="application/json",
        headers={"If-Match": '"v1"'},
    )
    assert api.status_code == 400 and "hulpvraag" in api.json()["errors"]
    bv = Basisvoorwaarde.objects.get(traject=traject, domein=Domein.HUISVESTING)
    with pytest.raises(Exception, match="hoogstens"):
        services.werk_basisvoorwaarde_bij(
            acting_user=demo["mentor1"],
            basisvoorwaarde=bv,
            versie=1,
            status=BVStatus.NIET_OP_ORDE,
            hulpvraag=te_lang,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Basisvoorwaarde.objects.filter(pk=bv.pk).update(hulpvraag=te_lang)
    assert Basisvoorwaarde.objects.get(pk=bv.pk).versie == 1


def test_intake_dates_must_be_plausible(client, demo):
    client.force_login(demo["casemanager1"])
    vandaag = timezone.localdate()
    basis = {"voornamen": "Karel", "achternaam": "Appel", "geslacht": "man"}
    gevallen = [
        ("1900-01-01", vandaag - timedelta(days=2), "Controleer de geboortedatum"),
        (f"{vandaag.year - 8}-01-01", vandaag - timedelta(days=2), "Controleer de geboortedatum"),
        ("1990-01-01", vandaag.replace(year=vandaag.year - 6), "meer dan 5 jaar terug"),
    ]
    for geboren, binnen, melding in gevallen:
        response = client.post(
            reverse("trajecten:intake"),
            {**basis, "geboortedatum": geboren, "binnenkomst_datum": binnen.isoformat()},
        )
        assert response.status_code == 400 and melding in response.content.decode(), geboren
    assert not Traject.objects.exists()


def test_api_client_gets_problem_json_for_nul_even_unauthenticated():
    response = APIClient().get("/api/v1/trajecten/?zoek=%00")
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
