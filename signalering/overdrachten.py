"""The morning scan's part for the handover nobody confirmed (issue 12). A released case whose
handover is not confirmed ('Ontvangen, ik pak het op') by the OVERDRACHT_BEVESTIGING_WERKDAGEN-th
working day after it was sent is flagged to the gemeente's nazorgcoördinatoren and contact
points (and the reclasseringswerker when the reclassering has case direction); still none by
the OVERDRACHT_ESCALATIE_WERKDAGEN-th, to the PI's staffunctionarissen. The confirmation
resolves both, on the day it was given; a case closed without one lets them lapse. Set-based:
one query for the unconfirmed handovers whatever their number; idempotent like the rest of the
scan (INSERT … ON CONFLICT DO NOTHING on the unique flag per case, kind and deadline)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from ketenpartners.models import Contactpunt, Medewerker
from ketenpartners.rollen import Rol
from trajecten.access import uitgestroomd_voor_bewaking
from trajecten.keuzes import Fase, Regie
from trajecten.querysets import GEMEENTE_ID

from .invoegen import voeg_in_uit
from .models import Notificatie, Signalering, Signaleringssoort
from .werkdagen import lokale_datum_sql, plus_werkdagen_sql

ONTVANGST = Signaleringssoort.OVERDRACHT_ONTVANGST
ESCALATIE = Signaleringssoort.OVERDRACHT_ESCALATIE


@dataclass
class Overdrachtscan:
    nieuw: list[tuple[int, str, date]] = field(default_factory=list)
    opgelost: list[tuple[int, str, date]] = field(default_factory=list)
    open: int = 0


def _onbevestigd_qs():
    """The released cases whose handover nobody confirmed."""
    return (
        uitgestroomd_voor_bewaking()
        .filter(overdracht__isnull=False, overdracht__ontvangen_op__isnull=True)
        .annotate(
            gem_id=GEMEENTE_ID,
            regie_naar=F("overdracht__regie_naar"),
            verstuurd_op=F("overdracht__opgesteld_op"),
        )
    )


def _onbevestigd() -> list[SimpleNamespace]:
    """Their rows, for the notifications: one query."""
    return [
        SimpleNamespace(**r)
        for r in _onbevestigd_qs().values(
            "pk", "pi_id", "gem_id", "reclasseringswerker_id", "regie_naar", "verstuurd_op"
        )
    ]


def _voeg_in(vandaag: date) -> list[tuple[int, int, str, date]]:
    """The chase and the escalation, the N-th working day after the handover was sent, counted
    on the calendar table: one INSERT … SELECT over the unconfirmed handovers."""
    bron, params = _onbevestigd_qs().values("pk", "verstuurd_op").query.sql_with_params()
    verstuurd = lokale_datum_sql("o.verstuurd_op")
    ontvangst = plus_werkdagen_sql(verstuurd, settings.OVERDRACHT_BEVESTIGING_WERKDAGEN)
    escalatie = plus_werkdagen_sql(verstuurd, settings.OVERDRACHT_ESCALATIE_WERKDAGEN)
    nieuw = voeg_in_uit(
        f"""
        SELECT o.pk, NULL::bigint, t.soort, t.uiterlijk
        FROM ({bron}) AS o
        CROSS JOIN LATERAL (VALUES (%s, {ontvangst}), (%s, {escalatie})) AS t(soort, uiterlijk)
        WHERE t.uiterlijk < %s::date
        """,  # noqa: S608 - the queryset's SQL and ours; values are parameters
        [*params, str(ONTVANGST), str(ESCALATIE), vandaag],
        vandaag=vandaag,
    )
    return [(i, t, s, u) for i, t, _a, s, u in nieuw]


def _los_op(vandaag: date) -> tuple[list[Any], int]:
    """Confirmed since: resolved on the day of the confirmation. Closed or no longer released
    without one: lapsed. Returns the resolved flags and how many were open."""
    open_signaleringen = list(
        Signalering.objects.filter(
            soort__in=[ONTVANGST, ESCALATIE], opgelost_datum__isnull=True, actie__isnull=True
        ).annotate(ontvangen_op=F("traject__overdracht__ontvangen_op"), fase=F("traject__fase"))
    )
    nu = timezone.now()
    opgelost = []
    for sig in open_signaleringen:
        if sig.ontvangen_op is not None:
            sig.opgelost_datum = timezone.localdate(sig.ontvangen_op)
            sig.opgelost_op = nu
            opgelost.append(sig)
        elif sig.fase != Fase.NA_DETENTIE:
            sig.opgelost_datum, sig.opgelost_op, sig.vervallen = vandaag, nu, True
            opgelost.append(sig)
    if opgelost:
        Signalering.objects.bulk_update(opgelost, ["opgelost_datum", "opgelost_op", "vervallen"])
    return opgelost, len(open_signaleringen)


def _notificeer(nieuw: list[tuple[int, int, str, date]], per_traject: dict) -> None:
    """Not confirmed → the gemeente's nazorgcoördinatoren and contact points, and the
    reclasseringswerker when the reclassering has case direction; escalation → the PI's
    staffunctionarissen. A fixed number of queries."""
    if not nieuw:
        return
    rijen = [per_traject[t] for _i, t, _s, _u in nieuw]
    gemeenten = {r.gem_id for r in rijen} - {None}
    pis = {r.pi_id for r in rijen}
    per_organisatie: dict[tuple[str, int], list[int]] = defaultdict(list)
    for m in Medewerker.objects.filter(
        rol__in=[Rol.NAZORGCOORDINATOR, Rol.STAFFUNCTIONARIS],
        organisatie_id__in=gemeenten | pis,
        is_active=True,
    ).values("pk", "rol", "organisatie_id"):
        per_organisatie[(m["rol"], m["organisatie_id"])].append(m["pk"])
    punten: dict[int, list[int]] = defaultdict(list)
    for cp in (
        Contactpunt.objects.filter(organisatie_id__in=gemeenten)
        .exclude(email="")
        .values("pk", "organisatie_id")
    ):
        punten[cp["organisatie_id"]].append(cp["pk"])
    notificaties = []
    for sig_id, traject_id, soort, _u in nieuw:
        rij = per_traject[traject_id]
        personen: list[int] = []
        contactpunten: list[int] = []
        if soort == ONTVANGST:
            personen += per_organisatie[(Rol.NAZORGCOORDINATOR, rij.gem_id)]
            contactpunten += punten[rij.gem_id]
            if rij.regie_naar == Regie.RECLASSERING and rij.reclasseringswerker_id:
                personen.append(rij.reclasseringswerker_id)
        else:
            personen += per_organisatie[(Rol.STAFFUNCTIONARIS, rij.pi_id)]
        notificaties += [Notificatie(signalering_id=sig_id, ontvanger_id=p) for p in set(personen)]
        notificaties += [
            Notificatie(signalering_id=sig_id, contactpunt_id=c) for c in contactpunten
        ]
    Notificatie.objects.bulk_create(notificaties, ignore_conflicts=True)


def scan_overdrachten(*, vandaag: date) -> Overdrachtscan:
    """Called by `signalering.services.scan` inside its transaction and advisory lock, after
    `trajecten.kalender.zorg_voor_kalender`."""
    nieuw = _voeg_in(vandaag)
    per_traject = {r.pk: r for r in _onbevestigd()} if nieuw else {}
    opgelost, open_voor = _los_op(vandaag)
    _notificeer(nieuw, per_traject)
    return Overdrachtscan(
        nieuw=[(t, s, u) for _i, t, s, u in nieuw],
        opgelost=[(s.traject_id, s.soort, s.uiterlijk) for s in opgelost],
        open=open_voor - len(opgelost),
    )
