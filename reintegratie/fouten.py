"""The pages for errors nobody planned (issue 17): a Dutch 500, and a Dutch 503 when the
database cannot be reached. Rendered without the request's context processors and without
touching the session or the user: those need the database that may be the very problem.
/healthz/ answers 503 as JSON and the API as a problem detail, whatever cookie came along."""

import json
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _


def database_onbereikbaar(fout: BaseException | None) -> bool:
    return isinstance(fout, OperationalError | InterfaceError)


def serverfout(request: HttpRequest) -> HttpResponse:
    """handler500: Django calls it while handling the exception, so sys.exc_info() is it."""
    onbereikbaar = database_onbereikbaar(sys.exc_info()[1])
    status = 503 if onbereikbaar else 500
    if request.path == "/healthz/":
        from ketenpartners.views import broker_antwoordt

        return JsonResponse(
            {"database": "onbereikbaar", "broker": "ok" if broker_antwoordt() else "onbereikbaar"},
            status=503,
        )
    if onbereikbaar:
        titel = _("Tijdelijk niet beschikbaar")
        detail = _(
            "De gegevens zijn op dit moment niet bereikbaar. Er is niets opgeslagen van wat u "
            "net deed. Probeer het over een paar minuten opnieuw."
        )
    else:
        titel = _("Er ging iets mis")
        detail = _(
            "Er ging aan onze kant iets mis; wat u net deed is niet opgeslagen. Probeer het "
            "opnieuw. Blijft het misgaan, meld het dan bij de functioneel beheerder."
        )
    if request.path.startswith("/api/"):
        body = {
            "type": f"https://reintegratie.example/problemen/{status}",
            "title": titel,
            "status": status,
            "detail": detail,
            "instance": request.path,
        }
        return HttpResponse(
            json.dumps(body), status=status, content_type="application/problem+json"
        )
    antwoord = HttpResponse(
        render_to_string(f"{status}.html", {"titel": titel, "detail": detail}), status=status
    )
    if onbereikbaar:
        antwoord["Retry-After"] = "120"
    return antwoord
