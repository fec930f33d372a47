"""Overdue actions ('wie doet wat') in the morning scan: one flag per action and due day, to the
action's person, else to the people of the holding organisation who carry the case. Set-based:
a fixed number of queries whatever the number of actions. Called from `services.scan` inside
its transaction and advisory lock."""

from collections import defaultdict
from datetime import date, datetime
from typing import Any

from django.db import connection
from django.db.models import Q

from ketenpartners.models import Medewerker
from ketenpartners.rollen import Rol, Soort
from trajecten.access import in_bewaking, trajecten_voor_bewaking
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
            # The scan's door as a condition of the join, not an IN over every case in
            # detention: PostgreSQL starts from the overdue actions (issue 18: for the IN it
            # read all 312,060 cases at national volume, 79 against 24 ms).
            in_bewaking("basisvoorwaarde__traject"),
            status__in=ACTIE_LOPEND,
            uiterlijk_datum__lt=vandaag,
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


def _los_op(*, vandaag: date, nu: datetime) -> tuple[list[tuple[int, str, date]], int]:
    """Resolve the open flags of actions since done (te laat gehaald, on the day it was done)
    or dropped; let lapse those whose action no longer is overdue in detention (its due date
    changed or was cleared, or the person was released). One UPDATE over the open flags,
    whatever their
    number; returns the changed flags as (traject, soort, uiterlijk) and the number still open."""
    bewaking, params = trajecten_voor_bewaking().order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE signalering_signalering AS s
               SET opgelost_datum = CASE WHEN a.status IN (%s, %s)
                                         THEN COALESCE(a.afgerond_datum, %s) ELSE %s END,
                   opgelost_op = %s,
                   vervallen = a.status <> %s
              FROM trajecten_actie a JOIN trajecten_basisvoorwaarde b ON b.id = a.basisvoorwaarde_id
             WHERE s.actie_id = a.id AND s.soort = %s AND s.opgelost_datum IS NULL
               AND NOT COALESCE(a.status = ANY(%s) AND a.uiterlijk_datum < %s
                                AND a.uiterlijk_datum = s.uiterlijk
                                AND b.traject_id IN ({bewaking}), FALSE)
            RETURNING s.traject_id, s.soort, s.uiterlijk
            """,  # noqa: S608 - the door's own SQL; values are parameters
            [
                str(ActieStatus.GEDAAN),
                str(ActieStatus.VERVALLEN),
                vandaag,
                vandaag,
                nu,
                str(ActieStatus.GEDAAN),
                str(SOORT),
                [str(x) for x in ACTIE_LOPEND],
                vandaag,
                *params,
            ],
        )
        gewijzigd = [(t, soort, u) for t, soort, u in cursor.fetchall()]
    open_ = Signalering.objects.filter(soort=SOORT, opgelost_datum__isnull=True).count()
    return gewijzigd, open_


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
    opgelost, open_ = _los_op(vandaag=vandaag, nu=nu)
    _notificeer(nieuw, verlopen)
    return [(t, str(SOORT), u) for _i, t, _a, u in nieuw], opgelost, open_


def los_actie_op(*, actie_id: int, status: str, datum: date, nu: datetime) -> int:
    """Right when an action is done or dropped, its open flags resolve (instead of waiting
    for tomorrow's scan). One UPDATE."""
    return Signalering.objects.filter(
        soort=SOORT, actie_id=actie_id, opgelost_datum__isnull=True
    ).update(opgelost_datum=datum, opgelost_op=nu, vervallen=status == ActieStatus.VERVALLEN)
