"""The benefit application's flag in the morning scan (issue 11): a trajectory four weeks
(20 working days) before its expected release without a benefit application is flagged the next
morning to its casemanager; not when the application is requested; not after release."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ketenpartners.models import Organisatie
from signalering import services
from signalering.models import Notificatie, Signalering, Signaleringssoort
from trajecten import services as trajectdiensten
from trajecten.deadlines import plus_werkdagen, volgende_werkdag
from trajecten.keuzes import Domein, Fase, VoorbereidingStatus
from trajecten.models import Basisvoorwaarde, Traject, VoorbereidingSoort
from trajecten.selectors import brugdagen

SOORT = Signaleringssoort.UITKERING_AANVRAAG


def vandaag() -> date:
    return volgende_werkdag(timezone.localdate(), brugdagen=brugdagen())


def morgen() -> date:
    """The next morning's scan: the next working day."""
    return plus_werkdagen(vandaag(), 1, brugdagen=brugdagen())


def vier_weken_voor_uitstroom(demo, achternaam="de Vries") -> Traject:
    """Expected release 20 working days after today: today is the benefit deadline."""
    return trajectdiensten.neem_op(
        acting_user=demo["casemanager1"],
        voornamen="Jan",
        achternaam=achternaam,
        geboortedatum=date(1985, 1, 1),
        binnenkomst_datum=timezone.localdate() - timedelta(days=40),
        verwachte_uitstroom_datum=plus_werkdagen(vandaag(), 20, brugdagen=brugdagen()),
        gemelde_gemeente=Organisatie.objects.get(code="GM0153"),
        casemanager=demo["casemanager1"],
    )


def vraag_uitkering_aan(demo, traject, status=VoorbereidingStatus.AANGEVRAAGD):
    return trajectdiensten.voeg_voorbereiding_toe(
        acting_user=demo["casemanager1"],
        basisvoorwaarde=Basisvoorwaarde.objects.select_related("traject").get(
            traject=traject, domein=Domein.WERK_INKOMEN
        ),
        soort=VoorbereidingSoort.objects.get(code="uitkering_aanvraag"),
        status=status,
    )


def vlaggen():
    return list(
        Signalering.objects.filter(soort=SOORT).values_list(
            "traject_id", "uiterlijk", "opgelost_datum", "vervallen"
        )
    )


@pytest.mark.django_db
def test_four_weeks_before_release_without_a_benefit_application_is_flagged_next_morning(demo):
    t = vier_weken_voor_uitstroom(demo)
    services.scan(vandaag=vandaag())
    assert vlaggen() == []  # the deadline day itself is not late yet
    resultaat = services.scan(vandaag=morgen())
    assert vlaggen() == [(t.pk, vandaag(), None, False)]
    assert (t.pk, str(SOORT), vandaag()) in resultaat.nieuw
    notificaties = Notificatie.objects.filter(signalering__soort=SOORT)
    assert [n.ontvanger for n in notificaties] == [demo["casemanager1"]]
    # Idempotent: the next run finds it, adds nothing.
    services.scan(vandaag=morgen())
    assert len(vlaggen()) == 1 and notificaties.count() == 1
    # Requested: the next scan resolves it with the day it was requested.
    vraag_uitkering_aan(demo, t)
    services.scan(vandaag=morgen())
    assert vlaggen() == [(t.pk, vandaag(), timezone.localdate(), False)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "status",
    [VoorbereidingStatus.AANGEVRAAGD, VoorbereidingStatus.GEREGELD, VoorbereidingStatus.NIET_NODIG],
)
def test_not_flagged_when_the_application_is_requested_or_not_needed(demo, status):
    t = vier_weken_voor_uitstroom(demo)
    vraag_uitkering_aan(demo, t, status=status)
    services.scan(vandaag=morgen())
    assert vlaggen() == []


@pytest.mark.django_db
def test_not_flagged_while_it_is_only_planned(demo):
    t = vier_weken_voor_uitstroom(demo)
    vraag_uitkering_aan(demo, t, status=VoorbereidingStatus.NOG_NIET_GESTART)
    services.scan(vandaag=morgen())
    assert [v[0] for v in vlaggen()] == [t.pk]


@pytest.mark.django_db
def test_not_flagged_after_release(demo):
    """Released the day after the deadline, before the next scan: nothing is flagged, though
    the deadline was missed while in detention (the gemeente carries on from the handover)."""
    t = vier_weken_voor_uitstroom(demo)
    Traject.objects.filter(pk=t.pk).update(fase=Fase.NA_DETENTIE, uitstroom_datum=morgen())
    services.scan(vandaag=plus_werkdagen(morgen(), 1, brugdagen=brugdagen()))
    assert vlaggen() == []


@pytest.mark.django_db
def test_a_moved_release_date_lets_the_flag_lapse(demo):
    t = vier_weken_voor_uitstroom(demo)
    services.scan(vandaag=morgen())
    Traject.objects.filter(pk=t.pk).update(
        verwachte_uitstroom_datum=plus_werkdagen(vandaag(), 60, brugdagen=brugdagen())
    )
    services.scan(vandaag=morgen())
    assert vlaggen() == [(t.pk, vandaag(), morgen(), True)]


@pytest.mark.django_db
def test_the_scan_costs_the_same_queries_for_one_or_many_trajectories(demo):
    """Each measured run starts from no flags, so both insert, notify and resolve alike."""
    vier_weken_voor_uitstroom(demo, "Een")
    with CaptureQueriesContext(connection) as een:
        services.scan(vandaag=morgen())
    Signalering.objects.all().delete()
    for naam in ("Twee", "Drie", "Vier"):
        vier_weken_voor_uitstroom(demo, naam)
    with CaptureQueriesContext(connection) as vier:
        services.scan(vandaag=morgen())
    assert len(vlaggen()) == 4
    assert len(vier) == len(een)


@pytest.mark.django_db
def test_the_demo_data_has_a_trajectory_of_casemanager1_flagged_the_next_morning(demo):
    import io

    from django.core.management import call_command

    from trajecten.models import Voorbereiding

    call_command("seed_demo", "--force", stdout=io.StringIO())
    call_command("seed_demo", "--force", stdout=io.StringIO())  # idempotent
    services.scan(vandaag=morgen())
    gevlagd = Signalering.objects.filter(soort=SOORT).select_related("traject__gedetineerde")
    namen = {s.traject.gedetineerde.achternaam for s in gevlagd}
    assert "Hoekstra" in namen
    ruben = next(s.traject for s in gevlagd if s.traject.gedetineerde.voornamen == "Ruben")
    assert ruben.casemanager == demo["casemanager1"]
    from demo.voorbereidingen import verwachte_uitstroom

    assert ruben.verwachte_uitstroom_datum == verwachte_uitstroom(timezone.localdate())
    assert not Voorbereiding.objects.filter(
        basisvoorwaarde__traject=ruben, soort__code="uitkering_aanvraag"
    ).exists()
    # Others of casemanager1 carry preparations filled in.
    assert Voorbereiding.objects.filter(status="geregeld").count() >= 3


@pytest.mark.django_db
def test_resolving_the_flags_reads_the_rows_unsorted_so_the_planner_can_join_them(demo):
    """Found at national volume (issue 18): the UPDATE that resolves the benefit flags read
    its rows through a subquery with the trajectories' default ORDER BY. A sorted subquery
    cannot be merged into the join, and right after a scan had created many flags (statistics
    not yet refreshed) PostgreSQL re-sorted all 3,935 rows once per flag: 4.2 s instead of
    19 ms."""
    traject = vier_weken_voor_uitstroom(demo)
    services.scan(vandaag=morgen())
    vraag_uitkering_aan(demo, traject)
    with CaptureQueriesContext(connection) as ctx:
        services.scan(vandaag=morgen())
    updates = [q["sql"] for q in ctx.captured_queries if "opgelost_datum = COALESCE" in q["sql"]]
    assert len(updates) == 1
    # (the subquery that picks the application has its own ORDER BY … LIMIT 1; that one stays)
    assert 'ORDER BY "trajecten_traject".' not in updates[0]
    assert [(t, o is not None) for t, _u, o, _v in vlaggen()] == [(traject.pk, True)]


@pytest.mark.django_db
def test_a_scan_that_adds_many_flags_refreshes_their_statistics_after_it_commits(
    demo, monkeypatch, django_capture_on_commit_callbacks
):
    """Found at national volume (issue 18): after the first scan's 44,435 flags, PostgreSQL
    still estimated the open flags at a handful until autovacuum came round, and planned the
    next scan's resolving UPDATEs as nested loops over all of them. A scan that adds more than
    `ANALYSEER_NA_NIEUW` flags analyses the flag tables once it has committed."""

    def geschat() -> float:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE oid = 'signalering_signalering'::regclass"
            )
            return cursor.fetchone()[0]

    vier_weken_voor_uitstroom(demo)
    with django_capture_on_commit_callbacks() as gewoon:
        services.scan(vandaag=morgen())
    assert services._analyseer_signaleringen not in gewoon  # a normal morning: autovacuum's
    Signalering.objects.all().delete()
    monkeypatch.setattr(services, "ANALYSEER_NA_NIEUW", 0)
    with django_capture_on_commit_callbacks(execute=True) as veel:
        services.scan(vandaag=morgen())
    assert services._analyseer_signaleringen in veel
    assert geschat() == Signalering.objects.count() >= 1
