"""The request the views see, for the type checker: LoginRequiredMiddleware has put a Medewerker
on it (views marked `login_not_required` take a plain HttpRequest) and django-htmx its details."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from .models import Medewerker


class Verzoek(HttpRequest):
    user: Medewerker
    htmx: HtmxDetails
