"""The deadline dates compiled to SQL once per process (issue 18, reintegratie.voorgecompileerd):
the page gets the SQL Django would have written, the same dates, also where the list is a
subquery of another query, and in the time zone that is active."""

from datetime import date

import pytest
from django.db.models import Exists, OuterRef
from django.utils import timezone

from ketenpartners.models import Organisatie
from reintegratie import voorgecompileerd
from trajecten import selectors
from trajecten.models import Basisvoorwaarde, Traject

from ..factories import screen
from . import test_tiendagenstap as tien

pytestmark = pytest.mark.django_db

VELDEN = (
    "pk",
    "screening_datum",
    "gemeente_datum",
    "contact_gemeente_datum",
    "plan_vastgesteld_datum",
    "startoverleg_datum",
    "startoverleg_gepland",
)


def test_the_sql_is_the_sql_the_orm_writes(traject):
    """Every annotation but the one written from the others (`_stapdatum_sql`)."""
    qs = Traject.objects.filter(pk=traject.pk).order_by("pk")
    vast = selectors.met_termijndata(qs).query
    orm = selectors._termijndata(qs).query
    for naam in orm.annotations:
        if naam == "contact_gemeente_datum":
            continue
        vast_sql = vast.get_compiler("default").compile(vast.annotations[naam])
        orm_sql = orm.get_compiler("default").compile(orm.annotations[naam])
        assert (vast_sql[0], tuple(vast_sql[1])) == (orm_sql[0], tuple(orm_sql[1])), naam


@pytest.mark.parametrize("reclassering", [False, True])
def test_the_ten_day_step_is_the_orms_in_every_branch(demo, reclassering):
    """The day the ten-day step is met, written with each part once, against the ORM's CASE:
    nothing yet; only the screening; screening and gemeente; and with a reclassering involved,
    before and after its contact."""
    t = tien.intake(demo)
    if reclassering:
        t = tien.met_reclassering(demo, t)

    def beide():
        qs = Traject.objects.filter(pk=t.pk)
        veld = "contact_gemeente_datum"
        return (
            selectors.met_termijndata(qs).values_list(veld, flat=True).get(),
            selectors._termijndata(qs).values_list(veld, flat=True).get(),
        )

    uitkomsten = [beide()]
    screen(t, op=date(2026, 4, 23))
    uitkomsten.append(beide())
    tien.contact(demo["casemanager1"], t, t.gemeente, date(2026, 4, 27))
    uitkomsten.append(beide())
    tien.contact(demo["casemanager1"], t, Organisatie.objects.get(code="RN"), date(2026, 4, 29))
    uitkomsten.append(beide())
    assert all(vast == orm for vast, orm in uitkomsten), uitkomsten
    verwacht = [None, None, None if reclassering else date(2026, 4, 27), date(2026, 4, 29)]
    if not reclassering:
        verwacht[3] = date(2026, 4, 27)  # a reclassering's contact counts only when involved
    assert [vast for vast, _orm in uitkomsten] == verwacht


def test_the_dates_are_the_orms_dates(traject):
    screen(traject, op=date(2026, 4, 24))
    qs = Traject.objects.filter(pk=traject.pk)
    vast = list(selectors.met_termijndata(qs).values(*VELDEN))
    assert vast == list(selectors._termijndata(qs).values(*VELDEN))
    assert vast[0]["screening_datum"] == date(2026, 4, 24)
    assert vast[0]["startoverleg_gepland"] is not None


def test_as_a_subquery_of_another_query_it_still_reads_the_right_case(traject, demo):
    """Relabeled inside an EXISTS of another model's query the precompiled text would point at a
    table that is not there: the ORM's own expression takes over."""
    screen(traject, op=date(2026, 4, 24))

    def met_screening(leeg: bool):
        return selectors.met_termijndata(Traject.objects.filter(pk=OuterRef("traject_id"))).filter(
            screening_datum__isnull=leeg
        )

    bv = Basisvoorwaarde.objects.filter(traject=traject)
    assert bv.filter(Exists(met_screening(False))).count() == 6
    assert not bv.filter(Exists(met_screening(True))).exists()


def test_each_time_zone_gets_its_own_sql(traject):
    qs = Traject.objects.filter(pk=traject.pk)
    veld = "screening_datum"
    hier = selectors.met_termijndata(qs).query.annotations[veld]
    with timezone.override("UTC"):
        daar = selectors.met_termijndata(qs).query.annotations[veld]
        orm = selectors._termijndata(qs).query
        sql, params = orm.get_compiler("default").compile(orm.annotations[veld])
        assert (daar.sql, daar.params) == (sql, tuple(params))
    assert "UTC" in daar.params
    assert "UTC" not in hier.params
    assert ("met_termijndata", "UTC") in voorgecompileerd._gecompileerd
