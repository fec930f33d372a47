"""The doors around the access door (issue 17, docs/security.md): the admin's own host name,
sessions that end, a second factor before any page, and no copies of pages in caches."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from . import mfa

Antwoord = Callable[[HttpRequest], HttpResponse]

# Session keys.
LAATST_ACTIEF = "sessie_laatst_actief"
INGELOGD_OM = "sessie_ingelogd_om"
# The session row is written at most once per this many seconds for activity alone, so a page
# that loads ten fragments does not write the session ten times.
SCHRIJF_INTERVAL = 30


class BeheerHost:
    """With ADMIN_HOST set, /beheer/ answers only on that host name; elsewhere it does not exist
    (404). Empty (default): the admin lives on the application's host."""

    def __init__(self, get_response: Antwoord) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        host = settings.ADMIN_HOST
        if host and request.path.startswith("/beheer/") and request.get_host() != host:
            raise Http404
        return self.get_response(request)


def sessie_gestart(request: HttpRequest) -> None:
    """Called at login (signal user_logged_in): the clocks of the session start now."""
    nu = int(time.time())
    request.session[INGELOGD_OM] = nu
    request.session[LAATST_ACTIEF] = nu


def resterend(request: HttpRequest) -> int:
    """Seconds until the idle timeout ends this session (for the warning script)."""
    laatst = request.session.get(LAATST_ACTIEF, int(time.time()))
    return max(0, settings.SESSIE_INACTIEF_MINUTEN * 60 - (int(time.time()) - laatst))


def verleng(request: HttpRequest) -> None:
    request.session[LAATST_ACTIEF] = int(time.time())


class SessieBewaking:
    """Ends a session after SESSIE_INACTIEF_MINUTEN without a request, and after SESSIE_MAX_UUR
    from login whatever the user does. The clocks are in the (server-side) session, so a copied
    cookie dies with it. The next request goes to the login page with a message."""

    def __init__(self, get_response: Antwoord) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            nu = int(time.time())
            laatst = request.session.get(LAATST_ACTIEF)
            begin = request.session.get(INGELOGD_OM)
            if laatst is None or begin is None:
                sessie_gestart(request)
            elif nu - laatst > settings.SESSIE_INACTIEF_MINUTEN * 60:
                return self._uitgelogd(
                    request,
                    _("U bent uitgelogd omdat u %(min)s minuten niets heeft gedaan.")
                    % {"min": settings.SESSIE_INACTIEF_MINUTEN},
                )
            elif nu - begin > settings.SESSIE_MAX_UUR * 3600:
                return self._uitgelogd(
                    request,
                    _("U bent uitgelogd: een sessie duurt hoogstens %(uur)s uur.")
                    % {"uur": settings.SESSIE_MAX_UUR},
                )
            elif nu - laatst >= SCHRIJF_INTERVAL:
                verleng(request)
            # For the warning dialog in base.html (js/sessie.js).
            request.sessie_resterend = resterend(request)  # type: ignore[attr-defined]
            request.sessie_maximum = settings.SESSIE_INACTIEF_MINUTEN * 60  # type: ignore[attr-defined]
            request.sessie_waarschuwing = settings.SESSIE_WAARSCHUWING_SECONDEN  # type: ignore[attr-defined]
        return self.get_response(request)

    def _uitgelogd(self, request: HttpRequest, bericht: str) -> HttpResponse:
        logout(request)
        messages.info(request, bericht)
        if request.headers.get("HX-Request"):
            antwoord = HttpResponse(status=204)
            antwoord["HX-Redirect"] = reverse("login")
            return antwoord
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": bericht}, status=401)
        if request.method == "GET":
            return redirect_to_login(request.get_full_path())
        return redirect("login")


# Paths an unverified session may open: the MFA pages, logout, static files, the health check.
VRIJ = ("/static/", "/healthz/", "/uitloggen/", "/inloggen/")


class TweedeFactorVereist:
    """Under MFA_VEREIST a logged-in session that has not passed the second factor opens nothing
    but the enrolment and code pages (/inloggen/…), logout, static files and /healthz/. Every
    other path — case pages, the admin, the API by session — is sent to the second step."""

    def __init__(self, get_response: Antwoord) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        open_ = (
            settings.MFA_VEREIST
            and request.user.is_authenticated
            and not getattr(request.user, "is_verified", bool)()
        )
        # base.html hides the menu while only the second step is open.
        request.tweede_stap_open = open_  # type: ignore[attr-defined]
        if open_ and not request.path.startswith(VRIJ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": _("Bevestig eerst uw inlog met de tweede stap.")}, status=403
                )
            return redirect(mfa.volgende_stap(request.user))  # type: ignore[arg-type]
        return self.get_response(request)


class NietBewaren:
    """Cache-Control: no-store (and no-cache, private, max-age=0) on every answer to a logged-in
    user: no case page stays behind in a browser or proxy cache after logout."""

    def __init__(self, get_response: Antwoord) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        ingelogd = request.user.is_authenticated
        antwoord = self.get_response(request)
        if ingelogd or request.user.is_authenticated:
            add_never_cache_headers(antwoord)
        return antwoord
