"""The set-based scan (issue 18, ADR 0026): the deadlines computed in SQL on the working-day
calendar table (and the benefit application's) give exactly the flags the Python deadline
functions give, over a varied set of
trajectories (bridging days, corrected dates, a changed gemeente, release lapsing, meetings,
a plan's frequency, an intake late in the evening) on every day of five months; and the scan's
query count does not grow with the number of trajectories."""

from datetime import date, datetime, timedelta

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ketenpartners.models import Organisatie
from signalering import services, voorbereidingen
from signalering.models import Signalering, Signaleringssoort
from trajecten.access import trajecten_voor_bewaking
from trajecten.deadlines import Termijnstatus, plus_werkdagen
from trajecten.kalender import vul_kalender, zorg_voor_kalender
from trajecten.keuzes import Gesprekssoort
from trajecten.models import Brugdag, Traject
from trajecten.querysets import GEMEENTE_ID
from trajecten.selectors import (
    brugdagen,
    met_termijndata,
    met_uitkeringsdatum,
    termijnen_van,
    uitkering_termijn_van,
)

from ..factories import screen
from .test_gespreksignalen import gehouden, plan_vastgesteld
from .test_scan import intake

S = Signaleringssoort
# The deadlines the watch flags (the Python names are the flag kinds' values).
GESIGNALEERD = {
    S.CONTACT_GEMEENTE,
    S.PLAN_VASTGESTELD,
    S.STARTOVERLEG,
    S.MDO,
    S.TRAJECTGESPREK,
    S.UITSTROOMOVERLEG,
}


def python_gemist(vandaag: date) -> set[tuple[int, str, date]]:
    """The oracle: what `trajecten.deadlines` says is missed on `vandaag`, per trajectory in
    detention, walked in Python as the scan did before issue 18."""
    vrij = brugdagen()
    gemist = set()
    for r in met_termijndata(trajecten_voor_bewaking()).annotate(gem_id=GEMEENTE_ID):
        for t in termijnen_van(r, vandaag=vandaag, vrije_dagen=vrij):
            if t.soort in GESIGNALEERD and t.status == Termijnstatus.GEMIST:
                gemist.add((r.pk, str(t.soort), t.uiterlijk))
        if r.gem_id and r.gezien_door_gemeente_op is None:
            ontvangen = timezone.localdate(r.aangemaakt_op)
            for soort, n in (
                (S.ONTVANGST, settings.SIGNALERING_ONTVANGST_WERKDAGEN),
                (S.ONTVANGST_ESCALATIE, settings.SIGNALERING_ONTVANGST_ESCALATIE_WERKDAGEN),
            ):
                uiterlijk = plus_werkdagen(ontvangen, n, brugdagen=vrij)
                if vandaag > uiterlijk:
                    gemist.add((r.pk, str(soort), uiterlijk))
    for r in met_uitkeringsdatum(trajecten_voor_bewaking()):
        t = uitkering_termijn_van(r, vandaag=vandaag, vrije_dagen=vrij)
        if t is not None and t.status == Termijnstatus.GEMIST:
            gemist.add((r.pk, str(S.UITKERING_AANVRAAG), t.uiterlijk))
    return gemist


def sql_gemist(vandaag: date) -> set[tuple[int, str, date]]:
    """What the scan's SQL says is missed on `vandaag` (its candidate table), without writing."""
    with transaction.atomic():
        zorg_voor_kalender(vandaag)
        services._maak_scanrijen(vandaag)
        services._maak_gemist(vandaag)
        with connection.cursor() as cursor:
            cursor.execute("SELECT traject_id, soort, uiterlijk FROM scan_gemist")
            rijen = set(cursor.fetchall())
        rijen |= {
            (t, str(S.UITKERING_AANVRAAG), u) for t, u in voorbereidingen._kandidaten(vandaag)
        }
        transaction.set_rollback(True)
    return rijen


def gevarieerd(demo) -> list[Traject]:
    """Trajectories that exercise every branch of the deadline rules."""
    # A bridging day decreed later (the Friday after Ascension 2026), kept in the calendar.
    Brugdag.objects.get_or_create(datum=date(2026, 5, 15), defaults={"omschrijving": "Test"})
    vul_kalender()
    enschede = Organisatie.objects.get(code="GM0153")
    andere = Organisatie.objects.filter(soort="gemeente").exclude(pk=enschede.pk).first()
    ts = [
        intake(demo, date(2026, 4, 20), achternaam="Koningsdag"),  # 27 April, 5 May
        intake(demo, date(2026, 3, 30), achternaam="Pasen"),  # Good Friday, Easter Monday
        intake(demo, date(2026, 5, 1), achternaam="Brugdag"),  # Ascension + the bridging day
        intake(demo, date(2026, 3, 2), achternaam="Gescreend"),
        intake(demo, date(2026, 3, 2), achternaam="Plan"),
        intake(demo, date(2026, 3, 9), achternaam="Uitstroom"),
        intake(demo, date(2026, 3, 9), achternaam="Vrijgelaten"),
        intake(demo, date(2026, 3, 16), achternaam="Gecorrigeerd"),
        intake(demo, date(2026, 3, 16), achternaam="Verhuisd"),
        intake(demo, date(2026, 3, 23), achternaam="Gezien"),
        intake(demo, date(2026, 4, 6), achternaam="Laat"),
        intake(demo, date(2026, 4, 7), achternaam="Zonder gemeente"),
    ]
    _kt, pasen, _brug, gescreend, plan, uit, vrij, correctie, verhuisd, gezien, laat, geen = ts
    screen(gescreend, op=date(2026, 3, 10))
    gehouden(demo, gescreend, Gesprekssoort.STARTOVERLEG, date(2026, 4, 1))
    plan_vastgesteld(demo, plan, date(2026, 4, 2), frequentie=4)
    gehouden(demo, plan, Gesprekssoort.STARTOVERLEG, date(2026, 4, 3))
    gehouden(demo, plan, Gesprekssoort.MDO, date(2026, 5, 8))
    gehouden(demo, plan, Gesprekssoort.PERIODIEK, date(2026, 5, 4))
    # An expected release: the uitstroomoverleg ten working days before, around 5 May.
    Traject.objects.filter(pk=uit.pk).update(verwachte_uitstroom_datum=date(2026, 5, 12))
    Traject.objects.filter(pk=pasen.pk).update(verwachte_uitstroom_datum=date(2026, 4, 3))
    # Released (the clock stops; later deadlines lapse), still in a detention phase.
    plan_vastgesteld(demo, vrij, date(2026, 3, 20), frequentie=2)
    gehouden(demo, vrij, Gesprekssoort.STARTOVERLEG, date(2026, 3, 25))
    Traject.objects.filter(pk=vrij.pk).update(
        uitstroom_datum=date(2026, 4, 14), verwachte_uitstroom_datum=date(2026, 4, 14)
    )
    # A corrected arrival date (ADR 0009) and a changed gemeente.
    Traject.objects.filter(pk=correctie.pk).update(binnenkomst_datum=date(2026, 2, 26))
    Traject.objects.filter(pk=verhuisd.pk).update(terugkeer_gemeente=andere)
    Traject.objects.filter(pk=gezien.pk).update(
        gezien_door_gemeente_op=timezone.make_aware(datetime(2026, 3, 27, 11))
    )
    # Registered at 23:30 local time on a Friday: received that Friday, not on Saturday UTC.
    Traject.objects.filter(pk=laat.pk).update(
        aangemaakt_op=timezone.make_aware(datetime(2026, 4, 10, 23, 30))
    )
    Traject.objects.filter(pk=geen.pk).update(gemelde_gemeente=None, terugkeer_gemeente=None)
    return ts


@pytest.mark.django_db
def test_the_sql_deadlines_equal_the_python_ones_on_every_day(demo):
    gevarieerd(demo)
    dag, getoetst, gevonden = date(2026, 3, 1), 0, set()
    while dag <= date(2026, 7, 31):
        verwacht = python_gemist(dag)
        assert sql_gemist(dag) == verwacht, dag
        gevonden |= {s for _t, s, _u in verwacht}
        getoetst += 1
        dag += timedelta(days=1)
    assert getoetst == 153
    # The comparison covered every kind the scan flags, not only the easy ones.
    assert gevonden == GESIGNALEERD | {S.ONTVANGST, S.ONTVANGST_ESCALATIE, S.UITKERING_AANVRAAG}


@pytest.mark.django_db
def test_the_scan_flags_exactly_the_python_set_then_resolves_and_lapses(demo):
    ts = gevarieerd(demo)
    vandaag = date(2026, 5, 20)
    verwacht = python_gemist(vandaag)
    resultaat = services.scan(vandaag=vandaag)
    deadlinesoorten = GESIGNALEERD | {S.ONTVANGST, S.ONTVANGST_ESCALATIE, S.UITKERING_AANVRAAG}
    assert {n for n in resultaat.nieuw if n[1] in deadlinesoorten} == verwacht
    assert (
        set(
            Signalering.objects.filter(soort__in=deadlinesoorten).values_list(
                "traject_id", "soort", "uiterlijk"
            )
        )
        == verwacht
    )
    # A corrected arrival date moves the deadlines: the old flags lapse, new ones come.
    correctie = ts[7]
    Traject.objects.filter(pk=correctie.pk).update(binnenkomst_datum=date(2026, 4, 20))
    resultaat = services.scan(vandaag=vandaag)
    vervallen = Signalering.objects.filter(traject=correctie, vervallen=True)
    assert {(s.traject_id, s.soort, s.uiterlijk) for s in vervallen} <= set(resultaat.opgelost)
    assert vervallen.exists()
    open_ = Signalering.objects.filter(
        soort__in=deadlinesoorten, opgelost_datum__isnull=True
    ).values_list("traject_id", "soort", "uiterlijk")
    # Meeting flags of a released trajectory lapse at once: never chased after the gate.
    vrijgelaten = ts[6].pk
    meetings = {S.MDO, S.TRAJECTGESPREK, S.UITSTROOMOVERLEG}
    assert set(open_) == {
        g for g in python_gemist(vandaag) if not (g[0] == vrijgelaten and g[1] in meetings)
    }


def _vul(demo, aantal: int, start: int) -> None:
    for i in range(aantal):
        t = intake(demo, date(2026, 3, 2) + timedelta(days=i % 20), achternaam=f"Vol {start + i}")
        if i % 3 == 0:
            screen(t, op=date(2026, 3, 12))


def _queries(vandaag: date) -> int:
    Signalering.objects.all().delete()
    with CaptureQueriesContext(connection) as ctx:
        services.scan(vandaag=vandaag)
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_the_scan_runs_a_fixed_number_of_statements_whatever_the_volume(demo):
    _vul(demo, 3, 0)
    weinig = _queries(date(2026, 6, 1))
    _vul(demo, 30, 100)
    veel = _queries(date(2026, 6, 1))
    assert weinig == veel
    assert veel <= 40
