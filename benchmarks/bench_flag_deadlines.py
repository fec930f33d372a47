"""Benchmark of the deadline scan (issue 5): 12,000 active trajectories.

Times `signalering.services.scan` (first run: flags inserted; second run: nothing changes)
against a raw SQL count over the same rows, and prints both times and their ratio. Timings on a
shared machine are noisy: read the ratio, not the seconds. Run with `make bench`; it uses its own
database (reintegratie_bench), created afresh.

    python benchmarks/bench_flag_deadlines.py [--aantal 12000]
"""

import argparse
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reintegratie.settings.test")
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/reintegratie_bench"
)


def maak_database() -> None:
    import psycopg

    naam = os.environ["DATABASE_URL"].rsplit("/", 1)[1]
    basis = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(basis, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{naam}"')


def seed(aantal: int, vandaag: date) -> None:
    from django.db import transaction

    from ketenpartners.models import Organisatie
    from trajecten.keuzes import IN_DETENTIE, Kanaal
    from trajecten.models import Contactmoment, Gedetineerde, Traject

    rnd = random.Random(5)
    pis = list(Organisatie.objects.inrichtingen())
    gemeenten = list(Organisatie.objects.gemeenten())
    with transaction.atomic():
        personen = Gedetineerde.objects.bulk_create(
            [
                Gedetineerde(
                    voornamen=f"P{i}", achternaam=f"Bench {i}", geboortedatum=date(1980, 1, 1)
                )
                for i in range(aantal)
            ],
            batch_size=2000,
        )
        trajecten = Traject.objects.bulk_create(
            [
                Traject(
                    gedetineerde=p,
                    pi=rnd.choice(pis),
                    binnenkomst_datum=vandaag - timedelta(days=rnd.randint(1, 200)),
                    gemelde_gemeente=rnd.choice(gemeenten),
                    fase=rnd.choice(IN_DETENTIE),
                )
                for p in personen
            ],
            batch_size=2000,
        )
        Contactmoment.objects.bulk_create(
            [
                Contactmoment(
                    traject=t,
                    organisatie=t.gemelde_gemeente,
                    kanaal=Kanaal.TELEFOON,
                    datum=t.binnenkomst_datum + timedelta(days=rnd.randint(1, 20)),
                    samenvatting="bench",
                    geregistreerd_door_id=1,
                )
                for t in trajecten
                if rnd.random() < 0.6
            ],
            batch_size=2000,
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--aantal", type=int, default=12_000)
    args = parser.parse_args()
    maak_database()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from ketenpartners.models import Medewerker
    from signalering import services
    from trajecten.keuzes import IN_DETENTIE

    call_command("migrate", verbosity=0)
    call_command("load_referentiedata", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    Medewerker.objects.create(username="bench")  # author of the seeded contact moments
    vandaag = date(2026, 11, 27)
    t0 = time.perf_counter()
    seed(args.aantal, vandaag)
    with connection.cursor() as c:
        c.execute("ANALYZE")  # as autovacuum would after a bulk load
    print(f"seeded {args.aantal} active trajectories in {time.perf_counter() - t0:.1f} s")

    def raw_count() -> float:
        start = time.perf_counter()
        with connection.cursor() as c:
            c.execute(
                "SELECT count(*) FROM trajecten_traject WHERE fase = ANY(%s)",
                [[str(f) for f in IN_DETENTIE]],
            )
            assert c.fetchone()[0] == args.aantal
        return time.perf_counter() - start

    def scan() -> tuple[float, int, int]:
        reset_queries()
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            resultaat = services.scan(vandaag=vandaag)
            duur = time.perf_counter() - start
        return duur, len(resultaat.nieuw), len(ctx.captured_queries)

    raw_count()  # warm the cache for a fair comparison
    telling = min(raw_count() for _ in range(5))
    eerste, nieuw, queries = scan()
    tweede, nieuw2, queries2 = scan()
    print(f"raw SQL count over the same rows: {telling * 1000:.1f} ms")
    print(f"scan, first run:  {eerste * 1000:.0f} ms, {nieuw} flags inserted, {queries} queries")
    print(f"scan, second run: {tweede * 1000:.0f} ms, {nieuw2} flags inserted, {queries2} queries")
    print(f"ratio scan/raw count: first {eerste / telling:.0f}x, second {tweede / telling:.0f}x")
    print(f"per trajectory: {tweede / args.aantal * 1e6:.0f} µs")


if __name__ == "__main__":
    main()
