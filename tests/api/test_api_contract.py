"""The exact contract of issue 16, answer by answer: page numbers bounded in the schema and in the
answer, every operation's problem answers documented as problem+json, a NUL byte a 400 problem,
the throttle's 429 as documented (with Retry-After). Each answer is checked by schemathesis with
every check against the served schema, not by hand."""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from rest_framework.test import APIClient

from api import services
from api.paginering import HOOGSTE_PAGINA
from ketenpartners.models import Organisatie

RUWE_SCHEMA = json.loads(
    OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True))
)
schema = schemathesis.openapi.from_dict(RUWE_SCHEMA)
schema.app = get_wsgi_application()
schema.config.checks.update(included_check_names=["all"])

PROBLEEM_REF = {"$ref": "#/components/schemas/Probleem"}


def operaties():
    for pad, methoden in RUWE_SCHEMA["paths"].items():
        for methode, operatie in methoden.items():
            if methode in {"get", "post", "patch", "put", "delete"}:
                yield pad, methode, operatie


def test_every_operation_documents_its_problem_answers_as_problem_json():
    gezien = 0
    for pad, methode, operatie in operaties():
        gezien += 1
        codes = set(operatie["responses"])
        verwacht = {"400", "401", "403", "406", "429"}
        if "{" in pad or any(p["name"] == "page" for p in operatie.get("parameters", [])):
            verwacht.add("404")
        if methode != "get":
            verwacht |= {"413", "415"}
        if any(p["name"] == "If-Match" for p in operatie.get("parameters", [])):
            verwacht |= {"412", "428"}
        assert verwacht <= codes, (methode, pad, verwacht - codes)
        for code in codes:
            if code.startswith("4"):
                inhoud = operatie["responses"][code]["content"]
                assert inhoud == {"application/problem+json": {"schema": PROBLEEM_REF}}, (
                    methode,
                    pad,
                    code,
                )
        assert operatie["responses"]["429"]["headers"]["Retry-After"]["required"] is True
    assert gezien >= 14
    assert RUWE_SCHEMA["paths"]["/api/v1/meldingen/"]["post"]["responses"]["409"]["content"]


def test_page_numbers_are_bounded_in_the_schema():
    for _pad, _methode, operatie in operaties():
        for p in operatie.get("parameters", []):
            if p["name"] == "page":
                assert p["schema"] == {"type": "integer", "minimum": 1, "maximum": HOOGSTE_PAGINA}


def test_string_query_parameters_exclude_control_characters_in_the_schema():
    lijst = RUWE_SCHEMA["paths"]["/api/v1/trajecten/"]["get"]["parameters"]
    for naam in ("zoek", "gemeente"):
        (p,) = [p for p in lijst if p["name"] == naam]
        assert "\\x00" in p["schema"]["pattern"]


@pytest.fixture(autouse=True)
def verbinding_blijft_open():
    """Schemathesis calls the WSGI application itself; like Django's test client, keep the
    request from closing the test's database connection (and with it its transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def gemeentesleutel(demo):
    _token, sleutel = services.geef_token_uit(
        acting_user=demo["beheer1"], organisatie=Organisatie.objects.get(code="GM0153"), naam="c"
    )
    return sleutel


@pytest.mark.django_db
@pytest.mark.parametrize("page", [0, -1, -999_999_999_999, HOOGSTE_PAGINA + 1])
def test_a_page_outside_the_bounds_is_a_400_problem_that_conforms(gemeentesleutel, page):
    case = schema["/api/v1/trajecten/"]["GET"].Case(query={"page": page})
    antwoord = case.call(headers={"Authorization": f"Bearer {gemeentesleutel}"})
    assert antwoord.status_code == 400
    assert antwoord.headers["content-type"] == ["application/problem+json"]
    assert "page" in antwoord.json()["errors"]
    case.validate_response(antwoord)  # documented: status, media type, problem schema


@pytest.mark.django_db
def test_a_page_past_the_last_is_a_documented_404(gemeentesleutel):
    case = schema["/api/v1/trajecten/"]["GET"].Case(query={"page": 7})
    antwoord = case.call_and_validate(headers={"Authorization": f"Bearer {gemeentesleutel}"})
    assert antwoord.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("naam", ["zoek", "gemeente"])
@pytest.mark.parametrize("teken", ["\x00", "\x1b", "\x7f"])
def test_a_control_character_in_a_filter_is_a_400_problem_not_a_500(gemeentesleutel, naam, teken):
    case = schema["/api/v1/trajecten/"]["GET"].Case(query={naam: f"de{teken}Vries"})
    antwoord = case.call(headers={"Authorization": f"Bearer {gemeentesleutel}"})
    assert antwoord.status_code == 400
    assert antwoord.headers["content-type"] == ["application/problem+json"]
    assert antwoord.json()["status"] == 400
    case.validate_response(antwoord)  # documented: status, media type, problem schema


@pytest.mark.django_db
def test_the_throttles_429_is_documented_with_retry_after(gemeentesleutel, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": "2/minute"},
    }
    case = schema["/api/v1/contactpunten/"]["GET"].Case()
    kop = {"Authorization": f"Bearer {gemeentesleutel}"}
    statussen = [case.call_and_validate(headers=kop).status_code for _ in range(3)]
    assert statussen == [200, 200, 429]
    derde = case.call(headers=kop)
    assert int(derde.headers["retry-after"][0]) > 0
    assert derde.json()["title"] == "Te veel verzoeken"


@pytest.mark.django_db
def test_a_key_without_the_scope_gets_a_documented_403(demo):
    _token, sleutel = services.geef_token_uit(
        acting_user=demo["beheer1"],
        organisatie=Organisatie.objects.get(code="PI-ALMELO"),
        naam="alleen meldingen",
        scopes=["meldingen:schrijven"],
    )
    case = schema["/api/v1/trajecten/"]["GET"].Case()
    antwoord = case.call_and_validate(headers={"Authorization": f"Bearer {sleutel}"})
    assert antwoord.status_code == 403
    assert antwoord.json()["ontbrekende_scope"] == "trajecten:lezen"


@pytest.mark.django_db
@pytest.mark.parametrize("pad", ["/api/v1/trajecten/0.5/", "/api/v1/trajecten/-1e-93/acties/"])
def test_an_address_without_an_operation_is_a_404_problem_not_an_html_page(gemeentesleutel, pad):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {gemeentesleutel}")
    antwoord = client.get(pad)
    assert antwoord.status_code == 404
    assert antwoord["Content-Type"] == "application/problem+json"
    assert antwoord.json()["detail"] == "Niet gevonden."
