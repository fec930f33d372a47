"""Schemathesis against the OpenAPI schema, once per role of system client: no 5xx, every
response matches the schema, bad input is rejected."""

import json

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import negative_data_rejection, response_schema_conformance

from api import services
from ketenpartners.models import Organisatie

RUWE_SCHEMA = json.loads(
    OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True))
)
schema = schemathesis.openapi.from_dict(RUWE_SCHEMA)
schema.app = get_wsgi_application()

ROLLEN = {"pi": "PI-ALMELO", "gemeente": "GM0153", "reclassering": "RN"}


def test_the_schema_is_valid_openapi_3_with_dutch_descriptions():
    from drf_spectacular.validation import validate_schema

    validate_schema(RUWE_SCHEMA)  # raises on an invalid OpenAPI 3 document
    assert RUWE_SCHEMA["openapi"].startswith("3.")
    assert "art. 18a Pbw" in RUWE_SCHEMA["info"]["description"]
    assert "Idempotent op externe_referentie" in json.dumps(
        RUWE_SCHEMA["paths"]["/api/v1/meldingen/"]
    )


@pytest.fixture
def sleutel(request, demo):
    _token, sleutel = services.geef_token_uit(
        acting_user=demo["beheer1"],
        organisatie=Organisatie.objects.get(code=ROLLEN[request.param]),
        naam="schemathesis",
    )
    return sleutel


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("sleutel", list(ROLLEN), indirect=True)
@schema.parametrize()
@settings(max_examples=15, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema_for_every_role(case, sleutel):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {sleutel}"},
        checks=[not_a_server_error, response_schema_conformance, negative_data_rejection],
    )
