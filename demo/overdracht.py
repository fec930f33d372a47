"""Demo concept handover (issue 12): a trajectory of casemanager1 whose expected release is two
weeks away, inside the concept window, with a missing ID so the check before sending warns,
housing in hand with an open action, and one note on the concept. Through the services."""

from datetime import date, timedelta

from ketenpartners.models import Medewerker, Organisatie, Team
from trajecten import services
from trajecten.keuzes import BVStatus, Domein, Titel
from trajecten.models import Basisvoorwaarde, Gedetineerde, Traject

NAAM = ("Yusuf", "Demir", date(1994, 2, 11))


def _bv(traject: Traject, domein: str) -> Basisvoorwaarde:
    return Basisvoorwaarde.objects.select_related("traject").get(traject=traject, domein=domein)


def maak_demo_overdracht(*, vandaag: date) -> int:
    voornamen, achternaam, geboren = NAAM
    if Gedetineerde.objects.filter(
        voornamen=voornamen, achternaam=achternaam, geboortedatum=geboren
    ).exists():
        return 0
    cm = Medewerker.objects.get(username="casemanager1")
    enschede = Organisatie.objects.get(code="GM0153")
    rn = Organisatie.objects.get(code="RN")
    traject = services.neem_op(
        acting_user=cm,
        voornamen=voornamen,
        achternaam=achternaam,
        geboortedatum=geboren,
        binnenkomst_datum=vandaag - timedelta(days=120),
        verwachte_uitstroom_datum=vandaag + timedelta(days=14),
        gemelde_gemeente=enschede,
        casemanager=cm,
    )
    services.werk_traject_bij(
        acting_user=cm,
        traject=traject,
        versie=traject.versie,
        verwachte_uitstroom_datum=traject.verwachte_uitstroom_datum,
        casemanager=cm,
        mentor=None,
        reclassering=rn,
        reclassering_team=Team.objects.filter(organisatie=rn, naam="Oost").first(),
        reclasseringswerker=Medewerker.objects.get(username="reclassering1"),
        titel=Titel.VI,
    )
    stand = {
        Domein.ID_BEWIJS: (BVStatus.NIET_OP_ORDE, "ID-kaart verlopen; geen afspraak gemaakt."),
        Domein.HUISVESTING: (BVStatus.IN_BEHANDELING, "Kamer nodig in Enschede."),
        Domein.WERK_INKOMEN: (BVStatus.NIET_OP_ORDE, "Bijstand aanvragen voor de eerste maand."),
        Domein.FINANCIEN_SCHULDEN: (BVStatus.OP_ORDE, ""),
        Domein.ZORG: (BVStatus.OP_ORDE, ""),
        Domein.SOCIAAL_NETWERK: (BVStatus.OP_ORDE, ""),
    }
    for domein, (status, hulpvraag) in stand.items():
        bv = _bv(traject, domein)
        services.werk_basisvoorwaarde_bij(
            acting_user=cm,
            basisvoorwaarde=bv,
            versie=bv.versie,
            status=status,
            hulpvraag=hulpvraag,
        )
    services.voeg_actie_toe(
        acting_user=cm,
        basisvoorwaarde=_bv(traject, Domein.HUISVESTING),
        omschrijving="Aanmelding bij de maatschappelijke opvang versturen",
        organisatie=traject.pi,
        medewerker=cm,
        uiterlijk_datum=vandaag + timedelta(days=7),
    )
    services.bewaar_overdracht_notities(
        acting_user=cm,
        traject=traject,
        notities={Domein.HUISVESTING: "Voorkeur voor een kamer dicht bij zijn zus."},
        versies={},
    )
    return 1
