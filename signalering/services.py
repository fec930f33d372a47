"""The deadline watch. Set-based: one scan reads all active trajectories in a handful of
queries, computes their deadlines with trajecten.deadlines, and upserts flags idempotently."""

import logging
import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import Auditactie, Auditregel
from audit.services import beheeractie
from ketenpartners.models import Contactpunt, Medewerker
from ketenpartners.rollen import Rol
from trajecten.access import trajecten_voor_bewaking
from trajecten.deadlines import Termijnsoort, Termijnstatus, plus_werkdagen
from trajecten.querysets import GEMEENTE_ID
from trajecten.selectors import brugdagen, met_termijndata, termijnen_van
from trajecten.services import eis

from . import voorkeuren
from .acties import scan_acties
from .models import (
    SIGNALERINGEN,
    Bericht,
    Berichtsoort,
    Berichtstatus,
    Kanaal,
    Meldingsvoorkeur,
    Notificatie,
    Signalering,
    Signaleringssoort,
)
from .overdrachten import scan_overdrachten
from .plaatsvervangers import vervang_inactieven
from .signalen import meld_nieuw
from .voorbereidingen import scan_uitkeringsaanvragen

logger = logging.getLogger(__name__)

# A flag's resolver: from the scan's row and the flag, the day it was resolved, or None.
Oplosser = Callable[[Any, Any], date | None]

# The deadlines the watch flags: the ten-day and four-week ones (issue 5, DOMAIN.md).
GESIGNALEERD = {
    Termijnsoort.CONTACT_GEMEENTE: Signaleringssoort.CONTACT_GEMEENTE,
    Termijnsoort.PLAN_VASTGESTELD: Signaleringssoort.PLAN_VASTGESTELD,
    Termijnsoort.STARTOVERLEG: Signaleringssoort.STARTOVERLEG,
    # The meetings (issue 11): the MDO every six weeks, the trajectgesprek at the plan's
    # frequency and the uitstroomoverleg before the expected release.
    Termijnsoort.MDO: Signaleringssoort.MDO,
    Termijnsoort.TRAJECTGESPREK: Signaleringssoort.TRAJECTGESPREK,
    Termijnsoort.UITSTROOMOVERLEG: Signaleringssoort.UITSTROOMOVERLEG,
}


def _gehouden_na_anker(datum_veld: str, weken: Callable[[Any], int | None]) -> Oplosser:
    """For a recurring meeting: the flag's deadline was set by the meeting before it (or the
    plan's adoption), `weken` weeks on. A meeting held since resolves it, on its day: the
    latest held meeting then points past the flag's deadline."""

    def oplosser(rij, sig) -> date | None:
        gehouden, n = getattr(rij, datum_veld), weken(rij)
        if gehouden is None or not n:
            return None
        return gehouden if gehouden + timedelta(weeks=n) > sig.uiterlijk else None

    return oplosser


# Which event date resolves a flag of each kind: the name of a date of the scan's row, or a
# function of the row and the flag that gives the day it was resolved (or None).
OPLOSSER: dict[str, str | Oplosser] = {
    Signaleringssoort.CONTACT_GEMEENTE: "contact_gemeente_datum",
    Signaleringssoort.PLAN_VASTGESTELD: "plan_vastgesteld_datum",
    Signaleringssoort.STARTOVERLEG: "startoverleg_datum",
    Signaleringssoort.ONTVANGST: "gezien_datum",
    Signaleringssoort.ONTVANGST_ESCALATIE: "gezien_datum",
    Signaleringssoort.MDO: _gehouden_na_anker("laatste_mdo_datum", lambda rij: 6),
    Signaleringssoort.TRAJECTGESPREK: _gehouden_na_anker(
        "laatste_trajectgesprek_datum", lambda rij: rij.gespreksfrequentie_weken
    ),
    Signaleringssoort.UITSTROOMOVERLEG: "uitstroomoverleg_datum",
}
# Flags about meetings in detention: after release they lapse (the scan reads only
# trajectories in detention, so it lets them lapse itself).
VERVALT_BIJ_UITSTROOM = (
    Signaleringssoort.MDO,
    Signaleringssoort.TRAJECTGESPREK,
    Signaleringssoort.UITSTROOMOVERLEG,
)
SCAN_LOCK = 5_151_001  # pg_advisory_xact_lock key: one scan at a time
MAX_POGINGEN = 5


@dataclass
class Scanresultaat:
    datum: date
    nieuw: list[tuple[int, str, date]] = field(default_factory=list)
    opgelost: list[tuple[int, str, date]] = field(default_factory=list)
    open: int = 0


def _rijen():
    qs = met_termijndata(trajecten_voor_bewaking()).annotate(gemeente_id=GEMEENTE_ID)
    return [
        SimpleNamespace(**r)
        for r in qs.values(
            "pk",
            "pi_id",
            "casemanager_id",
            "gemeente_id",
            "binnenkomst_datum",
            "verwachte_uitstroom_datum",
            "uitstroom_datum",
            "aangemaakt_op",
            "gezien_door_gemeente_op",
            "contact_gemeente_datum",
            "plan_vastgesteld_datum",
            "startoverleg_datum",
            "laatste_mdo_datum",
            "uitstroomoverleg_datum",
            "laatste_trajectgesprek_datum",
            "gespreksfrequentie_weken",
        )
    ]


def _gemist(rij, *, vandaag: date, vrij: frozenset[date]) -> list[tuple[str, date]]:
    gemist: list[tuple[str, date]] = [
        (GESIGNALEERD[t.soort], t.uiterlijk)
        for t in termijnen_van(rij, vandaag=vandaag, vrije_dagen=vrij)
        if t.soort in GESIGNALEERD and t.status == Termijnstatus.GEMIST
    ]
    if rij.gemeente_id and rij.gezien_door_gemeente_op is None:
        # The chaser the chain lacks: a gemeente that has not acknowledged an incoming
        # detention within N working days of its arrival in the inbox.
        ontvangen = timezone.localdate(rij.aangemaakt_op)
        for soort, werkdagen in (
            (Signaleringssoort.ONTVANGST, settings.SIGNALERING_ONTVANGST_WERKDAGEN),
            (
                Signaleringssoort.ONTVANGST_ESCALATIE,
                settings.SIGNALERING_ONTVANGST_ESCALATIE_WERKDAGEN,
            ),
        ):
            uiterlijk = plus_werkdagen(ontvangen, werkdagen, brugdagen=vrij)
            if vandaag > uiterlijk:
                gemist.append((soort, uiterlijk))
    return gemist


def _voeg_in(
    kandidaten: list[tuple[int, str, date]], vandaag: date
) -> list[tuple[int, int, str, date]]:
    """INSERT … ON CONFLICT DO NOTHING RETURNING: only flags that did not exist come back."""
    if not kandidaten:
        return []
    trajecten, soorten, data = zip(*kandidaten, strict=True)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO signalering_signalering
                (traject_id, soort, uiterlijk, gesignaleerd_datum, aangemaakt_op, vervallen)
            SELECT t, s, u, %s, now(), FALSE
            FROM unnest(%s::bigint[], %s::text[], %s::date[]) AS k(t, s, u)
            ON CONFLICT (traject_id, soort, uiterlijk) WHERE actie_id IS NULL DO NOTHING
            RETURNING id, traject_id, soort, uiterlijk
            """,
            [vandaag, list(trajecten), list(soorten), list(data)],
        )
        rijen = cursor.fetchall()
        meld_nieuw([r[0] for r in rijen])
        return rijen


@transaction.atomic
def scan(*, vandaag: date) -> Scanresultaat:
    """Flag every missed ten-day and four-week deadline and every unacknowledged detention,
    resolve flags whose event has since been recorded, let lapse (`vervallen`) flags whose
    deadline is no longer missed on today's data (a correction moved it), and notify the people
    responsible for new flags. Overdue actions likewise, one flag per action
    (`acties.scan_acties`). Idempotent: a second run, a concurrent run or a rerun after a
    killed worker gives the same flags (unique constraint, ON CONFLICT DO NOTHING, advisory
    lock)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SCAN_LOCK])
    vrij = brugdagen()
    rijen = _rijen()
    per_traject = {r.pk: r for r in rijen}
    for r in rijen:
        r.gezien_datum = (
            timezone.localdate(r.gezien_door_gemeente_op) if r.gezien_door_gemeente_op else None
        )

    kandidaten = [
        (r.pk, soort, u) for r in rijen for soort, u in _gemist(r, vandaag=vandaag, vrij=vrij)
    ]
    nieuw = _voeg_in(kandidaten, vandaag)
    pauze = float(os.environ.get("SIGNALERING_PAUZE_NA_INVOEGEN", "0"))
    if pauze:  # lets the kill-mid-run test stop a worker inside this transaction
        time.sleep(pauze)

    resultaat = Scanresultaat(datum=vandaag, nieuw=[(t, s, u) for _id, t, s, u in nieuw])
    # Kinds with their own part of the scan (below) resolve their own flags.
    open_signaleringen = list(
        Signalering.objects.filter(
            opgelost_datum__isnull=True,
            traject_id__in=per_traject,
            actie__isnull=True,
            soort__in=list(OPLOSSER),
        )
    )
    nog_gemist = set(kandidaten)
    opgelost = []
    nu = timezone.now()
    for sig in open_signaleringen:
        oplosser = OPLOSSER[sig.soort]
        rij = per_traject[sig.traject_id]
        gehaald = oplosser(rij, sig) if callable(oplosser) else getattr(rij, oplosser)
        if gehaald is not None:
            sig.opgelost_datum, sig.opgelost_op = gehaald, nu
            opgelost.append(sig)
        elif (sig.traject_id, sig.soort, sig.uiterlijk) not in nog_gemist:
            # The deadline no longer holds (a corrected binnenkomst date, a changed gemeente):
            # the flag lapses instead of waiting for an event that is not due (ADR 0009).
            sig.opgelost_datum, sig.opgelost_op, sig.vervallen = vandaag, nu, True
            opgelost.append(sig)
    # Meeting flags of trajectories released since: lapsed, never to chase after the gate.
    uitgestroomd = list(
        Signalering.objects.filter(
            opgelost_datum__isnull=True,
            soort__in=VERVALT_BIJ_UITSTROOM,
            traject__uitstroom_datum__isnull=False,
        )
    )
    for sig in uitgestroomd:
        sig.opgelost_datum, sig.opgelost_op, sig.vervallen = vandaag, nu, True
    opgelost += uitgestroomd
    Signalering.objects.bulk_update(opgelost, ["opgelost_datum", "opgelost_op", "vervallen"])
    resultaat.opgelost = [(s.traject_id, s.soort, s.uiterlijk) for s in opgelost]
    resultaat.open = len(open_signaleringen) - (len(opgelost) - len(uitgestroomd))
    _notificeer(nieuw, per_traject)
    nieuw_acties, opgelost_acties, open_acties = scan_acties(vandaag=vandaag, nu=nu)
    resultaat.nieuw += nieuw_acties
    resultaat.opgelost += opgelost_acties
    resultaat.open += open_acties
    uitkering = scan_uitkeringsaanvragen(vandaag=vandaag, vrij=vrij)
    resultaat.nieuw += uitkering.nieuw
    resultaat.opgelost += uitkering.opgelost
    resultaat.open += uitkering.open
    overdrachten = scan_overdrachten(vandaag=vandaag, vrij=vrij)
    resultaat.nieuw += overdrachten.nieuw
    resultaat.opgelost += overdrachten.opgelost
    resultaat.open += overdrachten.open
    return resultaat


def _notificeer(nieuw: list[tuple[int, int, str, date]], per_traject: dict) -> None:
    """Missed screening or plan → casemanager; missed startoverleg → casemanager and the
    gemeente (its nazorgcoördinatoren in the app, its contact point by e-mail); no
    acknowledgement → the gemeente; still none → the PI's staffunctionaris. A person whose
    account is inactive is replaced by the PI's active staffunctionarissen."""
    if not nieuw:
        return
    gemeenten = {per_traject[t].gemeente_id for _i, t, _s, _u in nieuw} - {None}
    pis = {per_traject[t].pi_id for _i, t, _s, _u in nieuw}
    nazorg = defaultdict(list)
    for m in Medewerker.objects.filter(
        rol=Rol.NAZORGCOORDINATOR, organisatie_id__in=gemeenten, is_active=True
    ).values("pk", "organisatie_id"):
        nazorg[m["organisatie_id"]].append(m["pk"])
    staf = defaultdict(list)
    for m in Medewerker.objects.filter(
        rol=Rol.STAFFUNCTIONARIS, organisatie_id__in=pis, is_active=True
    ).values("pk", "organisatie_id"):
        staf[m["organisatie_id"]].append(m["pk"])
    punten = defaultdict(list)
    for cp in (
        Contactpunt.objects.filter(organisatie_id__in=gemeenten)
        .exclude(email="")
        .values("pk", "organisatie_id")
    ):
        punten[cp["organisatie_id"]].append(cp["pk"])

    paren: list[tuple[int, int | None, int | None]] = []
    notificaties = []
    for sig_id, traject_id, soort, _u in nieuw:
        rij = per_traject[traject_id]
        personen, contactpunten = [], []
        if soort in (
            Signaleringssoort.CONTACT_GEMEENTE,
            Signaleringssoort.PLAN_VASTGESTELD,
            Signaleringssoort.STARTOVERLEG,
            *VERVALT_BIJ_UITSTROOM,
        ):
            personen.append(rij.casemanager_id)
        if soort in (Signaleringssoort.STARTOVERLEG, Signaleringssoort.ONTVANGST):
            personen += nazorg[rij.gemeente_id]
            contactpunten += punten[rij.gemeente_id]
        if soort == Signaleringssoort.ONTVANGST_ESCALATIE:
            personen += staf[rij.pi_id]
        paren += [(sig_id, p, rij.pi_id) for p in set(personen)]
        notificaties += [
            Notificatie(signalering_id=sig_id, contactpunt_id=c) for c in contactpunten
        ]
    # An inactive casemanager's flag goes to the PI's staffunctionarissen, not to nobody.
    notificaties += [
        Notificatie(signalering_id=s, ontvanger_id=p) for s, p in vervang_inactieven(paren)
    ]
    Notificatie.objects.bulk_create(notificaties, ignore_conflicts=True)


def _digesttekst(notificaties) -> str:
    basis = settings.SITE_URL.rstrip("/")
    gebeurtenissen = [n.gebeurtenis for n in notificaties if n.gebeurtenis_id]
    signaleringen = [n.signalering for n in notificaties if n.signalering_id]
    regels = [_("Goedemorgen,"), ""]
    if gebeurtenissen:
        regels += [_("Wat er in de re-integratietrajecten is gebeurd:"), ""]
        for g in gebeurtenissen:
            regels.append(
                _("- %(omschrijving)s: traject %(id)s. %(url)s")
                % {
                    "omschrijving": g.omschrijving,
                    "id": g.traject_id,
                    "url": basis + reverse("trajecten:detail", args=[g.traject_id]),
                }
            )
        regels.append("")
    if signaleringen:
        regels += [_("Deze termijnen in de re-integratietrajecten vragen uw aandacht:"), ""]
    for sig in signaleringen:
        if sig.soort == Signaleringssoort.OVERPLAATSING:
            regel = _("- Overgeplaatst naar een andere inrichting: traject %(id)s, per %(datum)s.")
            url = basis + reverse("trajecten:detail", args=[sig.traject_id])
            datum = sig.uiterlijk.strftime("%d-%m-%Y")
            regels.append(f"{regel % {'id': sig.traject_id, 'datum': datum}} {url}")
            continue
        regels.append(
            _("- %(soort)s: traject %(id)s, termijn was %(datum)s. %(url)s")
            % {
                "soort": sig.get_soort_display(),
                "id": sig.traject_id,
                "datum": sig.uiterlijk.strftime("%d-%m-%Y"),
                "url": basis + reverse("trajecten:detail", args=[sig.traject_id]),
            }
        )
    regels += [
        "",
        _("Namen staan niet in deze e-mail; log in om het traject te openen."),
        _("Kiezen welke meldingen u per e-mail krijgt: %(url)s")
        % {"url": basis + reverse("signalering:instellingen")},
    ]
    return "\n".join(regels)


@transaction.atomic
def stel_digests_op(*, vandaag: date) -> list[int]:
    """One daily digest per address, never one mail per notification: the flags and events
    whose channel is the digest (each person's preference, else the role's default; a contact
    point always gets the digest). What a person keeps in the app stays there; what arrives after
    today's digest went out waits for tomorrow's. A rerun adds nothing twice: a notification
    belongs to at most one message."""
    notificaties = list(
        Notificatie.objects.filter(bericht__isnull=True).select_related(
            "signalering", "gebeurtenis", "ontvanger", "contactpunt"
        )
    )
    kanaal = voorkeuren.kanalen({n.ontvanger for n in notificaties if n.ontvanger is not None})
    per_adres = defaultdict(list)
    for n in notificaties:
        if n.ontvanger is not None:
            m = n.ontvanger
            soort = n.gebeurtenis.soort if n.gebeurtenis is not None else SIGNALERINGEN
            if not (m.email and m.is_active) or kanaal[(m.pk, soort)] != Kanaal.DIGEST:
                continue
            adres = m.email.lower()
        else:
            # notificatie_voor_persoon_of_contactpunt: no person, so a contact point
            assert n.contactpunt is not None
            adres = n.contactpunt.email.lower()
        per_adres[adres].append(n)
    bestaand = {
        b.aan: b
        for b in Bericht.objects.filter(soort=Berichtsoort.DIGEST, datum=vandaag, aan__in=per_adres)
    }
    klaar = []
    for adres, lijst in per_adres.items():
        bericht = bestaand.get(adres)
        if bericht is not None and bericht.status != Berichtstatus.WACHTEND:
            continue
        if bericht is None:
            bericht = Bericht.objects.create(
                aan=adres,
                soort=Berichtsoort.DIGEST,
                datum=vandaag,
                onderwerp=_("Meldingen en termijnen — %(datum)s")
                % {"datum": vandaag.strftime("%d-%m-%Y")},
                tekst="",
            )
        Notificatie.objects.filter(pk__in=[n.pk for n in lijst]).update(bericht=bericht)
        alle = bericht.notificaties.select_related("signalering", "gebeurtenis").order_by(
            "gebeurtenis__aangemaakt_op", "signalering__uiterlijk", "pk"
        )
        bericht.tekst = _digesttekst(alle)
        bericht.save(update_fields=["tekst"])
        klaar.append(bericht.pk)
    return klaar


def verstuur(*, bericht_id: int) -> bool:
    """Send one digest. True when sent (or already sent); False when sending failed — the
    error and the attempt are recorded, and after MAX_POGINGEN the message is 'mislukt', visible
    in the admin, never silently dropped."""
    with transaction.atomic():
        bericht = (
            Bericht.objects.select_for_update(skip_locked=True)
            .filter(pk=bericht_id, status=Berichtstatus.WACHTEND)
            .first()
        )
        if bericht is None:
            return True
        bericht.pogingen = F("pogingen") + 1
        try:
            send_mail(bericht.onderwerp, bericht.tekst, None, [bericht.aan])
        except Exception as fout:
            logger.warning("Bericht %s niet verzonden: %s", bericht_id, fout)
            bericht.laatste_fout = f"{type(fout).__name__}: {fout}"[:2000]
            bericht.save(update_fields=["pogingen", "laatste_fout"])
            bericht.refresh_from_db(fields=["pogingen"])
            if bericht.pogingen >= MAX_POGINGEN:
                bericht.status = Berichtstatus.MISLUKT
                bericht.save(update_fields=["status"])
            return False
        bericht.status = Berichtstatus.VERZONDEN
        bericht.verzonden_op = timezone.now()
        bericht.save(update_fields=["pogingen", "status", "verzonden_op"])
        return True


def wachtende_berichten() -> list[int]:
    return list(
        Bericht.objects.filter(status=Berichtstatus.WACHTEND)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


@transaction.atomic
def markeer_gelezen(*, acting_user: Medewerker, notificatie_ids: list[int] | None = None) -> int:
    qs = Notificatie.objects.filter(ontvanger=acting_user, gelezen_op__isnull=True)
    if notificatie_ids is not None:
        qs = qs.filter(pk__in=notificatie_ids)
    return qs.update(gelezen_op=timezone.now())


@transaction.atomic
def bewaar_voorkeuren(*, acting_user: Medewerker, keuzes: dict[str, str]) -> dict[str, str]:
    """Save how the person hears of each kind (Meldingsvoorkeur), for their own account only:
    every logged-in person may set their own. Every kind needs a valid channel, else nothing is
    saved and each wrong kind gets a Dutch message at its field. Returns all channels."""
    eis(acting_user.is_authenticated and acting_user.is_active)
    fouten = {
        soort: _("Kies hoe u over deze meldingen hoort.")
        for soort in voorkeuren.SOORTEN
        if keuzes.get(soort) not in Kanaal.values
    }
    if fouten:
        raise ValidationError(fouten)
    for soort in voorkeuren.SOORTEN:
        Meldingsvoorkeur.objects.update_or_create(
            medewerker=acting_user, soort=soort, defaults={"kanaal": keuzes[soort]}
        )
    Auditregel.objects.create(
        gebruiker=acting_user,
        gebruikersnaam=acting_user.username,
        organisatie=str(acting_user.organisatie or ""),
        rol=acting_user.rol,
        actie=Auditactie.SCHRIJVEN,
        object_type="meldingsvoorkeur",
        object_id=str(acting_user.pk),
        toelichting=", ".join(f"{s}={k}" for s, k in sorted(keuzes.items())),
    )
    return voorkeuren.voorkeuren_van(acting_user)


@transaction.atomic
def meld_overplaatsing(*, traject_id: int, gemeente_id: int | None, datum: date) -> int:
    """Tell the gemeente a trajectory moved to another PI: an event row (created resolved, so no
    scan or escalation picks it up) with a notification for each active nazorgcoördinator of
    the gemeente (the bell) and its e-mail contact points (the daily digest). Runs inside the
    overplaatsing's transaction (receiver of trajecten.signalen.traject_overgeplaatst)."""
    if gemeente_id is None:
        return 0
    vandaag = timezone.localdate()
    sig, _nieuw = Signalering.objects.get_or_create(
        traject_id=traject_id,
        soort=Signaleringssoort.OVERPLAATSING,
        uiterlijk=datum,
        defaults={
            "gesignaleerd_datum": vandaag,
            "opgelost_datum": vandaag,
            "opgelost_op": timezone.now(),
        },
    )
    personen = Medewerker.objects.filter(
        rol=Rol.NAZORGCOORDINATOR, organisatie_id=gemeente_id, is_active=True
    ).values_list("pk", flat=True)
    punten = (
        Contactpunt.objects.filter(organisatie_id=gemeente_id)
        .exclude(email="")
        .values_list("pk", flat=True)
    )
    notificaties = [Notificatie(signalering=sig, ontvanger_id=p) for p in personen] + [
        Notificatie(signalering=sig, contactpunt_id=c) for c in punten
    ]
    Notificatie.objects.bulk_create(notificaties, ignore_conflicts=True)
    return len(notificaties)


@transaction.atomic
def annuleer_berichten(*, acting_user: Medewerker, bericht_ids: Iterable[int]) -> int:
    """The functional administrator cancels waiting or failed messages instead of deleting them
    (issue 17): they stay in the outbox with their history and are never sent."""
    if not (acting_user.is_superuser or acting_user.rol == Rol.FUNCTIONEEL_BEHEERDER):
        raise PermissionDenied
    ids = list(
        Bericht.objects.select_for_update()
        .filter(
            pk__in=list(bericht_ids), status__in=[Berichtstatus.WACHTEND, Berichtstatus.MISLUKT]
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    Bericht.objects.filter(pk__in=ids).update(status=Berichtstatus.GEANNULEERD)
    # Who cancelled which message is in the audit trail, in the same transaction (issue 17).
    beheeractie(
        door=acting_user, object_type="bericht", object_ids=ids, toelichting=_("geannuleerd")
    )
    return len(ids)
