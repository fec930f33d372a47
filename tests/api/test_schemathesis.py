"""Schemathesis against the OpenAPI schema with every check (`--checks all`), stateless and
stateful (the links between operations), once per role of system client: a PI key, a gemeente key
and a reclassering key (issue 16). Derandomised: the same examples every run.

EXAMPLES per operation and per role is what fits `make test` (see ADR 0022); it is enough to find
the failures of issue 16 on the code before the fix (page=0, undocumented 4xx, ...)."""

import json

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.generation.stateful import run_state_machine_as_test

from api import services
from ketenpartners.models import Organisatie

EXAMPLES = 40
STAPPEN = 12

RUWE_SCHEMA = json.loads(
    OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True))
)
# `--checks all`: every built-in check. Exceptions, written down in ADR 0022: a notification, an
# action and a meeting are checked beyond what a schema can say (the PI exists and is the
# sender's, the BSN passes the elfproef, dates are plausible and after the detention began), so a
# schema-valid one may be a 400 with `errors`; a PATCH with an older ETag is a 412.
CONFIG = SchemathesisConfig.from_str(
    """
[checks]
enabled = true
# A missing If-Match is 428 Precondition Required (RFC 6585), the answer ADR 0010 chose.
missing_required_header.expected-statuses = ["400", "401", "403", "406", "415", "422", "428"]

[[operations]]
include-operation-id = [
    "meldingen_create", "trajecten_acties_create", "trajecten_trajectgesprekken_create"
]
checks.positive_data_acceptance.expected-statuses = ["2xx", "400", "401", "403", "404", "409"]

# A well-formed If-Match of an older version is refused with 412, as it must be (ADR 0010); a
# status that needs another field (in behandeling: a hulpvraag; vervallen: a reason) is a 400.
[[operations]]
include-operation-id = [
    "trajecten_acties_partial_update", "trajecten_basisvoorwaarden_partial_update"
]
checks.positive_data_acceptance.expected-statuses = [
    "2xx", "400", "401", "403", "404", "409", "412"
]
"""
)
schema = schemathesis.openapi.from_dict(RUWE_SCHEMA, config=CONFIG)
schema.app = get_wsgi_application()
schema.config.checks.update(included_check_names=["all"])

ROLLEN = {"pi": "PI-ALMELO", "gemeente": "GM0153", "reclassering": "RN"}
INSTELLINGEN = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


def test_the_schema_is_valid_openapi_3_with_dutch_descriptions():
    from drf_spectacular.validation import validate_schema

    validate_schema(RUWE_SCHEMA)  # raises on an invalid OpenAPI 3 document
    assert RUWE_SCHEMA["openapi"].startswith("3.")
    assert "art. 18a Pbw" in RUWE_SCHEMA["info"]["description"]
    assert "Idempotent op externe_referentie" in json.dumps(
        RUWE_SCHEMA["paths"]["/api/v1/meldingen/"]
    )


@pytest.fixture
def sleutel(request, traject, settings):
    """A key of the role's organisation; one trajectory that all three roles can see (PI Almelo,
    gemeente Enschede, Reclassering Nederland), so lists and links reach real data. The throttle
    is high here: its 429 is tested on its own (test_api_contract.py)."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": "100000/minute"},
    }
    from ketenpartners.models import Medewerker

    _token, sleutel = services.geef_token_uit(
        acting_user=Medewerker.objects.get(username="beheer1"),
        organisatie=Organisatie.objects.get(code=ROLLEN[request.param]),
        naam="schemathesis",
    )
    return sleutel


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("sleutel", list(ROLLEN), indirect=True)
@schema.parametrize()
@INSTELLINGEN
def test_api_conforms_to_its_schema_for_every_role(case, sleutel):
    case.call_and_validate(headers={"Authorization": f"Bearer {sleutel}"})


# The state machine gets the key as schemathesis' own auth, so its auth checks know the key is
# explicit and can drop it or replace it with a wrong one to see the API refuse.
staat = schemathesis.openapi.from_dict(RUWE_SCHEMA, config=CONFIG)
staat.app = schema.app
staat.config.checks.update(included_check_names=["all"])
HUIDIGE_SLEUTEL: dict[str, str] = {}


@staat.auth(refresh_interval=None, retry_on=[])
class Sleutel:
    def get(self, case, ctx):
        return HUIDIGE_SLEUTEL["sleutel"]

    def set(self, case, data, ctx):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("sleutel", list(ROLLEN), indirect=True)
def test_api_conforms_along_its_links_for_every_role(sleutel):
    HUIDIGE_SLEUTEL["sleutel"] = sleutel
    run_state_machine_as_test(
        staat.as_state_machine(),
        settings=settings(INSTELLINGEN, max_examples=EXAMPLES // 2, stateful_step_count=STAPPEN),
    )
