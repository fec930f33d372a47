"""Audit rows per request (issue 18 item 6, ADR 0024): see `audit.services.per_verzoek`."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .services import per_verzoek


class AuditPerVerzoek:
    """The read rows of one request in one INSERT, written when the view is done, whether it
    answered or failed after reading. A page that audits nothing costs no query (so /healthz/
    still answers with the database down)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with per_verzoek():
            return self.get_response(request)
