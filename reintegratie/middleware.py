"""Input the application refuses before any view reads it (ADR 0010): a request body over the
limit (413) and a query parameter that is not clean text: undecodable percent-encoding, a NUL
byte or another control character (400). On /api/ as problem details, elsewhere as a Dutch page;
never an HTML 400 or 500 from deep inside."""

import json
from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

# C0 control characters and DEL; tab, line feed and carriage return are harmless in a search.
ONTOEGESTAAN = frozenset(chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


def onleesbare_parameter(query_string: str) -> bool:
    """True when a name or value of the query string is not valid UTF-8 after percent-decoding,
    or holds a control character (PostgreSQL refuses NUL in text)."""
    try:
        ruw = query_string.encode("iso-8859-1")  # WSGI hands bytes over as latin-1
    except UnicodeEncodeError:
        ruw = query_string.encode("utf-8", "surrogateescape")
    for paar in ruw.split(b"&"):
        for deel in paar.split(b"=", 1):
            try:
                tekst = unquote_to_bytes(deel.replace(b"+", b" ")).decode("utf-8")
            except UnicodeDecodeError:
                return True
            if not ONTOEGESTAAN.isdisjoint(tekst):
                return True
    return False


def _antwoord(request: HttpRequest, status: int, titel: str, detail: str) -> HttpResponse:
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
    html = render_to_string("fout.html", {"titel": titel, "detail": detail, "status": status})
    return HttpResponse(html, status=status)


class InvoerBewaking:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            lengte = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            lengte = 0
        grens = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if grens is not None and lengte > grens:
            return _antwoord(
                request,
                413,
                _("Verzoek te groot"),
                _("Wat u stuurt is groter dan %(mb)s MB. Maak de tekst korter.")
                % {"mb": f"{grens / 1_048_576:.0f}"},
            )
        if onleesbare_parameter(request.META.get("QUERY_STRING", "")):
            return _antwoord(
                request,
                400,
                _("Ongeldige zoekopdracht"),
                _(
                    "Het adres bevat tekens die geen tekst zijn (bijvoorbeeld een nul-byte of een "
                    "onleesbare codering). Pas de zoekopdracht of het filter aan."
                ),
            )
        return self.get_response(request)
