"""The one way the morning scan inserts flags (issue 18): `INSERT … SELECT … ON CONFLICT DO
NOTHING RETURNING`, so only flags that did not exist come back, a rerun or a concurrent run adds
nothing twice, and every insert tells the subscribers (`signalen.meld_nieuw`) inside its
transaction. Used by every part of the scan (deadlines, actions, benefit applications,
handovers); before, each part had its own copy."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import connection

from .signalen import meld_nieuw

# The partial unique constraints of Signalering: one flag per trajectory, kind and deadline for
# deadlines; one per action and due day for actions.
_PER_TRAJECT = "(traject_id, soort, uiterlijk) WHERE actie_id IS NULL"
_PER_ACTIE = "(actie_id, uiterlijk) WHERE actie_id IS NOT NULL"
# The same constraints as a condition on a candidate k: the flags that exist are left out by an
# anti-join before the INSERT (issue 18: at national volume every morning offers the 44,000
# flags that stand, and ON CONFLICT tried each one in the index: 76 against 15 ms). ON CONFLICT
# stays for what a concurrent scan inserts in between.
_BESTAAT_PER_TRAJECT = (
    "x.actie_id IS NULL AND x.traject_id = k.t AND x.soort = k.s AND x.uiterlijk = k.u"
)
_BESTAAT_PER_ACTIE = "x.actie_id IS NOT NULL AND x.actie_id = k.a AND x.uiterlijk = k.u"


def voeg_in_uit(
    select_sql: str, params: Sequence[Any], *, vandaag: date, per_actie: bool = False
) -> list[tuple[int, int, int | None, str, date]]:
    """Insert the flags that `select_sql` gives as rows (traject_id, actie_id, soort,
    uiterlijk); returns the new ones as (id, traject_id, actie_id, soort, uiterlijk)."""
    doel = _PER_ACTIE if per_actie else _PER_TRAJECT
    bestaat = _BESTAAT_PER_ACTIE if per_actie else _BESTAAT_PER_TRAJECT
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO signalering_signalering
                (traject_id, actie_id, soort, uiterlijk, gesignaleerd_datum, aangemaakt_op,
                 vervallen)
            SELECT k.t, k.a, k.s, k.u, %s::date, now(), FALSE
            FROM ({select_sql}) AS k(t, a, s, u)
            WHERE NOT EXISTS (SELECT 1 FROM signalering_signalering x WHERE {bestaat})
            ON CONFLICT {doel} DO NOTHING
            RETURNING id, traject_id, actie_id, soort, uiterlijk
            """,  # noqa: S608 - select_sql is the caller's own SQL, values are parameters
            [vandaag, *params],
        )
        rijen = cursor.fetchall()
    meld_nieuw([r[0] for r in rijen])
    return rijen


def voeg_in(
    kandidaten: Sequence[tuple[int, int | None, str, date]],
    *,
    vandaag: date,
    per_actie: bool = False,
) -> list[tuple[int, int, int | None, str, date]]:
    """Insert flags given in Python as (traject_id, actie_id, soort, uiterlijk)."""
    if not kandidaten:
        return []
    trajecten, acties, soorten, data = (list(k) for k in zip(*kandidaten, strict=True))
    return voeg_in_uit(
        "SELECT * FROM unnest(%s::bigint[], %s::bigint[], %s::text[], %s::date[])",
        [trajecten, acties, soorten, data],
        vandaag=vandaag,
        per_actie=per_actie,
    )
