"""The optional read replica (issue 18, ADR 0027): the dashboard, its CSV files and the API's
lists read through the `replica` connection; writes, the audit rows among them, stay on the
primary. In the test settings `replica` is a second connection to the same test database
(TEST MIRROR), so these tests run in `make test`; they are transactional because a second
connection sees only committed rows."""

from datetime import timedelta

import pytest
from django.db import connections, router, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from api import services as apidiensten
from dashboard import selectors
from dashboard.periode import Periode
from ketenpartners.models import Organisatie
from reintegratie.routers import lees_van_replica
from tests.api.conftest import api
from tests.dashboard.conftest import contact, gezien_na, neem_op
from trajecten.models import Traject

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


@pytest.fixture
def replica(settings):
    settings.LEES_VAN_REPLICA = True


def _sql(ctx: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in ctx.captured_queries]


def _maak(cm, n: int) -> list[Traject]:
    vandaag = timezone.localdate()
    uit = []
    for i in range(n):
        binnen = vandaag - timedelta(days=20 + 3 * i)
        t = neem_op(cm, f"Replica {i}", binnen)
        contact(cm, t, binnen + timedelta(days=2))
        gezien_na(t, 1 + i % 3, opgepakt_na=4)
        uit.append(t)
    return uit


def test_the_replica_is_a_second_connection_that_sees_only_committed_rows(demo, replica):
    with connections["default"].cursor() as c:
        c.execute("SELECT pg_backend_pid()")
        primair = c.fetchone()[0]
    with connections["replica"].cursor() as c:
        c.execute("SELECT pg_backend_pid()")
        kopie = c.fetchone()[0]
    assert primair != kopie
    cm = demo["casemanager1"]
    with transaction.atomic():
        neem_op(cm, "Nog niet vastgelegd", timezone.localdate() - timedelta(days=3))
        assert Traject.objects.count() == 1
        with lees_van_replica():
            assert router.db_for_read(Traject) == "replica"
            assert router.db_for_write(Traject) == "default"
            assert Traject.objects.count() == 0  # the other connection: not committed yet
    with lees_van_replica():
        assert Traject.objects.count() == 1


def test_the_dashboard_reads_its_figures_through_the_replica(client, demo, replica):
    _maak(demo["casemanager1"], 4)
    client.force_login(demo["staf1"])
    with (
        CaptureQueriesContext(connections["replica"]) as kopie,
        CaptureQueriesContext(connections["default"]) as primair,
    ):
        response = client.get(reverse("dashboard:overzicht"))
    assert response.status_code == 200
    assert 'data-cijfer="actief">4<' in response.content.decode()
    # The deadline and response statements (calendar table), the meetings and the groups.
    for teken in ("trajecten_kalenderdag", "percentile_cont", "trajecten_trajectgesprek"):
        assert any(teken in q for q in _sql(kopie)), teken
        # (the primary may fill the calendar table after a flush: a write, never a read)
        assert not any(teken in q and "INSERT" not in q for q in _sql(primair)), teken
    # The own PI's caseload goes through the door: on the primary, never from a lagging copy.
    assert any("objectpermission" in q for q in _sql(primair))
    assert not any("objectpermission" in q for q in _sql(kopie))


@pytest.mark.parametrize("tabel", ["termijnen", "gemeenten", "caseload"])
def test_a_csv_reads_through_the_replica(client, demo, replica, tabel):
    _maak(demo["casemanager1"], 2)
    client.force_login(demo["staf1"])
    with (
        CaptureQueriesContext(connections["replica"]) as kopie,
        CaptureQueriesContext(connections["default"]) as primair,
    ):
        response = client.get(reverse("dashboard:csv", args=[tabel]))
    assert response.status_code == 200
    if tabel == "caseload":
        # Read through the door (own PI): on the primary only (ADR 0027, review finding 3).
        assert any("objectpermission" in q for q in _sql(primair))
        assert not any("trajecten_traject" in q for q in _sql(kopie))
        return
    assert any("trajecten_traject" in q for q in _sql(kopie))
    assert not any("trajecten_traject" in q for q in _sql(primair))


def test_the_api_list_reads_through_the_replica_and_audits_on_the_primary(demo, replica):
    _maak(demo["casemanager1"], 3)
    _token, sleutel = apidiensten.geef_token_uit(
        acting_user=demo["beheer1"], organisatie=Organisatie.objects.get(code="GM0153"), naam="gm"
    )
    with (
        CaptureQueriesContext(connections["replica"]) as kopie,
        CaptureQueriesContext(connections["default"]) as primair,
    ):
        response = api(sleutel).get("/api/v1/trajecten/")
    assert response.status_code == 200, response.content
    assert len(response.json()["results"]) == 3
    # The door (grants, `beperkt`: count and page ids) runs on the primary, so a lagging copy
    # never shows a case just restricted or a grant just withdrawn; only the enrichment of the
    # page's rows, by id, reads from the replica.
    deur = "trajecten_trajectgroupobjectpermission"
    assert any(deur in q and "COUNT(" in q for q in _sql(primair))
    assert any(deur in q and "LIMIT" in q for q in _sql(primair))
    assert not any(deur in q for q in _sql(kopie))
    assert any('FROM "trajecten_traject"' in q and '"id" IN (' in q for q in _sql(kopie))
    assert not any(q.startswith("INSERT") for q in _sql(kopie))
    assert any("INSERT" in q and "audit" in q for q in _sql(primair))


def test_without_a_replica_everything_reads_from_default(client, demo, settings):
    settings.LEES_VAN_REPLICA = False
    _maak(demo["casemanager1"], 1)
    client.force_login(demo["staf1"])
    with CaptureQueriesContext(connections["replica"]) as kopie:
        assert client.get(reverse("dashboard:overzicht")).status_code == 200
        with lees_van_replica():
            assert router.db_for_read(Traject) == "default"
    assert kopie.captured_queries == []


def test_the_sql_figures_are_the_same_read_from_the_replica(demo, replica):
    _maak(demo["casemanager1"], 5)
    vandaag = timezone.localdate()
    periode = Periode(vandaag.replace(day=1) - timedelta(days=62), vandaag.replace(day=1))
    periode = Periode(periode.van.replace(day=1), periode.tot)
    staf = demo["staf1"]
    primair = selectors.dashboard(user=staf, periode=periode, pi_id=None, vandaag=vandaag)
    with lees_van_replica(), CaptureQueriesContext(connections["replica"]) as kopie:
        gelezen = selectors.dashboard(user=staf, periode=periode, pi_id=None, vandaag=vandaag)
    assert kopie.captured_queries
    assert gelezen == primair
