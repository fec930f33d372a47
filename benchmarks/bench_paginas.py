"""`make bench` (issue 18): the main pages at national volume, against a bare view.

For each volume (10 % and 100 % of the national dataset, `benchmarks/dataset.py`) it creates a
database of its own (reintegratie_bench_<pct>, afresh), migrates, loads the reference data and the
demo accounts, builds the dataset set-based in SQL and ANALYZEs. Then it times every main page
through the Django test client (the whole middleware stack) in ~15 interleaved rounds with a
bare view (same middleware, one trivial query, a one-line template) and prints per page its
median, the bare view's median, the ratio, and the query count; at the end a table over both
volumes with the growth from 10 % to 100 %. For the morning scan (`signalering.services.scan`)
it prints its time against the floor query (one statement reading, per active trajectory, the
latest date of each event the scan needs), and again with the history doubled. The load average
is printed: timings on a shared machine are noisy, read the ratios.

    python benchmarks/bench_paginas.py                 # 10 % and 100 %
    python benchmarks/bench_paginas.py --schaal 10     # one volume
    python benchmarks/bench_paginas.py --snel          # quick check: 1 % and 5 %, 5 rounds
"""

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reintegratie.settings.test")
BASIS_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/reintegratie_bench"
)
os.environ["DATABASE_URL"] = BASIS_URL
VANDAAG = date(2026, 11, 27)


SJABLOON = "reintegratie_bench_sjabloon"


def maak_database(naam: str, *, sjabloon: str = "template1") -> None:
    import psycopg
    from django.db import connections

    connections["default"].close()
    basis = BASIS_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(basis, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{naam}" TEMPLATE "{sjabloon}"')


def maak_sjabloon(*, hergebruik: bool) -> None:
    """Migrated, reference data and demo accounts, once: every volume starts from a copy."""
    import psycopg
    from django.core.management import call_command

    if hergebruik:
        basis = BASIS_URL.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(basis, autocommit=True) as conn:
            if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [SJABLOON]).fetchone():
                return

    start = time.perf_counter()
    maak_database(SJABLOON)
    gebruik_database(SJABLOON)
    stil = open(os.devnull, "w")  # noqa: SIM115
    call_command("migrate", verbosity=0)
    call_command("load_referentiedata", verbosity=0, stdout=stil)
    call_command("seed_demo", "--force", "--zonder-trajecten", stdout=stil)
    print(f"sjabloon gemigreerd, referentiedata en accounts in {time.perf_counter() - start:.0f} s")


def gebruik_database(naam: str) -> None:
    from django.db import connections

    connections["default"].close()
    connections["default"].settings_dict["NAME"] = naam


def kale_view(request):
    from django.db import connection
    from django.http import HttpResponse
    from django.template import engines

    with connection.cursor() as c:
        c.execute("SELECT 1")
        c.fetchone()
    sjabloon = engines["django"].from_string("<p>{{ tekst }}</p>")
    # Without the request: no context processors (a page's navigation counts are the page's).
    return HttpResponse(sjabloon.render({"tekst": "kaal"}))


urlpatterns: list = []  # filled in main(): the project's URLs plus the bare view


def _bestaat(naam: str) -> bool:
    import psycopg

    basis = BASIS_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(basis, autocommit=True) as conn:
        return bool(conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [naam]).fetchone())


def bestaande(naam: str) -> dict:
    """A database of an earlier run: a fresh key and the same cases; migrations of the code
    under test applied (a new index)."""
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    with connection.cursor() as c:  # an interrupted run may have left dead rows behind
        c.execute("VACUUM ANALYZE")
    print(f"  database {naam} van een vorige run", flush=True)
    return _info()


def bereid_voor(schaal: float) -> dict:
    """Migrate, reference data, demo accounts, the dataset; returns what the pages need."""
    import dataset
    from django.db import connection

    from trajecten.kalender import zorg_voor_kalender

    start = time.perf_counter()
    zorg_voor_kalender(VANDAAG)
    tellingen = dataset.bouw(schaal=schaal, vandaag=VANDAAG)
    with connection.cursor() as c:
        c.execute("VACUUM ANALYZE")
    print(f"  dataset klaar in {time.perf_counter() - start:.0f} s", flush=True)
    for naam, aantal in tellingen.items():
        print(f"    {naam:>24}: {aantal:>10,}")
    return _info()


def _info() -> dict:
    from api.services import geef_token_uit
    from ketenpartners.models import Medewerker, Organisatie
    from trajecten import access
    from trajecten.models import Traject

    rotterdam = Organisatie.objects.get(code="GM0599")
    _token, sleutel = geef_token_uit(acting_user=None, organisatie=rotterdam, naam="Bench")
    cm1 = Medewerker.objects.get(username="casemanager1")
    nazorg = Medewerker.objects.get(username="nazorg2")  # Rotterdam
    # An active case of each, else their newest (a tiny --snel volume may have none active).
    eigen = Traject.objects.filter(casemanager=cm1).order_by("-uitstroom_datum", "-pk").first()
    rdam = Traject.objects.van_gemeente(pk=rotterdam.pk).order_by("-uitstroom_datum", "-pk")
    rdam = rdam.filter(pk__in=access.trajecten_voor(nazorg)).first()
    assert eigen is not None and rdam is not None
    return {"sleutel": sleutel, "eigen": eigen.pk, "rotterdam": rdam.pk}


def paginas(info: dict) -> dict[str, tuple[str, str, dict]]:
    from dashboard import tabellen

    csv = next(iter(tabellen.MAKERS))
    api = {"HTTP_AUTHORIZATION": f"Bearer {info['sleutel']}"}
    return {
        "kale view": ("casemanager1", "/bench/kaal/", {}),
        "caseload (casemanager1)": ("casemanager1", "/caseload/", {}),
        "detail, eigen PI": ("casemanager1", f"/trajecten/{info['eigen']}/", {}),
        "detail, nazorg Rotterdam": ("nazorg2", f"/trajecten/{info['rotterdam']}/", {}),
        "inbox Rotterdam": ("nazorg2", "/inbox/", {}),
        "reclassering, eigen": ("reclassering1", "/clienten/", {}),
        "reclassering, alle": ("reclassering1", "/clienten/?alle=1", {}),
        "dashboard": ("staf1", "/dashboard/", {}),
        "dashboard, cache warm": ("staf1", "/dashboard/", {}),
        "dashboard-CSV": ("staf1", f"/dashboard/{csv}.csv", {}),
        "dashboard-CSV, cache warm": ("staf1", f"/dashboard/{csv}.csv", {}),
        "API trajecten (Rotterdam)": ("", "/api/v1/trajecten/", api),
        "meldingen": ("casemanager1", "/meldingen/", {}),
        "Mijn acties (casemanager1)": ("casemanager1", "/acties/", {}),
    }


def meet_paginas(info: dict, rondes: int) -> dict[str, tuple[float, int, int]]:
    """name -> (median seconds, query count, size of the answer in bytes). The size says
    whether a page shows more at a larger volume (a caseload of more cases, a dashboard of
    more casemanagers): issue 18's growth bar is for pages whose shown data does not grow."""
    from django.conf import settings
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from ketenpartners.models import Medewerker

    clients: dict[str, Client] = {}
    for username in ("casemanager1", "nazorg2", "reclassering1", "staf1", ""):
        client = Client()
        if username:
            client.force_login(Medewerker.objects.get(username=username))
        clients[username] = client
    lijst = paginas(info)
    tellingen: dict[str, int] = {}
    groottes: dict[str, int] = {}
    caches["gedeeld"].clear()  # the warm dashboard of this volume, not figures of the last one
    was = settings.DASHBOARD_CACHE_SECONDEN

    def cache_voor(naam: str) -> None:
        # The dashboard's figures are cached per region, period and day in production
        # (DASHBOARD_CACHE_SECONDEN, ADR 0027): measured cold (computed every time) and warm.
        settings.DASHBOARD_CACHE_SECONDEN = 600 if naam.endswith("cache warm") else 0

    # The "Mijn acties" count of the navigation is cached as in production (the test settings
    # turn it off so that tests comparing the queries of two pages see the same ones).
    settings.NAVIGATIE_CACHE_SECONDEN = 60
    for naam, (wie, url, extra) in lijst.items():  # warm up, check, count queries
        cache_voor(naam)
        clients[wie].get(url, **extra)
        with CaptureQueriesContext(connection) as ctx:
            antwoord = clients[wie].get(url, **extra)
        assert antwoord.status_code == 200, (naam, url, antwoord.status_code)
        tellingen[naam] = len(ctx.captured_queries)
        groottes[naam] = len(antwoord.content)
    tijden: dict[str, list[float]] = {naam: [] for naam in lijst}
    for _ronde in range(rondes):
        for naam, (wie, url, extra) in lijst.items():
            cache_voor(naam)
            start = time.perf_counter()
            clients[wie].get(url, **extra)
            tijden[naam].append(time.perf_counter() - start)
    settings.DASHBOARD_CACHE_SECONDEN = was
    return {
        naam: (statistics.median(t), tellingen[naam], groottes[naam]) for naam, t in tijden.items()
    }


def vloer() -> float:
    """The floor of the scan: per active trajectory, the latest date of each event it needs:
    the meetings, contact, screening, informatieblad and plan of the issue's floor, and since
    the scan also flags them (issues 11 and 13) the open actions' earliest due date and the
    benefit application's preparation."""
    from django.db import connection

    from trajecten.keuzes import IN_DETENTIE

    sql = """
    SELECT t.id, t.binnenkomst_datum, t.verwachte_uitstroom_datum, t.gezien_door_gemeente_op,
        g.startoverleg, g.mdo, g.periodiek, g.uitstroomoverleg, c.contact, b.screening,
        i.gedeeld, p.vastgesteld, p.frequentie, a.actie, v.uitkering
    FROM trajecten_traject t
    LEFT JOIN LATERAL (SELECT min(a.uiterlijk_datum) AS actie FROM trajecten_actie a
        JOIN trajecten_basisvoorwaarde ab ON ab.id = a.basisvoorwaarde_id
        WHERE ab.traject_id = t.id AND a.status IN ('open', 'bezig')) a ON true
    LEFT JOIN LATERAL (SELECT max(v.aangevraagd_datum) AS uitkering
        FROM trajecten_voorbereiding v
        JOIN trajecten_basisvoorwaarde vb ON vb.id = v.basisvoorwaarde_id
        WHERE vb.traject_id = t.id) v ON true
    LEFT JOIN LATERAL (
        SELECT max(gehouden_datum) FILTER (WHERE soort = 'startoverleg') AS startoverleg,
               max(gehouden_datum) FILTER (WHERE soort = 'mdo') AS mdo,
               max(gehouden_datum) FILTER (WHERE soort = 'periodiek') AS periodiek,
               max(gehouden_datum) FILTER (WHERE soort = 'uitstroomoverleg') AS uitstroomoverleg
        FROM trajecten_trajectgesprek WHERE traject_id = t.id) g ON true
    LEFT JOIN LATERAL (SELECT min(datum) AS contact FROM trajecten_contactmoment
        WHERE traject_id = t.id) c ON true
    LEFT JOIN LATERAL (SELECT max(gewijzigd_op) AS screening FROM trajecten_basisvoorwaarde
        WHERE traject_id = t.id) b ON true
    LEFT JOIN LATERAL (SELECT min(gedeeld_op) AS gedeeld FROM trajecten_informatiebladgedeeld
        WHERE traject_id = t.id) i ON true
    LEFT JOIN LATERAL (SELECT max(v.vastgesteld_datum) AS vastgesteld,
            max(d.gespreksfrequentie_weken) AS frequentie
        FROM trajecten_drplan d LEFT JOIN trajecten_drplanversie v ON v.plan_id = d.id
        WHERE d.traject_id = t.id) p ON true
    WHERE t.fase = ANY(%s)
    """
    start = time.perf_counter()
    with connection.cursor() as c:
        c.execute(sql, [[str(f) for f in IN_DETENTIE]])
        c.fetchall()
    return time.perf_counter() - start


def meet_scan(rondes: int) -> dict[str, float]:
    from signalering import services

    start = time.perf_counter()
    eerste = services.scan(vandaag=VANDAAG)
    eerste_duur = time.perf_counter() - start
    herhaald = []
    for _ in range(rondes):
        start = time.perf_counter()
        services.scan(vandaag=VANDAAG)
        herhaald.append(time.perf_counter() - start)
    vloer()
    return {
        "scan, eerste run": eerste_duur,
        "nieuwe signaleringen": len(eerste.nieuw),
        "scan, herhaald": statistics.median(herhaald),
        "vloer": statistics.median(vloer() for _ in range(rondes)),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--schaal", action="append", type=int, help="percentage; herhaalbaar")
    parser.add_argument("--snel", action="store_true", help="1 %% en 5 %%, 5 rondes")
    parser.add_argument("--rondes", type=int, default=15)
    parser.add_argument("--zonder-verdubbeling", action="store_true")
    parser.add_argument("--zonder-scan", action="store_true", help="alleen de pagina's")
    parser.add_argument("--scanrondes", type=int, default=3)
    parser.add_argument(
        "--hergebruik-data",
        action="store_true",
        help="meet opnieuw op de databases van een vorige run (na een codewijziging)",
    )
    parser.add_argument(
        "--hergebruik-sjabloon",
        action="store_true",
        help="de gemigreerde sjabloondatabase van een vorige run",
    )
    args = parser.parse_args()
    schalen = args.schaal or ([1, 5] if args.snel else [10, 100])
    rondes = 5 if args.snel else args.rondes

    import django
    from django.conf import settings

    django.setup()
    from django.urls import include, path

    urlpatterns.extend([path("bench/kaal/", kale_view), path("", include(settings.ROOT_URLCONF))])
    settings.ROOT_URLCONF = __name__
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE]  # same stack

    begin = time.perf_counter()
    uitslag: dict[int, dict[str, tuple[float, int, int]]] = {}
    scans: dict[int, dict[str, float]] = {}
    maak_sjabloon(hergebruik=args.hergebruik_sjabloon)
    for pct in schalen:
        naam = f"reintegratie_bench_{pct}"
        print(f"\n== {pct} %: database {naam}", flush=True)
        if args.hergebruik_data and _bestaat(naam):
            gebruik_database(naam)
            info = bestaande(naam)
        else:
            maak_database(naam, sjabloon=SJABLOON)
            gebruik_database(naam)
            info = bereid_voor(pct / 100)
        uitslag[pct] = meet_paginas(info, rondes)
        _druk_paginas(pct, uitslag[pct])
        if not args.zonder_scan:
            scans[pct] = meet_scan(args.scanrondes)
            _druk_scan(scans[pct])
    grootste = max(schalen)
    if not (args.zonder_verdubbeling or args.zonder_scan):
        import dataset

        print(f"\n== {grootste} %: geschiedenis verdubbeld", flush=True)
        verschuiving = dataset.verdubbel_geschiedenis()
        dubbel = meet_scan(args.scanrondes)
        dataset.herstel_geschiedenis(verschuiving)
        _druk_scan(dubbel)
        enkel = scans[grootste]["scan, herhaald"]
        print(
            f"  scan herhaald: {enkel * 1000:.0f} ms -> {dubbel['scan, herhaald'] * 1000:.0f} ms "
            f"({(dubbel['scan, herhaald'] / enkel - 1) * 100:+.0f} %; minder dan 20 %: "
            f"{'ja' if abs(dubbel['scan, herhaald'] / enkel - 1) < 0.2 else 'nee'})"
        )
    _druk_samenvatting(uitslag)
    print(
        f"\nload average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; cores: {os.cpu_count()}"
    )
    print(f"totale duur: {(time.perf_counter() - begin) / 60:.1f} min")


def _druk_paginas(pct: int, metingen: dict[str, tuple[float, int, int]]) -> None:
    kaal = metingen["kale view"][0]
    print(f"\n  {'pagina':<28} {'mediaan':>9} {'kaal':>8} {'ratio':>7} {'queries':>8} {'KB':>6}")
    for naam, (mediaan, queries, grootte) in metingen.items():
        print(
            f"  {naam:<28} {mediaan * 1000:>7.1f}ms {kaal * 1000:>6.1f}ms "
            f"{mediaan / kaal:>6.1f}x {queries:>8} {grootte / 1000:>6.1f}"
        )
    print(f"  load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)


def _druk_scan(scan: dict[str, float]) -> None:
    print(
        f"  scan: eerste run {scan['scan, eerste run'] * 1000:.0f} ms "
        f"({scan['nieuwe signaleringen']:.0f} nieuw), "
        f"herhaald {scan['scan, herhaald'] * 1000:.0f} ms, "
        f"vloer {scan['vloer'] * 1000:.0f} ms, ratio {scan['scan, herhaald'] / scan['vloer']:.1f}x"
        f" (≤3x: {'ja' if scan['scan, herhaald'] <= 3 * scan['vloer'] else 'nee'})",
        flush=True,
    )


# A page "shows more" at the larger volume when its answer is this much larger.
MEER_GETOOND = 1.15


def _druk_samenvatting(uitslag: dict[int, dict[str, tuple[float, int, int]]]) -> None:
    """Per page the ratio and queries at each volume, the growth of the ratio and of the
    answer's size, and issue 18's bars: at most 5x the bare view at the largest volume, a
    growth of at most 1.5x where the page shows no more, equal query counts. Growth is of the
    ratio: the bare view is measured in the same interleaved loop at each volume, so a machine
    that is busier during one volume's minutes than the other's does not count as growth (the
    time's own growth is printed beside it)."""
    schalen = sorted(uitslag)
    if len(schalen) < 2:
        return  # growth needs two volumes
    print("\n== Samenvatting (ratio tegen de kale view; queries)")
    kop = "".join(f"{f'{p} %':>16}" for p in schalen)
    print(f"  {'pagina':<28}{kop}{'groei':>8}{'(tijd)':>8}{'KB-groei':>10}  ≤5x  groei  queries")
    for naam in uitslag[schalen[0]]:
        if naam == "kale view":
            continue
        cellen = ""
        for p in schalen:
            mediaan, queries, _grootte = uitslag[p][naam]
            ratio = mediaan / uitslag[p]["kale view"][0]
            cellen += f"{ratio:>9.1f}x {queries:>5}q"
        klein, groot = uitslag[schalen[0]][naam], uitslag[schalen[-1]][naam]
        ratio_klein = klein[0] / uitslag[schalen[0]]["kale view"][0]
        ratio = groot[0] / uitslag[schalen[-1]]["kale view"][0]
        groei = ratio / ratio_klein
        meer = groot[2] / klein[2]
        print(
            f"  {naam:<28}{cellen}{groei:>7.2f}x{groot[0] / klein[0]:>7.2f}x{meer:>9.2f}x"
            f"  {'ja ' if ratio <= 5 else 'nee'}"
            f"  {('n.v.t.' if meer > MEER_GETOOND else 'ja' if groei <= 1.5 else 'nee'):<6}"
            f" {'gelijk' if klein[1] == groot[1] else 'ANDERS'}"
        )
    print(f"  (groei n.v.t.: de pagina toont bij {schalen[-1]} % meer, KB-groei > {MEER_GETOOND}x)")


if __name__ == "__main__":
    main()
