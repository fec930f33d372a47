"""A small region, built through the services, whose dashboard figures are computed by hand in
test_figures.py. `M` is the month three months back; most trajectories arrive on its 2nd."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from dashboard.periode import maand_plus
from ketenpartners.models import Organisatie
from trajecten import services
from trajecten.deadlines import plus_werkdagen
from trajecten.keuzes import BVStatus, Domein, Gesprekssoort, Kanaal, Regie, Titel
from trajecten.models import Basisvoorwaarde, Traject
from trajecten.selectors import brugdagen


def moment(dag: date, uur: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(dag, time(uur)))


def gemeente(code: str) -> Organisatie:
    return Organisatie.objects.get(code=code)


def neem_op(cm, naam: str, binnen: date, *, gemeente_code="GM0153", backdate=True, **kwargs):
    t = services.neem_op(
        acting_user=cm,
        voornamen="Test",
        achternaam=naam,
        geboortedatum=date(1985, 1, 1),
        binnenkomst_datum=binnen,
        gemelde_gemeente=gemeente(gemeente_code),
        **kwargs,
    )
    if backdate:  # intake on the day of arrival, as the demo data does
        Traject.objects.filter(pk=t.pk).update(aangemaakt_op=moment(binnen))
        t.refresh_from_db()
    return t


def contact(cm, t, dag: date) -> None:
    """Screening and contact with the gemeente on `dag`: together they meet the ten-day step
    (issue 11). Domains still unassessed are marked "in behandeling" on that day, so the
    figures about domains "op orde" stay as the tests count them."""
    Basisvoorwaarde.objects.filter(traject=t, status=BVStatus.ONBEKEND).update(
        status=BVStatus.IN_BEHANDELING, hulpvraag="Nog uitzoeken", gewijzigd_op=moment(dag)
    )
    services.registreer_contactmoment(
        acting_user=cm,
        traject=t,
        organisatie=t.gemeente,
        kanaal=Kanaal.TELEFOON,
        datum=dag,
        samenvatting="Gebeld met nazorg",
    )


def plan_vastgesteld(cm, t, dag: date) -> None:
    services.bewerk_plan(
        acting_user=cm,
        traject=t,
        versie=t.plan.versie,
        begeleidingsplan="Begeleiding",
        doelen="Doelen",
        activiteiten="",
        regie=Regie.PI,
        monitoring="",
        gespreksfrequentie_weken=6,
    )
    t.refresh_from_db()
    services.stel_plan_vast(acting_user=cm, traject=t, versie=t.plan.versie, vastgesteld_datum=dag)


def gesprek(cm, t, dag: date, soort=Gesprekssoort.STARTOVERLEG) -> None:
    g = services.plan_gesprek(
        acting_user=cm, traject=t, soort=soort, gepland_op=moment(dag, 10), plaats="PI"
    )
    services.leg_gesprek_vast(acting_user=cm, gesprek=g, gehouden_datum=dag, verslag="Gehouden")


def op_orde(cm, t, *domeinen: str) -> None:
    for b in t.basisvoorwaarden.filter(domein__in=domeinen):
        services.werk_basisvoorwaarde_bij(
            acting_user=cm,
            basisvoorwaarde=b,
            versie=b.versie,
            status=BVStatus.OP_ORDE,
            hulpvraag="",
        )


def uitstroom(cm, t, dag: date) -> None:
    t.refresh_from_db()
    services.registreer_uitstroom(
        toch_versturen=True,
        reden="Toch versturen (test)",
        acting_user=cm,
        traject=t,
        versie=t.versie,
        uitstroom_datum=dag,
        titel=Titel.GEEN,
    )


def gezien_na(t, werkdagen: int, *, opgepakt_na: int | None = None) -> None:
    """The gemeente saw (and took on) the case this many working days after registration."""
    vrij = brugdagen()
    basis = timezone.localdate(t.aangemaakt_op)
    velden = {"gezien_door_gemeente_op": moment(plus_werkdagen(basis, werkdagen, brugdagen=vrij))}
    if opgepakt_na is not None:
        velden["opgepakt_op"] = moment(plus_werkdagen(basis, opgepakt_na, brugdagen=vrij), 15)
    Traject.objects.filter(pk=t.pk).update(**velden)


@dataclass
class Regio:
    vandaag: date
    maand: date  # M
    binnen: date  # M, day 2
    trajecten: dict[str, Traject]


@pytest.fixture
def regio(demo) -> Regio:
    """PI Almelo (Twente, VR05), casemanager1:
    A: contact +1, plan +7, startoverleg +7 (all on time), MDO held (not a trajectgesprek), LVB
    B: contact +60, plan +45 (both late), no startoverleg (missed)
    C: nothing (all missed), expected stay 90 days (short)
    D: released on day +1 (deadlines lapse), ID and housing in order at release
    E: contact +60 (late), plan +10 (on time), startoverleg +40 (late)
    G: contact +2, plan +14 (on time), no startoverleg (missed)
    F: arrived yesterday (all open), LVB, expected stay 30 days (short); not backdated
    H: arrived 7 months back (outside the period), released M+18 with ID and work in order
    Gemeenten: A, B, C, F, H Enschede; E, G Hengelo; D Almelo. Enschede saw A after 2 and B
    after 4 working days and took on B after 6; Almelo saw D after 1; Hengelo never answered.
    And one trajectory at PI Nieuwersluis (another region) that would change every figure."""
    cm = demo["casemanager1"]
    vandaag = timezone.localdate()
    m = maand_plus(vandaag.replace(day=1), -3)
    b = m.replace(day=2)
    d = timedelta
    t = {}
    t["A"] = neem_op(cm, "Anker", b, lvb=True, verwachte_uitstroom_datum=b + d(200))
    contact(cm, t["A"], b + d(1))
    plan_vastgesteld(cm, t["A"], b + d(7))
    gesprek(cm, t["A"], b + d(7))
    gesprek(cm, t["A"], b + d(8), soort=Gesprekssoort.MDO)
    t["B"] = neem_op(cm, "Bos", b)
    contact(cm, t["B"], b + d(60))
    plan_vastgesteld(cm, t["B"], b + d(45))
    t["C"] = neem_op(cm, "Claes", b, verwachte_uitstroom_datum=b + d(90))
    t["D"] = neem_op(cm, "Dekker", b, gemeente_code="GM0141")
    op_orde(cm, t["D"], Domein.ID_BEWIJS, Domein.HUISVESTING)
    uitstroom(cm, t["D"], b + d(1))
    t["E"] = neem_op(cm, "Eerden", b, gemeente_code="GM0164")
    contact(cm, t["E"], b + d(60))
    plan_vastgesteld(cm, t["E"], b + d(10))
    gesprek(cm, t["E"], b + d(40))
    t["G"] = neem_op(cm, "Groen", b, gemeente_code="GM0164")
    contact(cm, t["G"], b + d(2))
    plan_vastgesteld(cm, t["G"], b + d(14))
    gisteren = vandaag - d(1)
    t["F"] = neem_op(
        cm, "Fokker", gisteren, backdate=False, lvb=True, verwachte_uitstroom_datum=gisteren + d(30)
    )
    h_binnen = maand_plus(vandaag.replace(day=1), -7)
    t["H"] = neem_op(cm, "Hoek", h_binnen)
    op_orde(cm, t["H"], Domein.ID_BEWIJS, Domein.WERK_INKOMEN)
    uitstroom(cm, t["H"], m.replace(day=18))
    gezien_na(t["A"], 2)
    gezien_na(t["B"], 4, opgepakt_na=6)
    gezien_na(t["D"], 1)
    ander = neem_op(demo["casemanager2"], "Elders", b, gemeente_code="GM0599", lvb=True)
    contact(demo["casemanager2"], ander, b + d(1))
    gesprek(demo["casemanager2"], ander, b + d(3))
    return Regio(vandaag=vandaag, maand=m, binnen=b, trajecten=t)
