"""Overdue actions in the morning scan (issue 11): one flag per action and due day, to its
person or else to the holding organisation's people on the case; idempotent; resolved when the
action is done or dropped; a fixed number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ketenpartners.models import Organisatie
from signalering import services
from signalering.models import Notificatie, Signalering, Signaleringssoort
from trajecten import services as trajectdiensten
from trajecten.models import Actie

pytestmark = pytest.mark.django_db
SOORT = Signaleringssoort.ACTIE_VERLOPEN


def vandaag():
    return timezone.localdate()


def verlopen_actie(demo, traject, code, *, dagen=1, medewerker=None, wat="Actie") -> Actie:
    a = trajectdiensten.voeg_actie_toe(
        acting_user=demo["casemanager1"],
        basisvoorwaarde=traject.basisvoorwaarden.get(domein="huisvesting"),
        omschrijving=wat,
        organisatie=Organisatie.objects.get(code=code),
        medewerker=medewerker,
    )
    Actie.objects.filter(pk=a.pk).update(uiterlijk_datum=vandaag() - timedelta(days=dagen))
    a.refresh_from_db()
    return a


def ontvangers(actie) -> set[str]:
    return set(
        Notificatie.objects.filter(signalering__actie=actie).values_list(
            "ontvanger__username", flat=True
        )
    )


def test_an_overdue_action_of_each_partner_is_flagged_to_its_owner(demo, traject):
    pi = verlopen_actie(demo, traject, "PI-ALMELO")
    gemeente = verlopen_actie(demo, traject, "GM0153")
    reclassering = verlopen_actie(demo, traject, "RN")
    persoonlijk = verlopen_actie(demo, traject, "PI-ALMELO", medewerker=demo["mentor1"])
    services.scan(vandaag=vandaag())
    assert Signalering.objects.filter(soort=SOORT).count() == 4
    assert ontvangers(pi) == {"casemanager1"}
    assert ontvangers(gemeente) == {"nazorg1"}
    assert ontvangers(reclassering) == {"reclassering1"}
    assert ontvangers(persoonlijk) == {"mentor1"}
    sig = Signalering.objects.get(actie=gemeente)
    assert (sig.traject_id, sig.uiterlijk, sig.gesignaleerd_datum) == (
        traject.pk,
        gemeente.uiterlijk_datum,
        vandaag(),
    )


def test_two_actions_due_the_same_day_are_two_flags(demo, traject):
    een = verlopen_actie(demo, traject, "PI-ALMELO", wat="een")
    twee = verlopen_actie(demo, traject, "PI-ALMELO", wat="twee")
    services.scan(vandaag=vandaag())
    assert set(Signalering.objects.filter(soort=SOORT).values_list("actie_id", flat=True)) == {
        een.pk,
        twee.pk,
    }


def test_not_yet_overdue_or_already_closed_is_not_flagged(demo, traject):
    vandaag_due = verlopen_actie(demo, traject, "PI-ALMELO", dagen=0)
    gedaan = verlopen_actie(demo, traject, "PI-ALMELO")
    trajectdiensten.zet_actiestatus(
        acting_user=demo["casemanager1"], actie=gedaan, versie=gedaan.versie, status="gedaan"
    )
    services.scan(vandaag=vandaag())
    assert not Signalering.objects.filter(soort=SOORT).exists()
    assert vandaag_due.pk


def test_a_second_run_adds_no_flag_and_no_notification(demo, traject):
    verlopen_actie(demo, traject, "GM0153")
    eerste = services.scan(vandaag=vandaag())
    tweede = services.scan(vandaag=vandaag())
    assert [s for s in eerste.nieuw if s[1] == SOORT] != []
    assert [s for s in tweede.nieuw if s[1] == SOORT] == []
    assert Signalering.objects.filter(soort=SOORT).count() == 1
    assert Notificatie.objects.filter(signalering__soort=SOORT).count() == 1


def test_done_resolves_the_flag_at_once_and_the_scan_keeps_it_resolved(demo, traject):
    a = verlopen_actie(demo, traject, "RN", dagen=3)
    services.scan(vandaag=vandaag())
    a = Actie.objects.select_related("organisatie", "basisvoorwaarde__traject").get(pk=a.pk)
    trajectdiensten.zet_actiestatus(
        acting_user=demo["reclassering1"], actie=a, versie=a.versie, status="gedaan"
    )
    sig = Signalering.objects.get(actie=a)
    assert (sig.opgelost_datum, sig.vervallen) == (vandaag(), False)  # "te laat gehaald"
    resultaat = services.scan(vandaag=vandaag() + timedelta(days=1))
    sig.refresh_from_db()
    assert (sig.opgelost_datum, sig.vervallen) == (vandaag(), False)
    assert [s for s in resultaat.nieuw if s[1] == SOORT] == []


def test_dropped_lapses_the_flag_at_once(demo, traject):
    a = verlopen_actie(demo, traject, "PI-ALMELO")
    services.scan(vandaag=vandaag())
    a = Actie.objects.select_related("organisatie", "basisvoorwaarde__traject").get(pk=a.pk)
    trajectdiensten.zet_actiestatus(
        acting_user=demo["casemanager1"],
        actie=a,
        versie=a.versie,
        status="vervallen",
        vervallen_reden="Niet meer nodig",
    )
    sig = Signalering.objects.get(actie=a)
    assert sig.opgelost_datum == vandaag() and sig.vervallen


def test_a_flag_resolved_by_the_scan_when_the_action_was_closed_without_the_signal(demo, traject):
    """E.g. an action closed by a data correction: the next scan resolves it all the same."""
    a = verlopen_actie(demo, traject, "GM0153", dagen=2)
    services.scan(vandaag=vandaag())
    Actie.objects.filter(pk=a.pk).update(status="gedaan", afgerond_datum=vandaag())
    resultaat = services.scan(vandaag=vandaag())
    assert (traject.pk, SOORT, a.uiterlijk_datum) in resultaat.opgelost
    assert Signalering.objects.get(actie=a).opgelost_datum == vandaag()


def test_the_scan_costs_the_same_queries_for_1_or_12_overdue_actions(demo, traject):
    verlopen_actie(demo, traject, "PI-ALMELO")
    services.scan(vandaag=vandaag())  # the flags of the first run exist; count a fresh day

    def tel(dag):
        with CaptureQueriesContext(connection) as ctx:
            services.scan(vandaag=dag)
        return len(ctx)

    Signalering.objects.all().delete()
    een = tel(vandaag())
    Signalering.objects.all().delete()
    for i in range(4):
        for code in ("PI-ALMELO", "GM0153", "RN"):
            verlopen_actie(demo, traject, code, dagen=i + 1)
    assert tel(vandaag()) == een


def test_the_scan_settles_each_open_action_flag_as_its_action_now_stands(demo, traject):
    """The flags of overdue actions are settled in one statement (issue 18); each outcome as
    before: still overdue stays open; done or dropped by a data correction resolves on the day
    it was done (dropped also lapses); a moved or cleared due date lapses today; a released
    person's flags lapse today."""
    from trajecten.models import Traject

    gisteren = vandaag() - timedelta(days=1)
    nog_open = verlopen_actie(demo, traject, "PI-ALMELO", dagen=4, wat="nog open")
    gedaan = verlopen_actie(demo, traject, "PI-ALMELO", dagen=5, wat="gedaan")
    vervallen = verlopen_actie(demo, traject, "GM0153", dagen=6, wat="vervallen")
    verschoven = verlopen_actie(demo, traject, "GM0153", dagen=7, wat="verschoven")
    gewist = verlopen_actie(demo, traject, "RN", dagen=8, wat="gewist")
    services.scan(vandaag=gisteren)
    assert Signalering.objects.filter(soort=SOORT, opgelost_datum__isnull=True).count() == 5

    Actie.objects.filter(pk=gedaan.pk).update(status="gedaan", afgerond_datum=gisteren)
    Actie.objects.filter(pk=vervallen.pk).update(
        status="vervallen", afgerond_datum=gisteren, vervallen_reden="Niet meer nodig"
    )
    Actie.objects.filter(pk=verschoven.pk).update(uiterlijk_datum=vandaag() + timedelta(days=9))
    Actie.objects.filter(pk=gewist.pk).update(uiterlijk_datum=None)
    resultaat = services.scan(vandaag=vandaag())

    def stand(actie):
        sig = Signalering.objects.get(actie=actie)
        return sig.opgelost_datum, sig.vervallen

    assert stand(nog_open) == (None, False)
    assert stand(gedaan) == (gisteren, False)
    assert stand(vervallen) == (gisteren, True)
    assert stand(verschoven) == (vandaag(), True)
    assert stand(gewist) == (vandaag(), True)
    assert Signalering.objects.filter(soort=SOORT, opgelost_datum__isnull=True).count() == 1
    assert {(t, a) for t, _s, a in resultaat.opgelost if _s == SOORT} == {
        (traject.pk, gedaan.uiterlijk_datum),
        (traject.pk, vervallen.uiterlijk_datum),
        (traject.pk, verschoven.uiterlijk_datum),
        (traject.pk, gewist.uiterlijk_datum),
    }

    Traject.objects.filter(pk=traject.pk).update(fase="na_detentie", uitstroom_datum=vandaag())
    services.scan(vandaag=vandaag() + timedelta(days=1))
    assert stand(nog_open) == (vandaag() + timedelta(days=1), True)


def test_an_overdue_action_of_a_released_person_is_not_flagged(demo, traject):
    """The scan watches cases in detention: after release the PI's actions are no longer its
    alarm (issue 18 moved this condition into the join; it must still hold)."""
    from trajecten.keuzes import Fase
    from trajecten.models import Traject

    verlopen_actie(demo, traject, "GM0153")
    Traject.objects.filter(pk=traject.pk).update(
        fase=Fase.NA_DETENTIE, uitstroom_datum=vandaag() - timedelta(days=3)
    )
    services.scan(vandaag=vandaag())
    assert not Signalering.objects.filter(soort=SOORT).exists()


def test_a_flag_that_stands_does_not_keep_out_another_actions_flag_of_the_same_day(demo, traject):
    """The flags that exist are left out before the INSERT (issue 18): only the same action
    and due day, not another action of the same case due the same day."""
    een = verlopen_actie(demo, traject, "PI-ALMELO", wat="een")
    services.scan(vandaag=vandaag())
    twee = verlopen_actie(demo, traject, "PI-ALMELO", wat="twee")
    resultaat = services.scan(vandaag=vandaag())
    assert [s for s in resultaat.nieuw if s[1] == SOORT] != []
    assert set(Signalering.objects.filter(soort=SOORT).values_list("actie_id", flat=True)) == {
        een.pk,
        twee.pk,
    }
    assert ontvangers(twee) == {"casemanager1"}


def test_a_deadline_flag_that_stands_keeps_out_only_its_own_kind_and_day(demo, traject):
    """`voeg_in` against the flags of the case: the same kind and day is left out; another kind
    on that day, or the same kind on another day, is new."""
    from signalering.invoegen import voeg_in

    dag = vandaag() - timedelta(days=1)
    assert len(voeg_in([(traject.pk, None, "mdo", dag)], vandaag=vandaag())) == 1
    nieuw = voeg_in(
        [
            (traject.pk, None, "mdo", dag),
            (traject.pk, None, "startoverleg", dag),
            (traject.pk, None, "mdo", dag - timedelta(days=1)),
        ],
        vandaag=vandaag(),
    )
    assert sorted((s, u) for _i, _t, _a, s, u in nieuw) == [
        ("mdo", dag - timedelta(days=1)),
        ("startoverleg", dag),
    ]
