"""The working-day calendar table counts exactly as trajecten.deadlines does (issue 18): the SQL
scan and dashboard rely on the identities in trajecten/models/kalender.py."""

import random
from datetime import date, timedelta

import pytest
from django.db import connection

from trajecten import deadlines
from trajecten.kalender import zorg_voor_kalender
from trajecten.models import Brugdag, Kalenderdag

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _kalender():
    # A transactional test before this one may have emptied the table (flush).
    zorg_voor_kalender(date(2026, 1, 1))


def _v(d: date) -> tuple[int, int]:
    dag = Kalenderdag.objects.get(datum=d)
    return dag.volgnummer, int(dag.werkdag)


def _werkdag_met_volgnummer(n: int) -> date:
    return Kalenderdag.objects.get(werkdag=True, volgnummer=n).datum


def test_the_table_matches_the_python_working_day_functions():
    vrij = frozenset(Brugdag.objects.values_list("datum", flat=True))
    kans = random.Random(18)
    for _ in range(60):
        d = date(2025, 1, 1) + timedelta(days=kans.randrange(0, 3 * 365))
        n = kans.randrange(1, 40)
        v, w = _v(d)
        assert _werkdag_met_volgnummer(v + n) == deadlines.plus_werkdagen(d, n, brugdagen=vrij)
        assert _werkdag_met_volgnummer(v - w - n + 1) == deadlines.plus_werkdagen(
            d, -n, brugdagen=vrij
        )
        assert _werkdag_met_volgnummer(v - w + 1) == deadlines.volgende_werkdag(d, brugdagen=vrij)
        tot = d + timedelta(days=kans.randrange(0, 90))
        assert _v(tot)[0] - v == deadlines.werkdagen_tussen(d, tot, brugdagen=vrij)


def test_the_domain_example_ten_working_days_after_arrival():
    # DOMAIN.md: arrival Monday 20 April 2026 + 10 working days is Wednesday 6 May 2026.
    v, _w = _v(date(2026, 4, 20))
    assert _werkdag_met_volgnummer(v + 10) == date(2026, 5, 6)


def test_a_new_bridging_day_shifts_the_count_after_it(django_capture_on_commit_callbacks):
    dag = date(2027, 10, 8)  # a Friday
    voor = _v(date(2027, 10, 11))[0]
    with django_capture_on_commit_callbacks(execute=True):
        Brugdag.objects.create(datum=dag, omschrijving="Brugdag bij besluit")
    assert Kalenderdag.objects.get(datum=dag).werkdag is False
    assert _v(date(2027, 10, 11))[0] == voor - 1
    with django_capture_on_commit_callbacks(execute=True):
        Brugdag.objects.filter(datum=dag).delete()
    assert _v(date(2027, 10, 11))[0] == voor


def test_sql_counts_working_days_in_one_statement():
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT t.volgnummer - f.volgnummer FROM trajecten_kalenderdag f,
               trajecten_kalenderdag t WHERE f.datum = %s AND t.datum = %s""",
            [date(2026, 12, 24), date(2027, 1, 4)],
        )
        # 25, 26 Dec and 1 Jan are Atw days; weekends out: 28, 29, 30, 31 Dec and 4 Jan count.
        assert cursor.fetchone()[0] == 5
