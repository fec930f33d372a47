"""Demo release preparations (issue 11): one trajectory of casemanager1 whose expected release
is 20 working days away with no benefit application (the morning scan flags it the next
working day), and preparations filled in on others, through the services."""

from datetime import date, timedelta

from ketenpartners.models import Medewerker, Organisatie
from trajecten import services
from trajecten.deadlines import is_werkdag, plus_werkdagen
from trajecten.keuzes import IN_DETENTIE, BVStatus, Domein, VoorbereidingStatus
from trajecten.models import Basisvoorwaarde, Gedetineerde, Traject, VoorbereidingSoort
from trajecten.selectors import brugdagen

NAAM = ("Ruben", "Hoekstra", date(1991, 9, 9))


def verwachte_uitstroom(vandaag: date) -> date:
    """20 working days after the last working day up to today: that day is the benefit
    application's deadline, so the next working morning's scan flags it."""
    vrij = brugdagen()
    dag = vandaag
    while not is_werkdag(dag, brugdagen=vrij):
        dag -= timedelta(days=1)
    return plus_werkdagen(dag, 20, brugdagen=vrij)


def _bv(traject: Traject, domein: str) -> Basisvoorwaarde:
    return Basisvoorwaarde.objects.select_related("traject").get(traject=traject, domein=domein)


def _voeg_toe(cm, traject, naam, **velden):
    soort = VoorbereidingSoort.objects.get(naam=naam)
    bv = _bv(traject, soort.domein)
    if bv.voorbereidingen.filter(soort=soort).exists():
        return None
    return services.voeg_voorbereiding_toe(
        acting_user=cm, basisvoorwaarde=bv, soort=soort, **velden
    )


def maak_demo_voorbereidingen(*, vandaag: date) -> int:
    voornamen, achternaam, geboren = NAAM
    if Gedetineerde.objects.filter(
        voornamen=voornamen, achternaam=achternaam, geboortedatum=geboren
    ).exists():
        return 0
    cm = Medewerker.objects.get(username="casemanager1")
    enschede = Organisatie.objects.get(code="GM0153")
    binnen = vandaag - timedelta(days=62)
    traject = services.neem_op(
        acting_user=cm,
        voornamen=voornamen,
        achternaam=achternaam,
        geboortedatum=geboren,
        binnenkomst_datum=binnen,
        verwachte_uitstroom_datum=verwachte_uitstroom(vandaag),
        gemelde_gemeente=enschede,
        casemanager=cm,
    )
    werk = _bv(traject, Domein.WERK_INKOMEN)
    services.werk_basisvoorwaarde_bij(
        acting_user=cm,
        basisvoorwaarde=werk,
        versie=werk.versie,
        status=BVStatus.NIET_OP_ORDE,
        hulpvraag="Geen inkomen na uitstroom: bijstandsaanvraag in de PI voorbereiden.",
        uitvoerende_partner=enschede,
    )
    # The benefit application is deliberately missing: tomorrow's scan flags it.
    _voeg_toe(
        cm,
        traject,
        "ID-bewijs aangevraagd",
        status=VoorbereidingStatus.AANGEVRAAGD,
        organisatie=enschede,
        aangevraagd_datum=vandaag - timedelta(days=10),
        verwacht_datum=vandaag + timedelta(days=14),
        toelichting="Pasfoto gemaakt in de PI; ophalen bij de balie in Enschede.",
    )
    _voeg_toe(cm, traject, "Bankrekening", organisatie=traject.pi)
    gemaakt = 1

    # Filled in on others of casemanager1 that are in detention and arrived a while ago.
    anderen = (
        Traject.objects.filter(
            casemanager=cm,
            fase__in=IN_DETENTIE,
            binnenkomst_datum__lte=vandaag - timedelta(days=20),
        )
        .exclude(pk=traject.pk)
        .order_by("binnenkomst_datum")[:6]
    )
    for i, t in enumerate(anderen):
        gemeente = t.gemeente or t.pi
        aangevraagd = max(t.binnenkomst_datum, vandaag - timedelta(days=7))
        _voeg_toe(
            cm,
            t,
            "Uitkering aangevraagd (voorbereid in de PI)",
            status=VoorbereidingStatus.AANGEVRAAGD
            if i % 2
            else VoorbereidingStatus.NOG_NIET_GESTART,
            organisatie=t.pi,
            aangevraagd_datum=aangevraagd if i % 2 else None,
        )
        _voeg_toe(
            cm,
            t,
            "Zorgverzekering geregeld",
            status=VoorbereidingStatus.GEREGELD,
            organisatie=t.pi,
            aangevraagd_datum=aangevraagd,
            gereed_datum=aangevraagd,
        )
        _voeg_toe(
            cm,
            t,
            "Ingeschreven als woningzoekende",
            status=VoorbereidingStatus.NOG_NIET_GESTART,
            organisatie=gemeente,
            verwacht_datum=vandaag + timedelta(days=21),
        )
    return gemaakt  # new trajectories; the others were already counted
