"""Fills the working-day calendar table (`Kalenderdag`, issue 18) from `trajecten.deadlines` and
the decreed bridging days, so SQL counts working days exactly as the Python functions do."""

from collections.abc import Iterable
from datetime import date, timedelta

from django.db import connection, transaction

from .deadlines import is_werkdag

KALENDER_VAN = date(2000, 1, 1)
KALENDER_TOT = date(2060, 12, 31)


TABEL = "trajecten_kalenderdag"


def vul_kalender(brugdagen: Iterable[date] | None = None) -> int:
    """(Re)computes every day from KALENDER_VAN to KALENDER_TOT in one statement; idempotent.
    Returns the number of days. Called after every change of a bridging day; the migration that
    creates the table passes the bridging days it reads through its historical model."""
    if brugdagen is None:
        from .models import Brugdag

        brugdagen = Brugdag.objects.values_list("datum", flat=True)
    vrij = frozenset(brugdagen)
    datums, werkdagen, volgnummers = [], [], []
    teller = 0
    dag = KALENDER_VAN
    while dag <= KALENDER_TOT:
        werkdag = is_werkdag(dag, brugdagen=vrij)
        teller += werkdag
        datums.append(dag)
        werkdagen.append(werkdag)
        volgnummers.append(teller)
        dag += timedelta(days=1)
    tabel = TABEL
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {tabel} (datum, werkdag, volgnummer)
            SELECT * FROM unnest(%s::date[], %s::boolean[], %s::integer[])
            ON CONFLICT (datum) DO UPDATE
               SET werkdag = EXCLUDED.werkdag, volgnummer = EXCLUDED.volgnummer
             WHERE ({tabel}.werkdag, {tabel}.volgnummer)
                   IS DISTINCT FROM (EXCLUDED.werkdag, EXCLUDED.volgnummer)
            """,  # noqa: S608 - the table name is the model's own
            [datums, werkdagen, volgnummers],
        )
    return len(datums)


def zorg_voor_kalender(peildatum: date) -> None:
    """Fills the table when it lacks `peildatum` (an emptied table after a test database flush,
    or a database restored without it): one indexed lookup when all is well. The scan and the
    dashboard call this before they count working days in SQL."""
    from .models import Kalenderdag

    if not Kalenderdag.objects.filter(datum=peildatum).exists():
        vul_kalender()
