"""The deadline dates compiled to SQL once per process (issue 18, reintegratie.voorgecompileerd):
the page gets the SQL Django would have written, the same dates, also where the list is a
subquery of another query, and in the time zone that is active."""

from datetime import date

import pytest
from django.db.models import Exists, OuterRef
from django.utils import timezone

from reintegratie import voorgecompileerd
from trajecten import selectors
from trajecten.models import Basisvoorwaarde, Traject

from ..factories import screen

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
    qs = Traject.objects.filter(pk=traject.pk).order_by("pk")
    vast = selectors.met_termijndata(qs).query.sql_with_params()
    orm = selectors._termijndata(qs).query.sql_with_params()
    assert vast == orm


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
    hier = selectors.met_termijndata(qs).query.sql_with_params()
    with timezone.override("UTC"):
        daar = selectors.met_termijndata(qs).query.sql_with_params()
        assert daar == selectors._termijndata(qs).query.sql_with_params()
    assert hier != daar
    assert ("met_termijndata", "UTC") in voorgecompileerd._gecompileerd
