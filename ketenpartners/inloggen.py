"""Lockout (issue 17): N failed logins per account in M minutes lock the account for M minutes,
and a higher limit per IP address locks that address. The counts live in the database table
ketenpartners_inlogteller, so every worker process and every server shares them; each count is
one atomic INSERT … ON CONFLICT DO UPDATE, so concurrent failures are all counted.

Checked inside authentication (InlogBackend), so every door that calls authenticate() — the
login page and the admin, which is sent to the login page — is throttled the same way. A locked
account is refused even with the right password; the message never tells whether an account
exists (templates/registration/login.html)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpRequest
from django.utils import timezone

from .models import Inlogteller
from .signalen import accountgebeurtenis

# The audit kinds (audit.models.Auditactie values; ketenpartners cannot import audit).
INLOGGEN_MISLUKT = "inloggen_mislukt"
ACCOUNT_GEBLOKKEERD = "account_geblokkeerd"


def ip_adres(request: HttpRequest | None) -> str:
    """The client's address. Behind a reverse proxy set INLOG_IP_HEADER (for example
    HTTP_X_FORWARDED_FOR): the last address in it is the one the proxy saw."""
    if request is None:
        return "onbekend"
    header = getattr(settings, "INLOG_IP_HEADER", "")
    if header and request.META.get(header):
        return str(request.META[header]).split(",")[-1].strip()[:100]
    return str(request.META.get("REMOTE_ADDR") or "onbekend")[:100]


def _sleutels(gebruikersnaam: str, ip: str) -> dict[str, int]:
    return {
        f"account:{gebruikersnaam.strip().lower()[:150]}": settings.INLOG_MAX_POGINGEN,
        f"ip:{ip}": settings.INLOG_MAX_POGINGEN_PER_IP,
    }


def geblokkeerd(*, gebruikersnaam: str, ip: str) -> bool:
    """True while the account name or the address is locked."""
    return Inlogteller.objects.filter(
        sleutel__in=list(_sleutels(gebruikersnaam, ip)),
        geblokkeerd_tot__gt=timezone.now(),
    ).exists()


_TEL = """
INSERT INTO ketenpartners_inlogteller (sleutel, aantal, sinds, geblokkeerd_tot)
VALUES (%(sleutel)s, 1, now(), NULL)
ON CONFLICT (sleutel) DO UPDATE SET
    aantal = CASE WHEN ketenpartners_inlogteller.sinds < now() - make_interval(mins => %(min)s)
                  THEN 1 ELSE ketenpartners_inlogteller.aantal + 1 END,
    sinds = CASE WHEN ketenpartners_inlogteller.sinds < now() - make_interval(mins => %(min)s)
                 THEN now() ELSE ketenpartners_inlogteller.sinds END
RETURNING aantal
"""
_BLOKKEER = """
UPDATE ketenpartners_inlogteller
SET geblokkeerd_tot = now() + make_interval(mins => %(min)s), aantal = 0, sinds = now()
WHERE sleutel = %(sleutel)s
"""


def tel_mislukking(*, gebruikersnaam: str, ip: str) -> list[str]:
    """Counts one failed login for the account name and for the address; returns the keys that
    reached their limit (and are now locked for INLOG_BLOKKADE_MINUTEN)."""
    minuten = settings.INLOG_BLOKKADE_MINUTEN
    bereikt = []
    with connection.cursor() as cursor:
        for sleutel, grens in _sleutels(gebruikersnaam, ip).items():
            cursor.execute(_TEL, {"sleutel": sleutel, "min": minuten})
            (aantal,) = cursor.fetchone()
            if aantal >= grens:
                cursor.execute(_BLOKKEER, {"sleutel": sleutel, "min": minuten})
                bereikt.append(sleutel)
    return bereikt


def wis_teller(*, gebruikersnaam: str) -> None:
    """A successful login clears the account's count (not the address's)."""
    Inlogteller.objects.filter(sleutel=f"account:{gebruikersnaam.strip().lower()[:150]}").delete()


class InlogBackend(ModelBackend):
    """ModelBackend with the lockout around it. Raising PermissionDenied stops authenticate()
    at once: no other backend is tried and the form shows its one message."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        ip = ip_adres(request)
        if geblokkeerd(gebruikersnaam=username, ip=ip):
            accountgebeurtenis.send(
                sender=InlogBackend,
                actie=INLOGGEN_MISLUKT,
                medewerker=None,
                door=None,
                gebruikersnaam=username,
                toelichting=f"geweigerd: geblokkeerd (ip {ip})",
            )
            raise PermissionDenied
        gebruiker = super().authenticate(request, username=username, password=password, **kwargs)
        if gebruiker is not None:
            wis_teller(gebruikersnaam=username)
            return gebruiker
        bereikt = tel_mislukking(gebruikersnaam=username, ip=ip)
        accountgebeurtenis.send(
            sender=InlogBackend,
            actie=INLOGGEN_MISLUKT,
            medewerker=None,
            door=None,
            gebruikersnaam=username,
            toelichting=f"onjuiste gegevens (ip {ip})",
        )
        for sleutel in bereikt:
            accountgebeurtenis.send(
                sender=InlogBackend,
                actie=ACCOUNT_GEBLOKKEERD,
                medewerker=None,
                door=None,
                gebruikersnaam=username,
                toelichting=f"{sleutel} geblokkeerd voor {settings.INLOG_BLOKKADE_MINUTEN} minuten",
            )
        # Refuse here rather than let the next backend try: nothing else authenticates passwords.
        raise PermissionDenied
