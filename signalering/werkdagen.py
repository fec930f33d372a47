"""Working days in SQL for the set-based scan (issue 18): expressions over the calendar table
`trajecten_kalenderdag` (`trajecten.models.kalender`), the SQL twins of
`trajecten.deadlines.plus_werkdagen` and `volgende_werkdag`. Each is one indexed lookup per row,
so a statement over the active trajectories counts working days without walking days in
Python. The caller runs `trajecten.kalender.zorg_voor_kalender(vandaag)` first.

A date outside the table (before 2000, after 2060) gives NULL, hence no flag."""

import re

from django.conf import settings

KALENDER = "trajecten_kalenderdag"


def _werkdag_met_volgnummer(datum_sql: str, volgnummer_sql: str) -> str:
    # our own fragments, no value from outside
    return (
        f"(SELECT k2.datum FROM {KALENDER} k1 JOIN {KALENDER} k2"  # noqa: S608
        f" ON k2.volgnummer = {volgnummer_sql} AND k2.werkdag"
        f" WHERE k1.datum = ({datum_sql}))"
    )


def plus_werkdagen_sql(datum_sql: str, aantal: int) -> str:
    """`deadlines.plus_werkdagen(datum, aantal)`: the aantal-th working day after (aantal > 0)
    or before (aantal < 0) the date; 0 gives the date itself."""
    aantal = int(aantal)  # a number from settings, never text from outside
    if aantal == 0:
        return f"({datum_sql})::date"
    if aantal > 0:
        return _werkdag_met_volgnummer(datum_sql, f"k1.volgnummer + {aantal}")
    return _werkdag_met_volgnummer(datum_sql, f"k1.volgnummer - k1.werkdag::int + {aantal + 1}")


def volgende_werkdag_sql(datum_sql: str) -> str:
    """`deadlines.volgende_werkdag(datum)`: the date if a working day, else the next one."""
    return _werkdag_met_volgnummer(datum_sql, "k1.volgnummer - k1.werkdag::int + 1")


def lokale_datum_sql(tijdstip_sql: str) -> str:
    """`timezone.localdate(tijdstip)` in SQL, in the project's time zone (settings.TIME_ZONE,
    checked to be a plain zone name before it is written into the statement)."""
    zone = settings.TIME_ZONE
    if not re.fullmatch(r"[A-Za-z0-9_+\-/]+", zone):
        raise ValueError(f"TIME_ZONE {zone!r}")
    return f"(({tijdstip_sql}) AT TIME ZONE '{zone}')::date"
