"""Issue 18 (ADR 0025): the door as one `pk IN (… UNION ALL …)`, never nested; lists that count
and page through the door before they fetch what a row shows; and query counts that do not grow
with the number of cases (3 against 30)."""

from datetime import timedelta

import pytest
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from api.services import geef_token_uit
from ketenpartners.models import Locatie, Organisatie, Team
from trajecten import access, services
from trajecten.keuzes import IN_DETENTIE, Titel
from trajecten.models import Traject
from trajecten.querysets import PaginaEerst

pytestmark = pytest.mark.django_db


def _trajecten(demo, n: int, *, van: int = 0) -> list[Traject]:
    """n cases of casemanager1, returning to Enschede (nazorg1), with Reclassering Nederland
    (reclassering1)."""
    cm = demo["casemanager1"]
    enschede = Organisatie.objects.get(code="GM0153")
    rn = Organisatie.objects.get(code="RN")
    team = Team.objects.get(organisatie=rn, naam="Oost")
    locatie = Locatie.objects.filter(organisatie=cm.organisatie).first()  # named after its PI
    gemaakt = []
    for i in range(van, van + n):
        t = services.neem_op(
            acting_user=cm,
            voornamen="Piet",
            achternaam=f"Volume {i}",
            geboortedatum=timezone.localdate().replace(year=1980),
            binnenkomst_datum=timezone.localdate() - timedelta(days=i % 40 + 1),
            gemelde_gemeente=enschede,
            locatie=locatie,
        )
        services.werk_traject_bij(
            acting_user=cm,
            traject=t,
            versie=t.versie,
            verwachte_uitstroom_datum=None,
            casemanager=cm,
            mentor=None,
            reclassering=rn,
            reclassering_team=team,
            reclasseringswerker=demo["reclassering1"],
            titel=Titel.ONBEKEND,
        )
        gemaakt.append(t)
    return gemaakt


def _tellingen(client, demo, sleutel: str) -> dict[str, int]:
    paginas = {
        "caseload": ("casemanager1", reverse("trajecten:caseload"), {}),
        "inbox": ("nazorg1", reverse("nazorg:inbox"), {}),
        "reclassering, eigen": ("reclassering1", reverse("reclassering:clienten"), {}),
        "reclassering, alle": ("reclassering1", reverse("reclassering:clienten") + "?alle=1", {}),
        "api": ("", "/api/v1/trajecten/", {"HTTP_AUTHORIZATION": f"Bearer {sleutel}"}),
    }
    uit = {}
    for naam, (wie, url, extra) in paginas.items():
        client.logout()
        if wie:
            client.force_login(demo[wie])
        client.get(url, **extra)  # once before: a key's first use of the minute is recorded
        with CaptureQueriesContext(connection) as ctx:
            antwoord = client.get(url, **extra)
        assert antwoord.status_code == 200, (naam, antwoord.status_code)
        uit[naam] = len(ctx.captured_queries)
    return uit


def test_list_queries_do_not_grow_from_3_to_30_cases(client, demo):
    _token, sleutel = geef_token_uit(
        acting_user=None, organisatie=Organisatie.objects.get(code="GM0153"), naam="Volume"
    )
    _trajecten(demo, 3)
    weinig = _tellingen(client, demo, sleutel)
    _trajecten(demo, 27, van=3)  # more than one page of the inbox and the client list
    veel = _tellingen(client, demo, sleutel)
    assert veel == weinig
    assert max(veel.values()) <= 16, veel


def test_the_door_is_one_in_with_a_union_never_the_door_inside_the_door(client, demo):
    (traject,) = _trajecten(demo, 1)
    sql = str(access.trajecten_voor(demo["nazorg1"]).query)
    assert sql.count("UNION ALL") == 1
    client.force_login(demo["nazorg1"])
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(traject.get_absolute_url()).status_code == 200
    paginaquery = next(
        q["sql"] for q in ctx.captured_queries if 'AS "overgeplaatst_van"' in q["sql"]
    )
    # The case table once in the page's query: the door's branches read the grant tables only.
    assert paginaquery.count('FROM "trajecten_traject"') == 1
    assert paginaquery.count("UNION ALL") == 1


def test_a_restricted_case_is_seen_through_a_personal_grant_only(demo):
    (traject,) = _trajecten(demo, 1)
    # The group grants stay behind on purpose (as after a failed recalculation): the door itself
    # keeps the organisation out of a restricted case.
    Traject.objects.filter(pk=traject.pk).update(beperkt=True)
    assert not access.trajecten_voor(demo["nazorg1"]).filter(pk=traject.pk).exists()
    assert not access.trajecten_voor(demo["mentor1"]).filter(pk=traject.pk).exists()
    assert access.trajecten_voor(demo["casemanager1"]).filter(pk=traject.pk).exists()
    assert access.trajecten_voor(demo["reclassering1"]).filter(pk=traject.pk).exists()
    Traject.objects.filter(pk=traject.pk).update(beperkt=False)
    assert access.trajecten_voor(demo["nazorg1"]).filter(pk=traject.pk).exists()


def test_a_page_first_list_shows_the_same_rows_in_the_same_order(demo):
    _trajecten(demo, 7)
    door = access.trajecten_voor(demo["nazorg1"]).order_by("-binnenkomst_datum", "pk")
    verwacht = list(door.values_list("pk", flat=True))
    paginator = Paginator(PaginaEerst(door, lambda qs: qs.met_betrokkenen()), 3)
    assert paginator.count == 7
    gezien = [t.pk for n in paginator.page_range for t in paginator.page(n)]
    assert gezien == verwacht
    # The rows of a page come with what they show: no query per row.
    with CaptureQueriesContext(connection) as ctx:
        namen = [str(t.locatie or t.pi) + str(t.gedetineerde) for t in paginator.page(1)]
    # The ids, then the rows with their joins planned in the order written.
    soorten = [q["sql"].split()[0] for q in ctx.captured_queries]
    assert len(namen) == 3 and soorten == ["SELECT", "SET", "SELECT", "RESET"]


def test_the_inbox_reads_the_running_cases_of_its_gemeente_from_the_partial_index(demo):
    _trajecten(demo, 2)
    nazorg = demo["nazorg1"]
    qs = access.trajecten_voor(nazorg).naar_gemeente(nazorg.organisatie_id)
    qs = qs.filter(fase__in=IN_DETENTIE)
    with transaction.atomic(), connection.cursor() as c:
        c.execute("SET LOCAL enable_seqscan = off")
        plan = qs.explain()
    assert "traject_lopend_per_gemeente" in plan, plan


def test_the_join_order_is_set_for_the_page_query_only_and_reset_even_when_it_fails(db):
    """`joins_in_volgorde` (issue 18) plans the page's rows in the order written and leaves the
    connection as it was afterwards: after success, after an error in Python, and after an
    error that breaks the transaction (whose own error still comes through)."""
    from django.db import ProgrammingError

    from trajecten.querysets import joins_in_volgorde

    def stand() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SHOW join_collapse_limit")
            return cursor.fetchone()[0]

    standaard = stand()
    assert standaard != "1"
    with joins_in_volgorde():
        assert stand() == "1"
    assert stand() == standaard
    with pytest.raises(ValueError), joins_in_volgorde():
        raise ValueError
    assert stand() == standaard
    with (
        pytest.raises(ProgrammingError),
        transaction.atomic(),
        joins_in_volgorde(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SELECT * FROM bestaat_niet")
    assert stand() == standaard
