"""Errors as RFC 9457 problem details (application/problem+json), never a stack trace."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler

from reintegratie.versies import VerouderdeVersie
from trajecten.services import BestaandePersoon, LopendeDetentie

from .permissions import ScopeOntbreekt
from .services import Conflict

TITELS = {
    400: _("Ongeldige invoer"),
    401: _("Niet ingelogd"),
    403: _("Geen toestemming"),
    404: _("Niet gevonden"),
    405: _("Methode niet toegestaan"),
    406: _("Niet aanvaardbaar"),
    409: _("Conflict"),
    412: _("Intussen gewijzigd"),
    413: _("Verzoek te groot"),
    415: _("Mediatype niet ondersteund"),
    428: _("If-Match ontbreekt"),
    429: _("Te veel verzoeken"),
}


def probleem(
    status_code: int, detail: str, *, instance: str = "", fouten=None, headers=None, **extra
) -> Response:
    body = {
        "type": f"https://reintegratie.example/problemen/{status_code}",
        "title": str(TITELS.get(status_code, _("Fout"))),
        "status": status_code,
        "detail": detail,
        "instance": instance,
    }
    if fouten:
        body["errors"] = fouten
    body.update(extra)
    response = Response(body, status=status_code, headers=headers)
    response.content_type = "application/problem+json"
    return response


def exception_handler(exc, context):
    request = context.get("request")
    instance = request.path if request is not None else ""
    if isinstance(exc, Conflict):
        return probleem(
            409,
            _(
                "Externe referentie %(ref)s is al ontvangen met andere inhoud. Stuur een nieuwe "
                "referentie of corrigeer in het systeem."
            )
            % {"ref": exc.args[0]},
            instance=instance,
        )
    if isinstance(exc, VerouderdeVersie):
        return probleem(412, exc.melding, instance=instance)
    if isinstance(exc, BestaandePersoon):
        # Nothing of the known person: the client learns only that the BSN is known.
        return probleem(
            409,
            _(
                "Er is al een persoon met dit BSN bekend. Controleer het BSN; is het dezelfde "
                "persoon, stuur de melding dan opnieuw met bevestig_bestaande_persoon: true."
            ),
            instance=instance,
            fouten={"bsn": [str(exc)]},
        )
    if isinstance(exc, LopendeDetentie):
        return probleem(409, exc.messages[0], instance=instance, fouten=exc.message_dict)
    if isinstance(exc, DjangoValidationError):
        fouten = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        return probleem(
            400, _("De invoer klopt niet; zie errors."), instance=instance, fouten=fouten
        )
    if isinstance(exc, ScopeOntbreekt):
        return probleem(403, str(exc.detail), instance=instance, ontbrekende_scope=exc.scope)
    if isinstance(exc, Http404 | exceptions.NotFound):
        return probleem(404, _("Niet gevonden."), instance=instance)
    if isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_handler(exc, context)
    if response is None:
        return None
    fouten = None
    detail = exc.detail if isinstance(exc, exceptions.APIException) else ""
    if isinstance(detail, dict | list):
        fouten, detail = detail, _("De invoer klopt niet; zie errors.")
    return probleem(
        response.status_code,
        str(detail),
        instance=instance,
        fouten=fouten,
        headers={
            k: v for k, v in response.items() if k in ("WWW-Authenticate", "Retry-After", "Allow")
        },
    )


__all__ = ["exception_handler", "probleem", "status"]
