"""The exact contract (issue 16, ADR 0022): every operation documents the problem responses that
can happen to it, with one problem+json component, so a generated client knows every answer; a
deprecated operation says so, with its `Deprecation`, `Sunset` and `Link` headers.

`ContractSchema` is the project's `DEFAULT_SCHEMA_CLASS`: it applies to every operation, also
to endpoints added later, without anything in their views."""

from typing import Any

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework.permissions import AllowAny

from .problemen import TITELS
from .versiebeleid import veroudering_van

PROBLEEM_MEDIATYPE = "application/problem+json"

PROBLEEM = {
    "type": "object",
    "description": (
        "Problem details (RFC 9457). `errors` noemt per veld wat er niet klopt; sommige "
        "antwoorden hebben een extra veld, zoals `actueel` (412) of `ontbrekende_scope` (403)."
    ),
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {
            "anyOf": [{"type": "object", "additionalProperties": True}, {"type": "array"}],
            "description": "Per veld de meldingen (of een lijst van meldingen)",
        },
    },
    "required": ["type", "title", "status", "detail"],
    "additionalProperties": True,
}

# What each problem means in this API, in the words a client's developer reads in the docs.
BETEKENIS = {
    400: "Ongeldige invoer: een parameter of veld klopt niet (zie `errors`), of het adres bevat "
    "tekens die geen tekst zijn (een nul-byte of ander stuurteken)",
    401: "Geen, een ongeldige, ingetrokken of verlopen API-sleutel",
    403: "Geen toestemming: de sleutel mist de scope (`ontbrekende_scope`) of de rol mag dit niet",
    404: "Niet gevonden, of niet van u (die twee zijn hetzelfde antwoord)",
    406: "Alleen application/json wordt geleverd",
    409: "Conflict met wat er al is",
    412: "Intussen door een ander gewijzigd: `actueel` en de ETag zijn de opgeslagen versie",
    413: "Wat u stuurt is groter dan 1 MB",
    415: "Stuur application/json",
    428: "If-Match ontbreekt (of is `*`)",
    429: "Te veel verzoeken: probeer het na Retry-After seconden opnieuw",
}

KOPPEN: dict[int, dict[str, Any]] = {
    401: {
        "WWW-Authenticate": {
            "schema": {"type": "string"},
            "description": "Hoe u zich aanmeldt: Bearer met een API-sleutel",
        }
    },
    412: {
        "ETag": {
            "schema": {"type": "string"},
            "description": "De ETag van de opgeslagen versie",
        }
    },
    429: {
        "Retry-After": {
            "schema": {"type": "integer", "minimum": 0},
            "required": True,
            "description": "Na zoveel seconden mag u het opnieuw proberen",
        }
    },
}

VEROUDERINGSKOPPEN = {
    "Deprecation": {
        "schema": {"type": "string"},
        "description": "Sinds wanneer deze operatie verouderd is (RFC 9745, `@` en Unix-tijd)",
    },
    "Sunset": {
        "schema": {"type": "string"},
        "description": "Vanaf wanneer deze operatie verdwijnt (RFC 8594, HTTP-datum)",
    },
    "Link": {
        "schema": {"type": "string"},
        "description": "Het versiebeleid (rel=deprecation) en de opvolger (rel=successor-version)",
    },
}

LEZEN = {"GET", "HEAD", "OPTIONS"}

# What reintegratie.middleware.InvoerBewaking refuses in a query string (400): C0 control
# characters but tab, line feed and carriage return, and DEL. In the schema, so that a string the
# contract allows is a string the API accepts.
# If-Match as RFC 9110 has it, one or more entity tags; `*` is refused (428, ADR 0010).
ENTITEITSLABELS = r'^\s*(W/)?"[^"]*"(\s*,\s*(W/)?"[^"]*")*\s*$'
SCHOON = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"


def _naar(operatie: str, **parameters: str) -> dict[str, Any]:
    return {"operationId": operatie, "parameters": parameters}


_TRAJECT = "$request.path.id"
# OpenAPI links: where an answer leads, so a client (and schemathesis' state machine) can follow
# a notification to its trajectory, a trajectory to its parts, a GET to its PATCH with the ETag.
# Keyed by operationId and status; a new endpoint adds its own entries here.
KOPPELINGEN: dict[tuple[str, str], dict[str, dict[str, Any]]] = {
    **{
        ("meldingen_create", code): {
            "traject": _naar("trajecten_retrieve", id="$response.body#/traject"),
            "basisvoorwaarden": _naar(
                "trajecten_basisvoorwaarden_list", id="$response.body#/traject"
            ),
            "acties": _naar("trajecten_acties_list", id="$response.body#/traject"),
        }
        for code in ("200", "201")
    },
    ("trajecten_list", "200"): {
        "traject": _naar("trajecten_retrieve", id="$response.body#/results/0/id"),
    },
    ("trajecten_retrieve", "200"): {
        "basisvoorwaarden": _naar("trajecten_basisvoorwaarden_list", id=_TRAJECT),
        "acties": _naar("trajecten_acties_list", id=_TRAJECT),
        "actie_toevoegen": _naar("trajecten_acties_create", id=_TRAJECT),
        "gesprekken": _naar("trajecten_trajectgesprekken_list", id=_TRAJECT),
        "gesprek_plannen": _naar("trajecten_trajectgesprekken_create", id=_TRAJECT),
    },
    ("trajecten_basisvoorwaarden_list", "200"): {
        "basisvoorwaarde": _naar(
            "trajecten_basisvoorwaarden_retrieve", id=_TRAJECT, domein="$response.body#/0/domein"
        ),
    },
    ("trajecten_basisvoorwaarden_retrieve", "200"): {
        "bijwerken": _naar(
            "trajecten_basisvoorwaarden_partial_update",
            id=_TRAJECT,
            domein="$request.path.domein",
            **{"header.If-Match": "$response.header.ETag"},
        ),
    },
    ("trajecten_acties_create", "201"): {
        "actie": _naar("trajecten_acties_retrieve", id=_TRAJECT, actie_id="$response.body#/id"),
    },
    ("trajecten_acties_retrieve", "200"): {
        "status_wijzigen": _naar(
            "trajecten_acties_partial_update",
            id=_TRAJECT,
            actie_id="$request.path.actie_id",
            **{"header.If-Match": "$response.header.ETag"},
        ),
    },
}


class ContractSchema(AutoSchema):
    def _handler(self):
        naam = getattr(self.view, "action", None) or self.method.lower()
        return getattr(self.view, naam, None)

    def is_deprecated(self) -> bool:
        return veroudering_van(self._handler()) is not None or super().is_deprecated()

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operatie = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operatie is None:
            return None
        component = ResolvedComponent(
            name="Probleem", type=ResolvedComponent.SCHEMA, object="Probleem", schema=PROBLEEM
        )
        self.registry.register_on_missing(component)
        for parameter in operatie.get("parameters", []):
            vorm = parameter.get("schema", {})
            if parameter["in"] == "header" and parameter["name"] == "If-Match":
                vorm.setdefault("pattern", ENTITEITSLABELS)
            if parameter["in"] == "query" and vorm.get("type") == "string" and "enum" not in vorm:
                vorm.setdefault("pattern", SCHOON)
        antwoorden = operatie.setdefault("responses", {})
        for code in sorted(self.probleemcodes(operatie)):
            bestaand = antwoorden.get(str(code), {})
            antwoorden[str(code)] = {
                "description": bestaand.get("description") or BETEKENIS[code],
                "content": {PROBLEEM_MEDIATYPE: {"schema": component.ref}},
                **({"headers": KOPPEN[code]} if code in KOPPEN else {}),
            }
        for (operatie_id, code), links in KOPPELINGEN.items():
            if operatie_id == operatie["operationId"] and code in antwoorden:
                antwoorden[code]["links"] = links
        if veroudering_van(self._handler()) is not None:
            for antwoord in antwoorden.values():
                antwoord.setdefault("headers", {}).update(VEROUDERINGSKOPPEN)
        return operatie

    def probleemcodes(self, operatie: dict) -> set[int]:
        """The problem answers that can happen to this operation; a code a view documented
        itself (e.g. 409 on meldingen) gets the problem body too."""
        codes = {400, 403, 406, 429}  # 400: any query string can hold a NUL byte (middleware)
        if not any(isinstance(p, AllowAny) for p in self.view.get_permissions()):
            codes.add(401)
        parameters = operatie.get("parameters", [])
        if any(p["in"] == "path" for p in parameters) or any(
            p["name"] == "page" for p in parameters if p["in"] == "query"
        ):
            codes.add(404)  # an unknown or not-yours id, or a page past the last
        if self.method not in LEZEN:
            codes |= {413, 415}
        if any(p["in"] == "header" and p["name"] == "If-Match" for p in parameters):
            codes |= {412, 428}
        gedocumenteerd = {int(c) for c in operatie.get("responses", {}) if c.isdigit()}
        return codes | {c for c in gedocumenteerd if c in TITELS and c in BETEKENIS}
