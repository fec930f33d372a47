"""Writes of the event subscriptions (issue 16, ADR 0021): registering, rotating the secret,
pausing and resuming; writing the outbox rows inside the event's transaction; and delivering
one row: claim it, POST the signed CloudEvent, log the attempt, back off or pause."""

import datetime
import ipaddress
import json
import secrets
import socket
import time
import uuid
from collections.abc import Iterable
from contextlib import suppress
from urllib.parse import urlsplit

import httpx
from cloudevents.core.formats.json import JSONFormat
from cloudevents.core.v1.event import CloudEvent
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import Auditactie
from audit.services import vastleggen
from ketenpartners.models import Medewerker, Organisatie
from signalering.models import Bericht, Berichtsoort, Signalering
from trajecten import access
from trajecten.keuzes import Gebeurtenissoort as G

from .handtekening import KOP, onderteken
from .models import Abonnement, Aflevering, Afleverstatus, Eventsoort, Poging

# Which trajectory events a system can subscribe to, by their CloudEvent type.
SOORT_VAN_GEBEURTENIS: dict[str, str] = {
    G.DETENTIE_GEMELD: Eventsoort.DETENTIE_GEMELD,
    G.UITSTROOMDATUM_GEWIJZIGD: Eventsoort.UITSTROOMDATUM_GEWIJZIGD,
    G.OVERDRACHT_VERSTUURD: Eventsoort.OVERDRACHT_VERSTUURD,
    G.OVERDRACHT_BEVESTIGD: Eventsoort.OVERDRACHT_BEVESTIGD,
    G.TRAJECT_AFGESLOTEN: Eventsoort.TRAJECT_AFGESLOTEN,
}
MAX_ABONNEMENTEN = 20
# A claimed delivery is due again after this lease: a worker killed mid-POST loses nothing.
LEASE = datetime.timedelta(minutes=2)
# Backoff: 30 s, 1, 2, 4 … minutes, at most an hour between attempts.
EERSTE_WACHTTIJD = 30
LANGSTE_WACHTTIJD = 3600
# Failing without a single success for this long pauses the subscription (its owner is told);
# a single event still failing after OPGEVEN_NA (the receiver takes others) is given up.
PAUZEER_NA = datetime.timedelta(hours=24)
OPGEVEN_NA = datetime.timedelta(hours=72)


def wachttijd(pogingen: int) -> datetime.timedelta:
    return datetime.timedelta(
        seconds=min(EERSTE_WACHTTIJD * 2 ** max(pogingen - 1, 0), LANGSTE_WACHTTIJD)
    )


def controleer_url(url: str) -> str:
    """https only; plain http only to this machine and only where settings allow it (tests,
    local). No credentials in the URL, no IP literal of an internal network (SSRF)."""
    url = (url or "").strip()
    try:
        delen = urlsplit(url)
        host = delen.hostname or ""
        delen.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        host = ""
    if not host or delen.scheme not in ("http", "https") or len(url) > 500:
        raise ValidationError({"url": _("Geef een volledige https-URL op.")})
    if delen.username or delen.password:
        raise ValidationError({"url": _("Zet geen gebruikersnaam of wachtwoord in de URL.")})
    lokaal = host in ("localhost", "127.0.0.1", "::1")
    if delen.scheme == "http" and not (lokaal and settings.ABONNEMENTEN_HTTP_LOKAAL):
        raise ValidationError({"url": _("De callback-URL moet met https:// beginnen.")})
    # Resolved, not parsed: 127.1, 2130706433, 0x7f.1 and DNS names of internal hosts all
    # become internal addresses. A name that does not resolve now is checked at delivery.
    if not settings.ABONNEMENTEN_HTTP_LOKAAL and (
        lokaal or any(not ip.is_global for ip in _adressen(host))
    ):
        raise ValidationError({"url": _("Een intern adres kan geen callback-URL zijn.")})
    return url


def _adressen(host: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """The addresses the host resolves to, as the connection would (getaddrinfo); [] if none."""
    try:
        info = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return []
    return [ipaddress.ip_address(str(i[4][0]).split("%")[0]) for i in info]


def _toegestane_adressen(host: str) -> list[str]:
    """The addresses to connect to, in the resolver's order, if every address the host resolves
    to is global (loopback only where settings allow it: tests, local); [] otherwise. Resolved
    once, immediately before each POST, and the POST goes to one of these (ADR 0021: no second
    resolution that a rebinding name could point inside)."""
    adressen = _adressen(host)
    lokaal = settings.ABONNEMENTEN_HTTP_LOKAAL
    if not adressen or not all(ip.is_global or (lokaal and ip.is_loopback) for ip in adressen):
        return []
    return list(dict.fromkeys(str(ip) for ip in adressen))


def _vastgepind(url: str, adres: str) -> tuple[str, str]:
    """(the URL with the checked address in place of the host, the Host header)."""
    delen = urlsplit(url)
    host = delen.hostname or ""
    ip = f"[{adres}]" if ":" in adres else adres
    naam = f"[{host}]" if ":" in host else host  # an IPv6 literal keeps its brackets
    netloc = f"{ip}:{delen.port}" if delen.port else ip
    hostkop = f"{naam}:{delen.port}" if delen.port else naam
    return delen._replace(netloc=netloc).geturl(), hostkop


def _controleer_soorten(soorten: Iterable[str]) -> list[str]:
    gekozen = sorted(set(soorten))
    if not gekozen:
        raise ValidationError({"soorten": _("Kies ten minste één soort gebeurtenis.")})
    if onbekend := [s for s in gekozen if s not in Eventsoort.values]:
        raise ValidationError(
            {
                "soorten": _("Onbekende soort: %(soort)s. Kies uit %(keuze)s.")
                % {"soort": ", ".join(onbekend), "keuze": ", ".join(Eventsoort.values)}
            }
        )
    return gekozen


def _audit(acting_user: Medewerker, abonnement: Abonnement, toelichting: str) -> None:
    vastleggen(
        gebruiker=acting_user,
        actie=Auditactie.SCHRIJVEN,
        traject_ids=[None],  # type: ignore[list-item]
        object_type="abonnement",
        object_id=str(abonnement.pk),
        categorieen=[],
        toelichting=toelichting,
    )


def nieuw_geheim() -> str:
    return secrets.token_hex(32)


@transaction.atomic
def maak_abonnement(
    *, acting_user: Medewerker, naam: str, url: str, soorten: Iterable[str], melden_aan: str
) -> tuple[Abonnement, str]:
    """Register a callback URL for the acting user's organisation. Returns the subscription and
    its signing secret, shown once."""
    fouten: dict[str, str] = {}
    naam = (naam or "").strip()
    if not naam or len(naam) > 100:
        fouten["naam"] = _("Geef een naam van hooguit 100 tekens.")
    for controle in (lambda: controleer_url(url), lambda: _controleer_soorten(soorten)):
        try:
            controle()
        except ValidationError as fout:
            fouten.update({k: v[0] for k, v in fout.message_dict.items()})
    if fouten:
        raise ValidationError(fouten)
    if acting_user.organisatie_id is None:
        raise PermissionDenied
    # One subscriber at a time per organisation counts and inserts (the limit holds).
    organisatie = Organisatie.objects.select_for_update().get(pk=acting_user.organisatie_id)
    if (
        Abonnement.objects.filter(organisatie=organisatie, verwijderd_op__isnull=True).count()
        >= MAX_ABONNEMENTEN
    ):
        raise ValidationError(
            {"url": _("Uw organisatie heeft al %(n)s abonnementen.") % {"n": MAX_ABONNEMENTEN}}
        )
    geheim = nieuw_geheim()
    abonnement = Abonnement.objects.create(
        organisatie=organisatie,
        account=acting_user,
        naam=naam,
        url=controleer_url(url),
        soorten=_controleer_soorten(soorten),
        melden_aan=melden_aan,
        geheim=geheim,
    )
    _audit(acting_user, abonnement, "abonnement aangemaakt")
    return abonnement, geheim


@transaction.atomic
def vernieuw_geheim(*, acting_user: Medewerker, abonnement: Abonnement) -> str:
    """A new signing secret, at once: the next attempt is signed with it."""
    geheim = nieuw_geheim()
    Abonnement.objects.filter(pk=abonnement.pk).update(geheim=geheim)
    _audit(acting_user, abonnement, "geheim vernieuwd")
    return geheim


@transaction.atomic
def hervat(*, acting_user: Medewerker, abonnement: Abonnement) -> Abonnement:
    """Resume a paused subscription: everything that waited is due now."""
    nu = timezone.now()
    Abonnement.objects.filter(pk=abonnement.pk).update(gepauzeerd_op=None, falend_sinds=None)
    Aflevering.objects.filter(abonnement=abonnement, status=Afleverstatus.WACHTEND).update(
        volgende_poging=nu
    )
    _audit(acting_user, abonnement, "abonnement hervat")
    abonnement.refresh_from_db()
    return abonnement


@transaction.atomic
def verwijder(*, acting_user: Medewerker, abonnement: Abonnement) -> None:
    """Stop the subscription; its delivery log stays readable to the administrator."""
    Abonnement.objects.filter(pk=abonnement.pk).update(verwijderd_op=timezone.now())
    _audit(acting_user, abonnement, "abonnement verwijderd")


# --- the outbox: written inside the event's transaction -------------------------------------


def _envelop(soort: str, event_id: uuid.UUID, traject_id: int, data: dict) -> dict:
    basis = settings.SITE_URL.rstrip("/")
    event = CloudEvent(
        {
            "id": str(event_id),
            "source": basis,
            "type": soort,
            "subject": str(traject_id),
            "time": timezone.now(),
            "datacontenttype": "application/json",
        },
        {
            "traject": traject_id,
            **data,
            "links": {"traject": basis + reverse("api:traject-detail", kwargs={"pk": traject_id})},
        },
    )
    return json.loads(JSONFormat().write(event))


SCOPE_BEHEREN = "abonnementen:beheren"  # api.models.Scope.ABONNEMENTEN_BEHEREN (no import)


def _sleutel_geldig(prefix: str = "") -> Q:
    """The subscription's key still works: active account, not expired, scope still held."""
    return Q(
        **{
            f"{prefix}account__is_active": True,
            f"{prefix}account__api_token__geldig_tot__gte": timezone.localdate(),
            f"{prefix}account__api_token__scopes__contains": [SCOPE_BEHEREN],
        }
    )


def _schrijf(soort: str, events: list[tuple[int, dict]]) -> list[int]:
    """One delivery row per (subscription, event) for the subscriptions of organisations that
    see the trajectory now. Four queries at most, whatever the number of events."""
    abonnementen = list(
        Abonnement.objects.filter(
            _sleutel_geldig(), verwijderd_op__isnull=True, soorten__contains=[soort]
        ).only("pk", "organisatie_id")
    )
    if not abonnementen or not events:
        return []
    zien = access.organisaties_die_zien({t for t, _d in events})
    nu = timezone.now()
    rijen = []
    for traject_id, data in events:
        wie = [a for a in abonnementen if a.organisatie_id in zien.get(traject_id, ())]
        if not wie:
            continue
        event_id = uuid.uuid4()
        envelop = _envelop(soort, event_id, traject_id, data)
        rijen += [
            Aflevering(
                abonnement_id=a.pk,
                event_id=event_id,
                soort=soort,
                traject_id=traject_id,
                envelop=envelop,
                volgende_poging=nu,
            )
            for a in wie
        ]
    return [a.pk for a in Aflevering.objects.bulk_create(rijen)]


def schrijf_afleveringen(*, gebeurtenis: str, traject_ids: list[int]) -> list[int]:
    soort = SOORT_VAN_GEBEURTENIS.get(gebeurtenis)
    if soort is None:
        return []
    return _schrijf(soort, [(t, {}) for t in traject_ids])


def schrijf_signaleringen(*, signalering_ids: list[int]) -> list[int]:
    if not Abonnement.objects.filter(
        verwijderd_op__isnull=True, soorten__contains=[Eventsoort.SIGNALERING_AANGEMAAKT]
    ).exists():
        return []
    rijen = Signalering.objects.filter(pk__in=signalering_ids).values_list(
        "pk", "traject_id", "soort"
    )
    return _schrijf(
        Eventsoort.SIGNALERING_AANGEMAAKT,
        [(t, {"signalering": pk, "signaleringssoort": soort}) for pk, t, soort in rijen],
    )


# --- delivery -------------------------------------------------------------------------------


def verschuldigd(*, nu: datetime.datetime | None = None, limiet: int = 500) -> list[int]:
    """Deliveries due now, of subscriptions that are neither paused nor removed."""
    return list(
        Aflevering.objects.filter(
            _sleutel_geldig("abonnement__"),
            status=Afleverstatus.WACHTEND,
            volgende_poging__lte=nu or timezone.now(),
            abonnement__gepauzeerd_op__isnull=True,
            abonnement__verwijderd_op__isnull=True,
        )
        .order_by("volgende_poging", "pk")
        .values_list("pk", flat=True)[:limiet]
    )


def _verstuur(client: httpx.Client, url: str, adres: str, body: bytes, kop: str) -> int:
    """POST to `adres`, the name of `url` as Host header and as TLS server name (so the
    certificate is still checked against the name)."""
    naar, hostkop = _vastgepind(url, adres)
    antwoord = client.post(
        naar,
        content=body,
        headers={
            "Host": hostkop,
            "Content-Type": "application/cloudevents+json; charset=utf-8",
            KOP: kop,
            "User-Agent": "reintegratie-abonnementen/1",
        },
        extensions={"sni_hostname": urlsplit(url).hostname or ""},
    )
    return antwoord.status_code


def _post(abonnement: Abonnement, body: bytes) -> tuple[int | None, str]:
    kop = onderteken(abonnement.geheim, body, int(time.time()))
    adressen = _toegestane_adressen(urlsplit(abonnement.url).hostname or "")
    if not adressen:
        return None, _("Geweigerd: het adres is niet openbaar of niet te vinden")
    try:
        with httpx.Client(
            timeout=settings.ABONNEMENTEN_TIMEOUT, follow_redirects=False, trust_env=False
        ) as client:
            # Each checked address in the resolver's order, as a connection by name would.
            for adres in adressen[:-1]:
                with suppress(httpx.ConnectError):
                    return _verstuur(client, abonnement.url, adres, body, kop), ""
            return _verstuur(client, abonnement.url, adressen[-1], body, kop), ""
    except httpx.TimeoutException:
        return None, _("Time-out: geen antwoord op tijd")
    except httpx.HTTPError:
        # No exception text in the log: it would tell a key holder about internal hosts/ports.
        return None, _("Verbinding mislukt of geweigerd")


def bezorg(*, aflevering_id: int, nu: datetime.datetime | None = None) -> bool | None:
    """Deliver one row if it is due: claim it (one conditional UPDATE, so two workers never
    both send it), POST it outside any transaction, then log the attempt. True delivered, False
    failed (retried later), None not due or claimed by another."""
    nu = nu or timezone.now()
    geclaimd = Aflevering.objects.filter(
        pk=aflevering_id, status=Afleverstatus.WACHTEND, volgende_poging__lte=nu
    ).update(volgende_poging=nu + LEASE)
    if not geclaimd:
        return None
    aflevering = Aflevering.objects.select_related("abonnement__account").get(pk=aflevering_id)
    abonnement = aflevering.abonnement
    if (
        abonnement.gepauzeerd_op
        or abonnement.verwijderd_op
        or not Abonnement.objects.filter(_sleutel_geldig(), pk=abonnement.pk).exists()
    ):
        return None  # waits for resume (hervat makes it due again) or for a valid key
    if abonnement.organisatie_id not in access.organisaties_die_zien([aflevering.traject_id]).get(
        aflevering.traject_id, ()
    ):
        # Restricted or moved since the event was written: not sent, and logged as such.
        Poging.objects.create(
            aflevering=aflevering,
            op=nu,
            fout=_("Niet verzonden: de organisatie ziet dit traject niet meer"),
            duur_ms=0,
            gelukt=False,
        )
        Aflevering.objects.filter(pk=aflevering.pk).update(status=Afleverstatus.OPGEGEVEN)
        return False
    body = json.dumps(aflevering.envelop, separators=(",", ":")).encode()
    begin = time.monotonic()
    statuscode, fout = _post(abonnement, body)
    duur = int((time.monotonic() - begin) * 1000)
    gelukt = statuscode is not None and 200 <= statuscode < 300
    if statuscode is not None and not gelukt:
        fout = _("Antwoord %(code)s") % {"code": statuscode}
    _leg_vast(aflevering, gelukt=gelukt, statuscode=statuscode, fout=fout, duur=duur, nu=nu)
    return gelukt


@transaction.atomic
def _leg_vast(
    aflevering: Aflevering,
    *,
    gelukt: bool,
    statuscode: int | None,
    fout: str,
    duur: int,
    nu: datetime.datetime,
) -> None:
    Poging.objects.create(
        aflevering=aflevering,
        op=nu,
        statuscode=statuscode,
        fout=fout,
        duur_ms=duur,
        gelukt=gelukt,
    )
    pogingen = aflevering.pogingen + 1
    rij = Aflevering.objects.filter(pk=aflevering.pk)
    abonnement = Abonnement.objects.select_for_update().get(pk=aflevering.abonnement_id)
    if gelukt:
        rij.update(pogingen=F("pogingen") + 1, status=Afleverstatus.AFGELEVERD, afgeleverd_op=nu)
        if abonnement.falend_sinds is not None:
            Abonnement.objects.filter(pk=abonnement.pk).update(falend_sinds=None)
        return
    opgeven = aflevering.aangemaakt_op <= nu - OPGEVEN_NA
    rij.update(
        pogingen=F("pogingen") + 1,
        status=Afleverstatus.OPGEGEVEN if opgeven else Afleverstatus.WACHTEND,
        volgende_poging=nu + wachttijd(pogingen),
    )
    falend_sinds = abonnement.falend_sinds or nu
    pauze = abonnement.gepauzeerd_op is None and falend_sinds <= nu - PAUZEER_NA
    Abonnement.objects.filter(pk=abonnement.pk).update(
        falend_sinds=falend_sinds, gepauzeerd_op=nu if pauze else abonnement.gepauzeerd_op
    )
    if pauze:
        _meld_pauze(abonnement, nu=nu, fout=fout)


def _meld_pauze(abonnement: Abonnement, *, nu: datetime.datetime, fout: str) -> None:
    """Tell the owner through the outbox (signalering.Bericht); the outbox drain sends it."""
    from signalering import tasks as berichttaken

    bericht = Bericht.objects.create(
        aan=abonnement.melden_aan,
        soort=Berichtsoort.DIRECT,
        datum=timezone.localdate(nu),
        onderwerp=_("Abonnement %(naam)s gepauzeerd") % {"naam": abonnement.naam[:100]},
        tekst=_(
            "Sinds %(sinds)s lukt het niet om gebeurtenissen af te leveren bij %(url)s "
            "(laatste fout: %(fout)s). Het abonnement is gepauzeerd; niets gaat verloren. "
            "Herstel de ontvanger en hervat het abonnement via de API "
            "(POST /api/v1/abonnementen/%(pk)s/hervatten/)."
        )
        % {
            "sinds": timezone.localtime(abonnement.falend_sinds or nu).strftime("%d-%m-%Y %H:%M"),
            "url": abonnement.url,
            "fout": fout or "-",
            "pk": abonnement.pk,
        },
    )
    transaction.on_commit(lambda: berichttaken.in_wachtrij([bericht.pk]))
