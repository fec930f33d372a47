"""The ten-day step, "screening en contact gemeente", as the report defines it (issue 11): met
only when (a) every domain is assessed, (b) the gemeente was reached — a contact moment either
side logs, or the informatieblad shared with and seen by the gemeente — and (c) where a
reclassering is involved, it was reached too. Met on the latest of the parts' days."""

from datetime import date, datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ketenpartners.models import Organisatie
from nazorg import services as nazorgdiensten
from trajecten import selectors, services
from trajecten.access import trajecten_voor_bewaking
from trajecten.deadlines import Termijnsoort, Termijnstatus
from trajecten.keuzes import BVStatus, Domein, Titel
from trajecten.models import Basisvoorwaarde, InformatiebladGedeeld, Traject

from ..factories import screen

ENSCHEDE = "GM0153"
BINNEN = date(2026, 4, 20)  # DOMAIN.md: the ten-day deadline is Wednesday 6 May 2026
UITERLIJK = date(2026, 5, 6)
PEILDATUM = date(2026, 6, 1)


def intake(demo, naam="Tiendagen") -> Traject:
    t = services.neem_op(
        acting_user=demo["casemanager1"],
        voornamen="Tim",
        achternaam=naam,
        geboortedatum=date(1988, 3, 3),
        binnenkomst_datum=BINNEN,
        gemelde_gemeente=Organisatie.objects.get(code=ENSCHEDE),
    )
    Traject.objects.filter(pk=t.pk).update(
        aangemaakt_op=timezone.make_aware(datetime.combine(BINNEN, time(9)))
    )
    t.refresh_from_db()
    return t


def met_reclassering(demo, t: Traject) -> Traject:
    services.werk_traject_bij(
        acting_user=demo["casemanager1"],
        traject=t,
        versie=t.versie,
        verwachte_uitstroom_datum=None,
        casemanager=demo["casemanager1"],
        mentor=None,
        reclassering=Organisatie.objects.get(code="RN"),
        reclassering_team=None,
        reclasseringswerker=demo["reclassering1"],
        titel=Titel.ONBEKEND,
    )
    t.refresh_from_db()
    return t


def contact(user, t, organisatie, dag: date):
    services.registreer_contactmoment(
        acting_user=user,
        traject=t,
        organisatie=organisatie,
        kanaal="telefoon",
        datum=dag,
        samenvatting="Afgestemd",
    )


def stap(t: Traject, vandaag: date = PEILDATUM):
    """The ten-day deadline and its parts, as the case page computes them."""
    rij = selectors.met_termijndata(Traject.objects.filter(pk=t.pk)).get()
    termijn = next(
        x
        for x in selectors.termijnen_van(rij, vandaag=vandaag, vrije_dagen=selectors.brugdagen())
        if x.soort == Termijnsoort.CONTACT_GEMEENTE
    )
    from trajecten.statussen import tiendagenstap

    return termijn, {d.code: (d.gehaald, d.datum) for d in tiendagenstap(rij)}


@pytest.mark.django_db
def test_contact_with_the_gemeente_alone_does_not_meet_it(demo):
    # The old rule: any contact moment with a gemeente met the step, four "onbekend" or not.
    t = intake(demo)
    screen(t, op=BINNEN, statussen={d: BVStatus.ONBEKEND for d in Domein.values[:4]})
    contact(demo["casemanager1"], t, t.gemeente, BINNEN + timedelta(days=2))
    termijn, delen = stap(t)
    assert termijn.status == Termijnstatus.GEMIST
    assert delen == {"screening": (False, None), "gemeente": (True, date(2026, 4, 22))}


@pytest.mark.django_db
def test_screening_alone_does_not_meet_it(demo):
    t = intake(demo)
    screen(t, op=BINNEN + timedelta(days=1))
    termijn, delen = stap(t)
    assert termijn.status == Termijnstatus.GEMIST
    assert delen["screening"] == (True, date(2026, 4, 21))
    assert delen["gemeente"] == (False, None)


@pytest.mark.django_db
def test_met_on_the_latest_of_the_parts_days(demo):
    t = intake(demo)
    contact(demo["casemanager1"], t, t.gemeente, date(2026, 4, 22))
    screen(t, op=date(2026, 5, 4))
    termijn, _delen = stap(t)
    assert (termijn.status, termijn.gehaald_datum) == (Termijnstatus.GEHAALD, date(2026, 5, 4))


@pytest.mark.django_db
def test_screening_finished_late_makes_it_te_laat_gehaald(demo):
    t = intake(demo)
    contact(demo["casemanager1"], t, t.gemeente, date(2026, 4, 22))
    screen(t, op=date(2026, 5, 11))
    termijn, _delen = stap(t)
    assert termijn.status == Termijnstatus.TE_LAAT_GEHAALD
    assert termijn.gehaald_datum == date(2026, 5, 11)


@pytest.mark.django_db
def test_a_later_update_of_an_assessed_domain_does_not_move_the_screening_day(demo):
    t = intake(demo)
    screen(t, op=date(2026, 4, 23))
    contact(demo["casemanager1"], t, t.gemeente, date(2026, 4, 24))
    bv = Basisvoorwaarde.objects.get(traject=t, domein=Domein.HUISVESTING)
    services.werk_basisvoorwaarde_bij(  # today, long after the deadline
        acting_user=demo["casemanager1"],
        basisvoorwaarde=bv,
        versie=bv.versie,
        status=BVStatus.NIET_OP_ORDE,
        hulpvraag="Woning kwijt",
    )
    termijn, delen = stap(t)
    assert delen["screening"] == (True, date(2026, 4, 23))
    assert termijn.status == Termijnstatus.GEHAALD


@pytest.mark.django_db
def test_a_domain_set_back_to_onbekend_reopens_it(demo):
    t = intake(demo)
    screen(t, op=date(2026, 4, 23), statussen={Domein.ZORG: BVStatus.ONBEKEND})
    contact(demo["casemanager1"], t, t.gemeente, date(2026, 4, 24))
    assert stap(t)[0].status == Termijnstatus.GEMIST


@pytest.mark.django_db
def test_a_contact_the_gemeente_logs_itself_counts(demo):
    t = intake(demo)
    screen(t, op=date(2026, 4, 21))
    # nazorg1 (Enschede) logs a call with the PI: the gemeente's side of the contact
    contact(demo["nazorg1"], t, t.pi, date(2026, 4, 28))
    termijn, delen = stap(t)
    assert delen["gemeente"] == (True, date(2026, 4, 28))
    assert (termijn.status, termijn.gehaald_datum) == (Termijnstatus.GEHAALD, date(2026, 4, 28))


def _deel_en_zie(demo, t, gedeeld: date | None, gezien: date | None):
    if gedeeld:
        services.deel_informatieblad(acting_user=demo["casemanager1"], traject=t)
        InformatiebladGedeeld.objects.filter(traject=t).update(
            gedeeld_op=timezone.make_aware(datetime.combine(gedeeld, time(11)))
        )
    if gezien:
        nazorgdiensten.bevestig_ontvangst(acting_user=demo["nazorg1"], traject=t)
        Traject.objects.filter(pk=t.pk).update(
            gezien_door_gemeente_op=timezone.make_aware(datetime.combine(gezien, time(15)))
        )


@pytest.mark.django_db
def test_the_informatieblad_shared_and_seen_by_the_gemeente_counts(demo):
    t = intake(demo)
    screen(t, op=date(2026, 4, 21))
    _deel_en_zie(demo, t, gedeeld=date(2026, 4, 22), gezien=date(2026, 4, 24))
    termijn, delen = stap(t)
    assert delen["gemeente"] == (True, date(2026, 4, 24))  # the later of shared and seen
    assert (termijn.status, termijn.gehaald_datum) == (Termijnstatus.GEHAALD, date(2026, 4, 24))


@pytest.mark.django_db
def test_the_informatieblad_shared_but_not_seen_does_not_count(demo):
    t = intake(demo)
    screen(t, op=date(2026, 4, 21))
    _deel_en_zie(demo, t, gedeeld=date(2026, 4, 22), gezien=None)
    termijn, delen = stap(t)
    assert delen["gemeente"] == (False, None)
    assert termijn.status == Termijnstatus.GEMIST


@pytest.mark.django_db
def test_seen_but_never_shared_does_not_count(demo):
    t = intake(demo)
    screen(t, op=date(2026, 4, 21))
    _deel_en_zie(demo, t, gedeeld=None, gezien=date(2026, 4, 22))
    assert stap(t)[1]["gemeente"] == (False, None)


@pytest.mark.django_db
def test_with_a_reclassering_involved_its_contact_is_required(demo):
    t = met_reclassering(demo, intake(demo))
    screen(t, op=date(2026, 4, 21))
    contact(demo["casemanager1"], t, t.gemeente, date(2026, 4, 22))
    termijn, delen = stap(t)
    assert delen["reclassering"] == (False, None)
    assert termijn.status == Termijnstatus.GEMIST
    # the reclassering logs the contact itself, late
    contact(demo["reclassering1"], t, t.pi, date(2026, 5, 12))
    termijn, delen = stap(t)
    assert delen["reclassering"] == (True, date(2026, 5, 12))
    assert termijn.status == Termijnstatus.TE_LAAT_GEHAALD
    assert termijn.gehaald_datum == date(2026, 5, 12)


@pytest.mark.django_db
def test_without_a_reclassering_there_is_no_third_part(demo):
    t = intake(demo)
    _termijn, delen = stap(t)
    assert set(delen) == {"screening", "gemeente"}


@pytest.mark.django_db
def test_the_case_page_shows_each_part_with_its_mark_and_day(client, demo):
    t = met_reclassering(demo, intake(demo))
    screen(t, op=date(2026, 4, 21))
    contact(demo["nazorg1"], t, t.pi, date(2026, 4, 23))
    client.force_login(demo["casemanager1"])
    html = client.get(reverse("trajecten:detail", args=[t.pk])).content.decode()
    assert 'data-onderdeel="screening" data-gehaald="ja"' in html
    assert "ja, op 21 april 2026" in html and "ja, op 23 april 2026" in html
    assert 'data-onderdeel="gemeente" data-gehaald="ja"' in html
    assert 'data-onderdeel="reclassering" data-gehaald="nee"' in html


@pytest.mark.django_db
def test_one_query_for_the_scan_whatever_the_number_of_trajectories(demo):
    def tel() -> int:
        with CaptureQueriesContext(connection) as q:
            list(selectors.met_termijndata(trajecten_voor_bewaking()).values("pk"))
        return len(q.captured_queries)

    eerste = intake(demo, naam="Een")
    screen(eerste, op=BINNEN)
    assert tel() == 1
    for i in range(5):
        t = met_reclassering(demo, intake(demo, naam=f"Meer {i}"))
        screen(t, op=BINNEN + timedelta(days=i))
        contact(demo["nazorg1"], t, t.pi, BINNEN + timedelta(days=i + 1))
        services.deel_informatieblad(acting_user=demo["casemanager1"], traject=t)
    assert tel() == 1
