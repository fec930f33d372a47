"""Deprecation within v1 (ADR 0022): an operation that will go is marked with `@verouderd` on
its handler. Every answer of that handler then carries `Deprecation` (RFC 9745: since when),
`Sunset` (RFC 8594: from when it is gone) and a `Link` to the version policy and, when there is
one, the successor; the schema marks the operation `deprecated` and documents those headers."""

import datetime
import functools
from dataclasses import dataclass
from email.utils import format_datetime

from django.conf import settings

# Where a client's developer reads what deprecation means here (rel="deprecation").
BELEID_URL = "https://reintegratie.example/api/versiebeleid"


@dataclass(frozen=True)
class Veroudering:
    sinds: datetime.date
    sunset: datetime.date
    opvolger: str = ""

    def koppen(self) -> dict[str, str]:
        tz = datetime.UTC
        sinds = datetime.datetime.combine(self.sinds, datetime.time(), tzinfo=tz)
        weg = datetime.datetime.combine(self.sunset, datetime.time(), tzinfo=tz)
        links = [f'<{getattr(settings, "API_VERSIEBELEID_URL", BELEID_URL)}>; rel="deprecation"']
        if self.opvolger:
            links.append(f'<{self.opvolger}>; rel="successor-version"')
        return {
            "Deprecation": f"@{int(sinds.timestamp())}",
            "Sunset": format_datetime(weg, usegmt=True),
            "Link": ", ".join(links),
        }


def verouderd(*, sinds: datetime.date, sunset: datetime.date, opvolger: str = ""):
    """Mark a view handler (a viewset action or an APIView method) as deprecated. Put it
    closest to the `def`, under `@action`/`@extend_schema`. The sunset is at least six months
    after `sinds` (the policy of ADR 0022)."""
    if sunset < sinds + datetime.timedelta(days=182):
        raise ValueError("Een sunset ligt minstens zes maanden na de veroudering (ADR 0022).")
    veroudering = Veroudering(sinds=sinds, sunset=sunset, opvolger=opvolger)

    def decorator(handler):
        @functools.wraps(handler)
        def met_koppen(view, request, *args, **kwargs):
            try:
                response = handler(view, request, *args, **kwargs)
            except Exception as exc:
                response = view.handle_exception(exc)
            for kop, waarde in veroudering.koppen().items():
                if kop == "Link" and response.has_header("Link"):
                    waarde = f"{response['Link']}, {waarde}"
                response[kop] = waarde
            return response

        met_koppen.veroudering = veroudering
        return met_koppen

    return decorator


def veroudering_van(handler) -> Veroudering | None:
    return getattr(handler, "veroudering", None)
