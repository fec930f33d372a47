"""Overdue actions ('wie doet wat') in the morning scan: one flag per action and due day, to the
action's person, else to the people of the holding organisation who carry the case. Set-based:
a fixed number of queries whatever the number of actions. Called from `services.scan` inside
its transaction and advisory lock."""

from collections import defaultdict
from datetime import date, datetime
from typing import Any

from django.db.models import Q

from ketenpartners.models import Medewerker
from ketenpartners.rollen import Rol, Soort
from trajecten.access import trajecten_voor_bewaking
from trajecten.keuzes import ACTIE_LOPEND, ActieStatus
from trajecten.models import Actie

from .invoegen import voeg_in
from .models import Notificatie, Signalering, Signaleringssoort
from .plaatsvervangers import vervang_inactieven

SOORT = Signaleringssoort.ACTIE_VERLOPEN


def _verlopen(vandaag: date) -> list[Any]:
    """Open or bezig actions whose due day has passed, in trajectories in detention."""
    return list(
        Actie.objects.filter(
            status__in=ACTIE_LOPEND,
            uiterlijk_datum__lt=vandaag,
            basisvoorwaarde__traject__in=trajecten_voor_bewaking(),
        ).values(
            "pk",
            "uiterlijk_datum",
            "medewerker_id",
            "organisatie_id",
            "organisatie__soort",
            "basisvoorwaarde__traject_id",
            "basisvoorwaarde__traject__casemanager_id",
            "basisvoorwaarde__traject__pi_id",
            "basisvoorwaarde__traject__reclassering_id",
            "basisvoorwaarde__traject__reclassering_team_id",
            "basisvoorwaarde__traject__reclasseringswerker_id",
        )
    )


def _voeg_in(acties: list[Any], vandaag: date) -> list[tuple[int, int, int, date]]:
    """One flag per action and due day; only flags that did not exist come back."""
    nieuw = voeg_in(
        [
            (a["basisvoorwaarde__traject_id"], a["pk"], str(SOORT), a["uiterlijk_datum"])
            for a in acties
        ],
        vandaag=vandaag,
        per_actie=True,
    )
    return [(i, t, a, u) for i, t, a, _s, u in nieuw if a is not None]


def _los_op(verlopen: list[Any], *, vandaag: date, nu: datetime) -> tuple[list[Signalering], int]:
    """Resolve the open flags of actions since done (te laat gehaald, on the day it was done)
    or dropped; let lapse those whose action no longer is overdue in detention (its due date
    changed, or the person was released). Returns the changed flags and the number still open."""
    nog_verlopen = {(a["pk"], a["uiterlijk_datum"]) for a in verlopen}
    open_ = list(
        Signalering.objects.filter(soort=SOORT, opgelost_datum__isnull=True).select_related("actie")
    )
    gewijzigd = []
    for sig in open_:
        actie = sig.actie
        assert actie is not None  # actiesignalering_noemt_actie
        if actie.status == ActieStatus.GEDAAN:
            sig.opgelost_datum, sig.opgelost_op = actie.afgerond_datum or vandaag, nu
        elif actie.status == ActieStatus.VERVALLEN:
            sig.opgelost_datum, sig.opgelost_op, sig.vervallen = (
                actie.afgerond_datum or vandaag,
                nu,
                True,
            )
        elif (actie.pk, sig.uiterlijk) not in nog_verlopen:
            sig.opgelost_datum, sig.opgelost_op, sig.vervallen = vandaag, nu, True
        else:
            continue
        gewijzigd.append(sig)
    Signalering.objects.bulk_update(gewijzigd, ["opgelost_datum", "opgelost_op", "vervallen"])
    return gewijzigd, len(open_) - len(gewijzigd)


def _notificeer(nieuw: list[tuple[int, int, int, date]], verlopen: list[Any]) -> None:
    """The action's person if one is named; else the holding organisation's people on the case:
    the PI's casemanager, the gemeente's nazorgcoördinatoren, the reclassering's
    reclasseringswerker of the case (else those of its team, else of the organisation). An
    inactive person's share goes to the PI's staffunctionarissen."""
    if not nieuw:
        return
    per_actie = {a["pk"]: a for a in verlopen}
    organisaties = {per_actie[a]["organisatie_id"] for _i, _t, a, _u in nieuw}
    per_org: dict[int, list[Any]] = defaultdict(list)
    for m in Medewerker.objects.filter(
        Q(rol=Rol.NAZORGCOORDINATOR) | Q(rol=Rol.RECLASSERINGSWERKER),
        organisatie_id__in=organisaties,
        is_active=True,
    ).values("pk", "organisatie_id", "team_id", "rol"):
        per_org[m["organisatie_id"]].append(m)
    paren: list[tuple[int, int | None, int | None]] = []
    for sig_id, _traject_id, actie_id, _u in nieuw:
        a = per_actie[actie_id]
        ontvangers: list[int] = []
        if a["medewerker_id"]:
            ontvangers = [a["medewerker_id"]]
        elif a["organisatie__soort"] == Soort.PI:
            ontvangers = [a["basisvoorwaarde__traject__casemanager_id"]]
        elif a["organisatie__soort"] == Soort.GEMEENTE:
            ontvangers = [
                m["pk"] for m in per_org[a["organisatie_id"]] if m["rol"] == Rol.NAZORGCOORDINATOR
            ]
        elif a["organisatie__soort"] == Soort.RECLASSERING:
            werkers = [
                m for m in per_org[a["organisatie_id"]] if m["rol"] == Rol.RECLASSERINGSWERKER
            ]
            eigen = a["organisatie_id"] == a["basisvoorwaarde__traject__reclassering_id"]
            team = a["basisvoorwaarde__traject__reclassering_team_id"]
            if eigen and a["basisvoorwaarde__traject__reclasseringswerker_id"]:
                ontvangers = [a["basisvoorwaarde__traject__reclasseringswerker_id"]]
            elif eigen and team and any(m["team_id"] == team for m in werkers):
                ontvangers = [m["pk"] for m in werkers if m["team_id"] == team]
            else:
                ontvangers = [m["pk"] for m in werkers]
        paren += [(sig_id, p, a["basisvoorwaarde__traject__pi_id"]) for p in set(ontvangers)]
    # An inactive person's flag goes to the PI's staffunctionarissen instead of nobody.
    Notificatie.objects.bulk_create(
        [Notificatie(signalering_id=s, ontvanger_id=p) for s, p in vervang_inactieven(paren)],
        ignore_conflicts=True,
    )


def scan_acties(*, vandaag: date, nu: datetime) -> tuple[list, list, int]:
    """Flag, resolve and notify; returns (new flags as (traject, soort, uiterlijk), resolved
    flags likewise, the number still open)."""
    verlopen = _verlopen(vandaag)
    nieuw = _voeg_in(verlopen, vandaag)
    opgelost, open_ = _los_op(verlopen, vandaag=vandaag, nu=nu)
    _notificeer(nieuw, verlopen)
    return (
        [(t, str(SOORT), u) for _i, t, _a, u in nieuw],
        [(s.traject_id, s.soort, s.uiterlijk) for s in opgelost],
        open_,
    )


def los_actie_op(*, actie_id: int, status: str, datum: date, nu: datetime) -> int:
    """Right when an action is done or dropped, its open flags resolve (instead of waiting
    for tomorrow's scan). One UPDATE."""
    return Signalering.objects.filter(
        soort=SOORT, actie_id=actie_id, opgelost_datum__isnull=True
    ).update(opgelost_datum=datum, opgelost_op=nu, vervallen=status == ActieStatus.VERVALLEN)
