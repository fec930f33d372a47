"""Issue 12: a handover nobody confirms is chased by the morning scan after
OVERDRACHT_BEVESTIGING_WERKDAGEN working days (the gemeente's nazorgcoördinatoren and contact
points; the reclasseringswerker when the reclassering has regie) and escalated to the PI's
staffunctionaris after OVERDRACHT_ESCALATIE_WERKDAGEN; the confirmation resolves both."""

from datetime import date, datetime, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from signalering import services
from signalering.models import Notificatie, Signalering, Signaleringssoort
from trajecten import services as trajectdiensten
from trajecten.keuzes import Titel
from trajecten.models import Overdracht

from ..factories import TrajectFactory

ONTVANGST = Signaleringssoort.OVERDRACHT_ONTVANGST
ESCALATIE = Signaleringssoort.OVERDRACHT_ESCALATIE
# Monday 20 April 2026; King's Day (Monday 27 April) is not a working day.
VERSTUURD = date(2026, 4, 20)


def moment(d: date) -> datetime:
    return timezone.make_aware(datetime.combine(d, time(10)))


def vrijgelaten(demo, traject, titel=Titel.GEEN, verstuurd=VERSTUURD):
    traject.refresh_from_db()
    trajectdiensten.registreer_uitstroom(
        acting_user=demo["casemanager1"],
        traject=traject,
        versie=traject.versie,
        uitstroom_datum=timezone.localdate(),
        titel=titel,
        toch_versturen=True,
        reden="Test: uitstroom zonder voorbereiding.",
    )
    Overdracht.objects.filter(traject=traject).update(opgesteld_op=moment(verstuurd))
    return traject


def vlaggen():
    return sorted(
        Signalering.objects.filter(soort__in=[ONTVANGST, ESCALATIE]).values_list(
            "traject_id", "soort", "uiterlijk", "opgelost_datum", "vervallen"
        )
    )


def ontvangers(soort):
    return sorted(
        Notificatie.objects.filter(signalering__soort=soort, ontvanger__isnull=False).values_list(
            "ontvanger__username", flat=True
        )
    )


@pytest.mark.django_db
def test_chased_after_two_working_days_and_escalated_after_five_idempotently(demo, traject):
    vrijgelaten(demo, traject)
    services.scan(vandaag=date(2026, 4, 22))  # the second working day: still in time
    assert vlaggen() == []
    services.scan(vandaag=date(2026, 4, 23))
    assert vlaggen() == [(traject.pk, ONTVANGST, date(2026, 4, 22), None, False)]
    assert ontvangers(ONTVANGST) == ["nazorg1"]  # regie at the gemeente: not the reclassering
    services.scan(vandaag=date(2026, 4, 28))  # 21-24 and 28 April: the fifth working day
    assert [v[1] for v in vlaggen()] == [ONTVANGST]
    services.scan(vandaag=date(2026, 4, 29))
    assert vlaggen() == [
        (traject.pk, ESCALATIE, date(2026, 4, 28), None, False),
        (traject.pk, ONTVANGST, date(2026, 4, 22), None, False),
    ]
    assert ontvangers(ESCALATIE) == ["staf1"]
    notificaties = Notificatie.objects.count()
    services.scan(vandaag=date(2026, 4, 29))  # run twice: the same flags, nobody told twice
    assert len(vlaggen()) == 2 and Notificatie.objects.count() == notificaties


@pytest.mark.django_db
def test_with_regie_at_the_reclassering_its_worker_is_chased_too(demo, traject):
    vrijgelaten(demo, traject, titel=Titel.VI)
    services.scan(vandaag=date(2026, 4, 23))
    assert ontvangers(ONTVANGST) == ["nazorg1", "reclassering1"]


@pytest.mark.django_db
def test_the_confirmation_resolves_both_on_the_day_it_was_given(demo, traject):
    vrijgelaten(demo, traject)
    services.scan(vandaag=date(2026, 4, 29))
    assert [v[3] for v in vlaggen()] == [None, None]
    trajectdiensten.bevestig_overdracht(acting_user=demo["nazorg1"], traject=traject)
    Overdracht.objects.filter(traject=traject).update(ontvangen_op=moment(date(2026, 4, 30)))
    resultaat = services.scan(vandaag=date(2026, 5, 4))
    assert vlaggen() == [
        (traject.pk, ESCALATIE, date(2026, 4, 28), date(2026, 4, 30), False),
        (traject.pk, ONTVANGST, date(2026, 4, 22), date(2026, 4, 30), False),
    ]
    assert {(t, s) for t, s, _u in resultaat.opgelost} >= {
        (traject.pk, ONTVANGST),
        (traject.pk, ESCALATIE),
    }


@pytest.mark.django_db
def test_a_confirmed_handover_is_never_chased(demo, traject):
    vrijgelaten(demo, traject)
    trajectdiensten.bevestig_overdracht(acting_user=demo["nazorg1"], traject=traject)
    services.scan(vandaag=date(2026, 4, 29))
    assert vlaggen() == []


@pytest.mark.django_db
def test_the_scan_part_takes_the_same_queries_for_one_or_many_handovers(demo):
    def meet(n):
        for _i in range(n):
            vrijgelaten(
                demo, TrajectFactory(acting_user=demo["casemanager1"], gemelde_gemeente=enschede)
            )
        Signalering.objects.all().delete()
        with CaptureQueriesContext(connection) as q:
            services.scan(vandaag=date(2026, 4, 29))
        return len(q)

    from ketenpartners.models import Organisatie

    enschede = Organisatie.objects.get(code="GM0153")
    een = meet(1)
    assert meet(4) == een
    assert Signalering.objects.filter(soort=ONTVANGST).count() == 5
