"""Issue 18 item 4: the dashboard's deadline and response figures come from SQL on the calendar
table. They must equal the Python computation they replace (`dashboard.cijfers.termijntrend`
and `gemeenterespons`, kept as the reference) on a varied set of trajectories, for every day
from before the first deadline to long after the last; the regional figures are cached per
region, PI filter, period and day; each CSV computes only its own table; query counts do not
grow with the data."""

from datetime import date, datetime, time, timedelta
from uuid import uuid4

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dashboard import cijfers, selectors
from dashboard.periode import Periode
from ketenpartners.models import Organisatie
from trajecten.deadlines import Termijnstatus
from trajecten.kalender import vul_kalender, zorg_voor_kalender
from trajecten.models import Brugdag, Traject
from trajecten.selectors import brugdagen, met_termijndata, termijnen_van

from .conftest import contact, gesprek, neem_op, plan_vastgesteld, uitstroom

pytestmark = pytest.mark.django_db

PERIODE = Periode(date(2026, 3, 1), date(2026, 5, 1))
GEMEENTEN = ["GM0153", "GM0164", "GM0141", "GM0363"]  # Amsterdam (GM0363) never answers
# Days after arrival, cycling at different lengths so the combinations vary: around the
# ten-working-day step (about 14 days) and the four weeks.
CONTACT = [None, 12, 13, 14, 15, 16, 17, 21]
PLAN = [None, 27, 28, 29, 30, 31, 33]
STARTOVERLEG = [None, 28, 29, 30, 35]
UITSTROOM = [None, None, 13, 14, 29, 45]


def _lokaal(dag: date, uur: int, minuut: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(dag, time(uur, minuut)))


@pytest.fixture
def gevarieerd(demo):
    """30 trajectories arriving from 25 March to 23 April 2026, across Good Friday, Easter,
    King's Day, 5 May, Ascension and bridging days (a test one on 24 April 2026), with events
    just before, on and after their deadlines, releases before and after them, and
    registrations, 'gezien' and 'opgepakt' at half past midnight (another date in UTC) and in
    the evening."""
    Brugdag.objects.get_or_create(datum=date(2026, 4, 24), defaults={"omschrijving": "Test"})
    vul_kalender()  # on commit in real life; a test transaction never commits
    cm = demo["casemanager1"]
    for i in range(30):
        binnen = date(2026, 3, 25) + timedelta(days=i)
        t = neem_op(cm, f"Gevarieerd {i}", binnen, gemeente_code=GEMEENTEN[i % 4])
        if (k := CONTACT[i % len(CONTACT)]) is not None:
            contact(cm, t, binnen + timedelta(days=k))
        if (k := PLAN[i % len(PLAN)]) is not None:
            t.refresh_from_db()
            plan_vastgesteld(cm, t, binnen + timedelta(days=k))
        if (k := STARTOVERLEG[i % len(STARTOVERLEG)]) is not None:
            gesprek(cm, t, binnen + timedelta(days=k))
        if (k := UITSTROOM[i % len(UITSTROOM)]) is not None:
            uitstroom(cm, t, binnen + timedelta(days=k))
        velden = {"aangemaakt_op": _lokaal(binnen, 0, 30) if i % 3 == 0 else _lokaal(binnen, 9)}
        if GEMEENTEN[i % 4] != "GM0363" and i % 5:
            velden["gezien_door_gemeente_op"] = _lokaal(binnen + timedelta(days=i % 9), 0, 30)
            if i % 2:
                velden["opgepakt_op"] = _lokaal(binnen + timedelta(days=3 + i % 11), 22)
        Traject.objects.filter(pk=t.pk).update(**velden)
    return demo["staf1"]


def _dagen():
    dag = date(2026, 3, 20)
    while dag <= date(2026, 7, 1):
        yield dag
        dag += timedelta(days=3)
    yield timezone.localdate()


def test_the_deadline_trend_in_sql_equals_the_python_count_on_every_day(gevarieerd):
    vrij = brugdagen()
    almelo = Organisatie.objects.get(code="PI-ALMELO").pk
    gezien: set[Termijnstatus] = set()
    for pi_id in (None, almelo):
        qs = selectors.aggregaten(gevarieerd, pi_id=pi_id)
        for vandaag in _dagen():
            sql = selectors.termijntrend(qs, periode=PERIODE, vandaag=vandaag)
            python = cijfers.termijntrend(
                selectors.termijnrijen(qs, periode=PERIODE),
                periode=PERIODE,
                vandaag=vandaag,
                vrije_dagen=vrij,
            )
            assert sql == python, vandaag
            for t in met_termijndata(qs):
                gezien |= {s.status for s in termijnen_van(t, vandaag=vandaag, vrije_dagen=vrij)}
    # The set reaches every status the count distinguishes.
    assert set(Termijnstatus) <= gezien
    beslist = sum(m.contact.beslist for m in sql)
    assert 0 < sum(m.contact.op_tijd for m in sql) < beslist


def test_the_gemeente_response_in_sql_equals_the_python_count(gevarieerd):
    vrij = brugdagen()
    qs = selectors.aggregaten(gevarieerd)
    for vandaag in (date(2026, 4, 30), date(2026, 5, 18), timezone.localdate()):
        sql = selectors.gemeenterespons(qs, periode=PERIODE, vandaag=vandaag)
        python = cijfers.gemeenterespons(
            selectors.responsrijen(qs, periode=PERIODE), vandaag=vandaag, vrije_dagen=vrij
        )
        assert sql == python
    respons, zonder = sql
    assert len(respons) == 3 and [z.naam for z in zonder] == ["Amsterdam"]
    assert any(r.mediaan_gezien != int(r.mediaan_gezien or 0) for r in respons) or any(
        r.mediaan_opgepakt is None for r in respons
    )


def _tel(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _meer(cm, n: int, start: int) -> None:
    vandaag = timezone.localdate()
    for i in range(start, start + n):
        binnen = vandaag - timedelta(days=3 + 5 * i % 120)
        t = neem_op(cm, f"Volume {i}", binnen, gemeente_code=GEMEENTEN[i % 4])
        contact(cm, t, binnen + timedelta(days=1))
        if i % 3 == 0:
            plan_vastgesteld(cm, t, binnen + timedelta(days=2))
            gesprek(cm, t, binnen + timedelta(days=2))
        if i % 4 == 0:
            uitstroom(cm, t, binnen + timedelta(days=2))


TABELLEN = list(selectors.TABEL_DEEL)


def test_each_csv_costs_the_same_queries_at_two_volumes_and_fewer_than_the_page(client, demo):
    zorg_voor_kalender(timezone.localdate())  # a transactional test may have emptied it
    client.force_login(demo["staf1"])
    _meer(demo["casemanager1"], 3, 0)
    pagina = _tel(client, reverse("dashboard:overzicht"))
    weinig = {t: _tel(client, reverse("dashboard:csv", args=[t])) for t in TABELLEN}
    _meer(demo["casemanager1"], 15, 3)
    veel = {t: _tel(client, reverse("dashboard:csv", args=[t])) for t in TABELLEN}
    assert veel == weinig
    assert _tel(client, reverse("dashboard:overzicht")) == pagina
    # Each file computes its own table only: far fewer statements than the whole page.
    for tabel, n in weinig.items():
        assert n <= pagina - 5, (tabel, n, pagina)


@pytest.fixture
def cache_aan(settings, monkeypatch):
    """The cache on, under keys of this test alone (the shared cache outlives a test)."""
    settings.DASHBOARD_CACHE_SECONDEN = 600
    monkeypatch.setattr(selectors, "CACHEVERSIE", uuid4().hex)


def test_the_regional_figures_come_from_the_cache_per_region_period_and_day(
    client, demo, cache_aan
):
    staf = demo["staf1"]
    _meer(demo["casemanager1"], 4, 0)
    vandaag = timezone.localdate()
    periode = Periode(date(vandaag.year - 1, vandaag.month, 1), vandaag.replace(day=1))

    def bereken(**kwargs):
        with CaptureQueriesContext(connection) as ctx:
            d = selectors.dashboard(user=staf, periode=periode, pi_id=None, **kwargs)
        return d, [q["sql"] for q in ctx.captured_queries]

    eerst, vers = bereken(vandaag=vandaag)
    tweede, bewaard = bereken(vandaag=vandaag)
    assert tweede == eerst
    assert any("trajecten_kalenderdag" in q for q in vers)
    # Only the caseload of the own PI is read live; no regional statement runs again.
    assert not any("percentile_cont" in q or "trajecten_trajectgesprek" in q for q in bewaard)
    assert len(bewaard) < len(vers) - 5
    # A new trajectory shows on the next day (another key), not within the day.
    _meer(demo["casemanager1"], 1, 10)
    assert bereken(vandaag=vandaag)[0].groepen == eerst.groepen
    morgen, opnieuw = bereken(vandaag=vandaag + timedelta(days=1))
    assert morgen.groepen.actief == eerst.groepen.actief + 1
    assert any("trajecten_kalenderdag" in q for q in opnieuw)
    # The caseload is live: the new case counts at once.
    assert sum(c.aantal for c in bereken(vandaag=vandaag)[0].caseload) == sum(
        c.aantal for c in morgen.caseload
    )


def test_another_period_or_pi_is_another_cache_entry(client, demo, cache_aan):
    staf = demo["staf1"]
    _meer(demo["casemanager1"], 2, 1)  # none released
    vandaag = timezone.localdate()
    deze = vandaag.replace(day=1)
    almelo = Organisatie.objects.get(code="PI-ALMELO").pk
    nieuwersluis = Organisatie.objects.filter(regio__isnull=False, soort="pi").exclude(pk=almelo)
    a = selectors.dashboard(user=staf, periode=Periode(deze, deze), pi_id=None, vandaag=vandaag)
    b = selectors.dashboard(user=staf, periode=Periode(deze, deze), pi_id=almelo, vandaag=vandaag)
    assert a.groepen.actief == b.groepen.actief == 2
    ander = nieuwersluis.filter(regio_id=staf.organisatie.regio_id).first()
    if ander is not None:
        c = selectors.dashboard(
            user=staf, periode=Periode(deze, deze), pi_id=ander.pk, vandaag=vandaag
        )
        assert c.groepen.actief == 0
    assert selectors.cachesleutel(
        "groepen", regio_id=1, pi_id=None, periode=Periode(deze, deze), vandaag=vandaag
    ) != selectors.cachesleutel(
        "groepen",
        regio_id=1,
        pi_id=None,
        periode=Periode(deze, deze),
        vandaag=vandaag + timedelta(days=1),
    )


def test_a_user_without_regional_figures_never_gets_cached_ones(demo, cache_aan):
    _meer(demo["casemanager1"], 2, 1)  # none released
    vandaag = timezone.localdate()
    deze = vandaag.replace(day=1)
    periode = Periode(deze, deze)
    staf = demo["staf1"]
    assert (
        selectors.dashboard(user=staf, periode=periode, pi_id=None, vandaag=vandaag).groepen.actief
        == 2
    )
    staf.is_active = False  # the door shuts: no figures, and the cache is not consulted
    d = selectors.dashboard(user=staf, periode=periode, pi_id=None, vandaag=vandaag)
    assert d.groepen.actief == 0


@pytest.mark.django_db(transaction=True)
def test_two_staff_opening_the_dashboard_at_once_get_the_same_figures(demo, cache_aan):
    """Real threads on PostgreSQL, started together so both find the cache empty: both
    compute, both store the same value, neither fails; a third read comes from the cache."""
    import threading

    from django.db import connection as verbinding

    _meer(demo["casemanager1"], 3, 1)
    vandaag = timezone.localdate()
    periode = Periode(vandaag.replace(day=1), vandaag.replace(day=1))
    start = threading.Barrier(2)
    uitkomst: dict[str, object] = {}

    def open_dashboard(wie: str) -> None:
        try:
            start.wait(timeout=20)
            uitkomst[wie] = selectors.dashboard(
                user=demo["staf1"], periode=periode, pi_id=None, vandaag=vandaag
            )
        except Exception as fout:
            uitkomst[wie] = fout
        finally:
            verbinding.close()

    draden = [threading.Thread(target=open_dashboard, args=(w,)) for w in ("een", "twee")]
    for d in draden:
        d.start()
    for d in draden:
        d.join(timeout=60)
    een, twee = uitkomst["een"], uitkomst["twee"]
    assert isinstance(een, cijfers.Dashboard) and isinstance(twee, cijfers.Dashboard), uitkomst
    assert een == twee and een.groepen.actief == 3
    with CaptureQueriesContext(connection) as ctx:
        derde = selectors.dashboard(
            user=demo["staf1"], periode=periode, pi_id=None, vandaag=vandaag
        )
    assert derde == een
    assert not any("trajecten_kalenderdag" in q["sql"] for q in ctx.captured_queries)


def test_with_redis_down_the_dashboard_is_computed(client, demo, cache_aan, settings):
    """The cache is an aid: with Redis not answering the staffunctionaris gets the figures,
    computed as with the cache off, not an error page."""
    _meer(demo["casemanager1"], 2, 1)
    gedeeld = settings.CACHES["gedeeld"]
    settings.CACHES = {
        **settings.CACHES,
        "gedeeld": {**gedeeld, "LOCATION": "redis://127.0.0.1:1/0"},
    }
    client.force_login(demo["staf1"])
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(reverse("dashboard:overzicht"))
    assert r.status_code == 200
    assert any("trajecten_kalenderdag" in q["sql"] for q in ctx.captured_queries)  # computed
