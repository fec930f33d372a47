"""The morning scan's part for the release preparations (issue 11): a trajectory whose benefit
application is not prepared N working days before the expected release is flagged to its
casemanager; the flag is resolved once the application is requested (or arranged, or marked not
needed) and lapses when the deadline no longer holds (a changed release date). Set-based: a
fixed number of queries whatever the number of trajectories; idempotent like the rest of the
scan (unique flag per trajectory, kind and deadline; INSERT … ON CONFLICT DO NOTHING)."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db import connection
from django.db.models import DateField
from django.db.models.expressions import RawSQL
from django.utils import timezone

from trajecten.access import trajecten_voor_bewaking
from trajecten.selectors import met_uitkeringsdatum

from .invoegen import voeg_in
from .models import Notificatie, Signalering, Signaleringssoort
from .plaatsvervangers import vervang_inactieven
from .werkdagen import plus_werkdagen_sql

SOORT = Signaleringssoort.UITKERING_AANVRAAG


@dataclass
class Uitkeringsscan:
    nieuw: list[tuple[int, str, date]] = field(default_factory=list)
    opgelost: list[tuple[int, str, date]] = field(default_factory=list)
    open: int = 0


def _los_op(
    kandidaten: list[tuple[int, date]], *, vandaag: date, nu: datetime
) -> list[tuple[int, date]]:
    """Resolve the open flags of trajectories in detention whose application is done (on the
    day it was requested, else arranged, else marked so), and let lapse those whose deadline no
    longer holds (not among today's `kandidaten`: the release date moved or is no longer known).
    One UPDATE driven by the open flags, whatever their number (issue 18); returns the changed
    flags as (traject, uiterlijk)."""
    open_ = Signalering.objects.filter(soort=SOORT, opgelost_datum__isnull=True)
    # `uitkering_aangevraagd_datum` is met_uitkeringsdatum's annotation: the stubs cannot follow
    rijen = (
        met_uitkeringsdatum(trajecten_voor_bewaking().filter(pk__in=open_.values("traject_id")))
        # Unsorted: a sorted subquery is not merged into the UPDATE's join, and with the flags'
        # statistics stale after a big scan it was re-sorted once per flag (4.2 s, issue 18).
        .order_by()
        .values("pk", "verwachte_uitstroom_datum", "uitkering_aangevraagd_datum")  # type: ignore[misc]
    )
    rijen_sql, params = rijen.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE signalering_signalering AS s
               SET opgelost_datum = COALESCE(r.dag, %s), opgelost_op = %s,
                   vervallen = r.dag IS NULL
              FROM (SELECT b.pk, CASE WHEN b.verwachte_uitstroom_datum IS NOT NULL
                                      THEN b.uitkering_aangevraagd_datum END AS dag
                      FROM ({rijen_sql}) AS b) AS r
             WHERE s.traject_id = r.pk AND s.soort = %s AND s.actie_id IS NULL
               AND s.opgelost_datum IS NULL
               AND (r.dag IS NOT NULL
                    OR (s.traject_id, s.uiterlijk) NOT IN (
                        SELECT * FROM unnest(%s::bigint[], %s::date[])))
            RETURNING s.traject_id, s.uiterlijk
            """,  # noqa: S608 - the door's and the ORM's own SQL; values are parameters
            [
                vandaag,
                nu,
                *params,
                str(SOORT),
                [t for t, _u in kandidaten],
                [u for _t, u in kandidaten],
            ],
        )
        return list(cursor.fetchall())


def _voeg_in(kandidaten: list[tuple[int, date]], vandaag: date) -> list[tuple[int, int, date]]:
    nieuw = voeg_in([(t, None, str(SOORT), u) for t, u in kandidaten], vandaag=vandaag)
    return [(i, t, u) for i, t, _a, _s, u in nieuw]


def _kandidaten(vandaag: date) -> list[tuple[int, date]]:
    """The missed benefit-application deadlines, computed in SQL on the calendar table (issue
    18) with the rules of `trajecten.deadlines.uitkering_termijn`: N working days before the
    expected release but never before arrival; met by the application; lapsed when the person
    was released before it; missed once the clock (stopped at release) passed it. One query."""
    tabel = '"trajecten_traject"'
    dag = plus_werkdagen_sql(
        f"{tabel}.verwachte_uitstroom_datum", -settings.UITKERING_AANVRAAG_WERKDAGEN_VOORAF
    )
    # our own SQL from constants and settings, no values
    uiterlijk = RawSQL(  # noqa: S611
        f"GREATEST({dag}, {tabel}.binnenkomst_datum)",
        [],
        output_field=DateField(),
    )
    rijen = (
        met_uitkeringsdatum(trajecten_voor_bewaking())
        .filter(verwachte_uitstroom_datum__isnull=False)
        .annotate(uitkering_uiterlijk=uiterlijk)
        .order_by()
        .values("pk", "uitkering_uiterlijk", "uitstroom_datum", "uitkering_aangevraagd_datum")
    )
    rijen_sql, params = rijen.query.sql_with_params()
    # The deadline once per row: filtered outside a subquery that PostgreSQL may not flatten
    # (OFFSET 0), where the ORM's filters repeated its calendar lookup three times per case in
    # detention (issue 18: 71 against 25 ms at national volume).
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT b.pk, b.uitkering_uiterlijk FROM ({rijen_sql} OFFSET 0) AS b
             WHERE b.uitkering_aangevraagd_datum IS NULL
               -- PostgreSQL's LEAST skips NULL: without a release the clock shows today
               AND b.uitkering_uiterlijk < LEAST(%s, b.uitstroom_datum)
               AND (b.uitstroom_datum IS NULL OR b.uitstroom_datum >= b.uitkering_uiterlijk)
            """,  # noqa: S608 - the ORM's own SQL; values are parameters
            [*params, vandaag],
        )
        return [(pk, u) for pk, u in cursor.fetchall()]


def scan_uitkeringsaanvragen(*, vandaag: date) -> Uitkeringsscan:
    """Called by `signalering.services.scan` inside its transaction and advisory lock, after
    `trajecten.kalender.zorg_voor_kalender`."""
    kandidaten = _kandidaten(vandaag)
    nieuw = _voeg_in(kandidaten, vandaag)
    resultaat = Uitkeringsscan(nieuw=[(t, str(SOORT), u) for _i, t, u in nieuw])

    opgelost = _los_op(kandidaten, vandaag=vandaag, nu=timezone.now())
    resultaat.opgelost = [(t, str(SOORT), u) for t, u in opgelost]
    resultaat.open = Signalering.objects.filter(
        soort=SOORT, opgelost_datum__isnull=True, traject__in=trajecten_voor_bewaking()
    ).count()
    per_traject = {
        pk: (cm, pi)
        for pk, cm, pi in trajecten_voor_bewaking()
        .filter(pk__in=[t for _i, t, _u in nieuw])
        .values_list("pk", "casemanager_id", "pi_id")
    }

    # To the casemanager; an inactive one's flag goes to the PI's staffunctionarissen.
    paren = [(sig_id, *per_traject[t]) for sig_id, t, _u in nieuw]
    Notificatie.objects.bulk_create(
        [Notificatie(signalering_id=s, ontvanger_id=p) for s, p in vervang_inactieven(paren)],
        ignore_conflicts=True,
    )
    return resultaat
