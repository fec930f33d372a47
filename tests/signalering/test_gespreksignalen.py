"""The meetings join the morning scan (issue 11): the MDO every six weeks, the trajectgesprek at
the frequency the plan agreed and the uitstroomoverleg before the expected release. Flagged
once (same idempotency as the deadlines), the casemanager notified, resolved on the day the
meeting is held, lapsed after release."""

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from signalering import services
from signalering.models import Notificatie, Signalering, Signaleringssoort
from trajecten import services as trajectdiensten
from trajecten.deadlines import plus_werkdagen
from trajecten.keuzes import Gesprekssoort, Regie, Titel
from trajecten.models import Traject

from .test_scan import intake

S = Signaleringssoort


def plan_vastgesteld(demo, t: Traject, dag: date, frequentie: int = 6) -> None:
    cm = demo["casemanager1"]
    trajectdiensten.bewerk_plan(
        acting_user=cm,
        traject=t,
        versie=t.plan.versie,
        begeleidingsplan="b",
        doelen="d",
        activiteiten="",
        regie=Regie.PI,
        monitoring="",
        gespreksfrequentie_weken=frequentie,
    )
    t.refresh_from_db()
    trajectdiensten.stel_plan_vast(
        acting_user=cm, traject=t, versie=t.plan.versie, vastgesteld_datum=dag
    )


def gehouden(demo, t: Traject, soort: str, dag: date) -> None:
    cm = demo["casemanager1"]
    g = trajectdiensten.plan_gesprek(
        acting_user=cm,
        traject=t,
        soort=soort,
        gepland_op=timezone.make_aware(datetime.combine(dag, time(10))),
        plaats="PI",
    )
    trajectdiensten.leg_gesprek_vast(acting_user=cm, gesprek=g, gehouden_datum=dag, verslag="ok")


def soorten(resultaat) -> set[str]:
    return {s for _t, s, _u in resultaat.nieuw}


def open_vlaggen(t: Traject, soort: str):
    return list(
        Signalering.objects.filter(traject=t, soort=soort).values_list(
            "uiterlijk", "opgelost_datum", "vervallen"
        )
    )


def ontvangers(t: Traject, soort: str) -> set[str]:
    return {
        n.ontvanger.username
        for n in Notificatie.objects.filter(signalering__traject=t, signalering__soort=soort)
        .select_related("ontvanger")
        .exclude(ontvanger=None)
    }


@pytest.mark.django_db
def test_mdo_every_six_weeks_flagged_once_and_resolved_when_held(demo):
    t = intake(demo, date(2026, 3, 2))
    plan_vastgesteld(demo, t, date(2026, 3, 20))
    # six weeks after adoption: Friday 1 May 2026
    assert S.MDO not in soorten(services.scan(vandaag=date(2026, 5, 1)))
    services.scan(vandaag=date(2026, 5, 4))
    services.scan(vandaag=date(2026, 5, 4))  # rerun: nothing new
    assert open_vlaggen(t, S.MDO) == [(date(2026, 5, 1), None, False)]
    assert ontvangers(t, S.MDO) == {"casemanager1"}
    assert Notificatie.objects.filter(signalering__soort=S.MDO).count() == 1
    gehouden(demo, t, Gesprekssoort.MDO, date(2026, 5, 6))
    resultaat = services.scan(vandaag=date(2026, 5, 7))
    assert (t.pk, S.MDO, date(2026, 5, 1)) in resultaat.opgelost
    assert open_vlaggen(t, S.MDO) == [(date(2026, 5, 1), date(2026, 5, 6), False)]
    # the next MDO is due six weeks after the one held: nothing new until then
    assert S.MDO not in soorten(services.scan(vandaag=date(2026, 6, 16)))


@pytest.mark.django_db
def test_trajectgesprek_at_the_plans_frequency(demo):
    t = intake(demo, date(2026, 3, 2))
    plan_vastgesteld(demo, t, date(2026, 3, 20), frequentie=4)
    gehouden(demo, t, Gesprekssoort.STARTOVERLEG, date(2026, 3, 25))
    # four weeks after the startoverleg: Wednesday 22 April 2026
    assert S.TRAJECTGESPREK not in soorten(services.scan(vandaag=date(2026, 4, 22)))
    nieuw = services.scan(vandaag=date(2026, 4, 23)).nieuw
    assert (t.pk, S.TRAJECTGESPREK, date(2026, 4, 22)) in nieuw
    assert ontvangers(t, S.TRAJECTGESPREK) == {"casemanager1"}
    assert services.scan(vandaag=date(2026, 4, 23)).nieuw == []
    gehouden(demo, t, Gesprekssoort.PERIODIEK, date(2026, 4, 28))
    resultaat = services.scan(vandaag=date(2026, 4, 29))
    assert (t.pk, S.TRAJECTGESPREK, date(2026, 4, 22)) in resultaat.opgelost
    assert open_vlaggen(t, S.TRAJECTGESPREK) == [(date(2026, 4, 22), date(2026, 4, 28), False)]


@pytest.mark.django_db
def test_no_frequency_flag_before_the_startoverleg(demo):
    t = intake(demo, date(2026, 3, 2))
    plan_vastgesteld(demo, t, date(2026, 3, 20), frequentie=2)
    services.scan(vandaag=date(2026, 6, 1))
    assert open_vlaggen(t, S.TRAJECTGESPREK) == []


@pytest.mark.django_db
def test_uitstroomoverleg_flagged_before_the_expected_release_and_resolved_when_held(demo):
    t = intake(demo, date(2026, 3, 2), verwachte_uitstroom_datum=date(2026, 6, 30))
    uiterlijk = plus_werkdagen(date(2026, 6, 30), -10, brugdagen=frozenset())
    assert uiterlijk == date(2026, 6, 16)
    assert S.UITSTROOMOVERLEG not in soorten(services.scan(vandaag=uiterlijk))
    nieuw = services.scan(vandaag=date(2026, 6, 17)).nieuw
    assert (t.pk, S.UITSTROOMOVERLEG, uiterlijk) in nieuw
    assert ontvangers(t, S.UITSTROOMOVERLEG) == {"casemanager1"}
    gehouden(demo, t, Gesprekssoort.UITSTROOMOVERLEG, date(2026, 6, 18))
    resultaat = services.scan(vandaag=date(2026, 6, 19))
    assert (t.pk, S.UITSTROOMOVERLEG, uiterlijk) in resultaat.opgelost
    assert open_vlaggen(t, S.UITSTROOMOVERLEG) == [(uiterlijk, date(2026, 6, 18), False)]


@pytest.mark.django_db
def test_meeting_flags_lapse_after_release_and_none_come_after(demo):
    t = intake(demo, date(2026, 3, 2), verwachte_uitstroom_datum=date(2026, 6, 30))
    plan_vastgesteld(demo, t, date(2026, 3, 20))
    services.scan(vandaag=date(2026, 6, 17))
    assert open_vlaggen(t, S.MDO) and open_vlaggen(t, S.UITSTROOMOVERLEG)
    t.refresh_from_db()
    trajectdiensten.registreer_uitstroom(
        toch_versturen=True,
        reden="Toch versturen (test)",
        acting_user=demo["casemanager1"],
        traject=t,
        versie=t.versie,
        uitstroom_datum=date(2026, 6, 18),
        titel=Titel.GEEN,
    )
    resultaat = services.scan(vandaag=date(2026, 6, 19))
    assert {(s, v) for s in (S.MDO, S.UITSTROOMOVERLEG) for _u, _o, v in open_vlaggen(t, s)} == {
        (S.MDO, True),
        (S.UITSTROOMOVERLEG, True),
    }
    assert (t.pk, S.MDO, date(2026, 5, 1)) in resultaat.opgelost
    voor = Signalering.objects.filter(traject=t).count()
    services.scan(vandaag=date(2026, 9, 1))
    assert Signalering.objects.filter(traject=t).count() == voor
