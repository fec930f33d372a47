"""About 60 demo trajectories across PI Almelo and PI Nieuwersluis, made through the services
so they are as real as what a casemanager enters: all phases, met and missed deadlines, short
stays, LVB, large and small return gemeenten. Dates are relative to `vandaag`."""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from ketenpartners.models import Medewerker, Organisatie, Team
from ketenpartners.rollen import Rol
from nazorg import services as nazorgdiensten
from trajecten import services
from trajecten.keuzes import BVStatus, Domein, Fase, Gesprekssoort, Kanaal, Regie, Titel
from trajecten.models import Basisvoorwaarde, Gedetineerde, Traject
from trajecten.validators import bsn_is_geldig

VOORNAMEN_M = [
    "Jan",
    "Mohamed",
    "Kevin",
    "Dennis",
    "Rachid",
    "Sven",
    "Mark",
    "Stefan",
    "Ricardo",
    "Youssef",
    "Tim",
    "Erik",
    "Bart",
    "Hakan",
    "Daan",
    "Milan",
]
VOORNAMEN_V = [
    "Sandra",
    "Fatma",
    "Priscilla",
    "Naomi",
    "Kim",
    "Samira",
    "Esther",
    "Chantal",
    "Melissa",
    "Aylin",
]
ACHTERNAMEN = [
    "de Vries",
    "Bakker",
    "Jansen",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Berg",
    "Schouten",
    "Willems",
    "Hoekstra",
    "Koster",
    "El Idrissi",
    "Yilmaz",
    "Öztürk",
    "Martina",
    "Pinas",
]
HULPVRAGEN = {
    Domein.ID_BEWIJS: "ID-kaart verlopen; aanvraag bij de gemeente voorbereiden, pasfoto in de PI.",
    Domein.HUISVESTING: "Geen woning na uitstroom; aanmelding maatschappelijke opvang of begeleid wonen.",
    Domein.WERK_INKOMEN: "Bijstandsaanvraag voorbereiden zodat de uitkering in de eerste week loopt.",
    Domein.FINANCIEN_SCHULDEN: "Schulden bij zorgverzekeraar en CJIB; aanmelden schuldhulpverlening.",
    Domein.ZORG: "Lopende behandeling verslavingszorg moet na uitstroom doorlopen; afspraak regelen.",
    Domein.SOCIAAL_NETWERK: "Contact met zus herstellen; afstand nemen van oude vriendenkring.",
}
GEMEENTEN = {
    "PI-ALMELO": ["GM0153"] * 8
    + ["GM0141"] * 4
    + ["GM0164", "GM0183", "GM1774", "GM1735", "GM0599", "GM0599"],
    "PI-NIEUWERSLUIS": ["GM0599"] * 6
    + ["GM0363", "GM0363", "GM0344", "GM0153", "GM1904", "GM0014", "GM0080"],
}


def _bsns():
    n = 123456780
    while True:
        n += 1
        if bsn_is_geldig(str(n)):
            yield str(n)


def _moment(d: date, uur: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(d, time(uur, 0)))


def maak_demo_trajecten(*, vandaag: date) -> int:
    if (
        Gedetineerde.objects.filter(bsn="123456782").exists()
        or Gedetineerde.objects.filter(
            achternaam="de Vries", voornamen="Jan", geboortedatum=date(1988, 3, 14)
        ).exists()
    ):
        return 0
    rnd = random.Random(2026)
    bsns = _bsns()
    rn = Organisatie.objects.get(code="RN")
    oost = Team.objects.get(organisatie=rn, naam="Oost")
    reclassering1 = Medewerker.objects.filter(username="reclassering1").first()
    gemaakt = 0
    plan = [("casemanager1", "PI-ALMELO", 34), ("casemanager2", "PI-NIEUWERSLUIS", 26)]
    for username, pi_code, aantal in plan:
        cm = Medewerker.objects.get(username=username)
        mentor = Medewerker.objects.filter(organisatie=cm.organisatie, rol=Rol.MENTOR).first()
        vrouwen = pi_code == "PI-NIEUWERSLUIS"
        for i in range(aantal):
            dagen_binnen = [2, 5, 9, 13, 16, 20, 26, 31, 38, 45, 60, 75, 90, 120, 150, 200][
                i % 16
            ] + rnd.randint(0, 3)
            binnen = vandaag - timedelta(days=dagen_binnen)
            lengte = rnd.choice([35, 50, 70, 85, 120, 180, 300, None])
            vrijgelaten = i % 11 == 10  # a few already released
            voornaam = rnd.choice(VOORNAMEN_V if vrouwen else VOORNAMEN_M)
            if i == 0 and not vrouwen:
                voornaam, achternaam, geboren = "Jan", "de Vries", date(1988, 3, 14)
            else:
                achternaam = rnd.choice(ACHTERNAMEN)
                geboren = date(rnd.randint(1960, 2004), rnd.randint(1, 12), rnd.randint(1, 28))
            traject = services.neem_op(
                acting_user=cm,
                voornamen=voornaam,
                achternaam=achternaam,
                geboortedatum=geboren,
                bsn=next(bsns) if i % 4 else "",
                geslacht="vrouw" if vrouwen else "man",
                lvb=i % 7 == 3,
                lvb_toelichting="Leest moeilijk; korte zinnen en afspraken op papier."
                if i % 7 == 3
                else "",
                binnenkomst_datum=binnen,
                verwachte_uitstroom_datum=binnen + timedelta(days=lengte) if lengte else None,
                gemelde_gemeente=Organisatie.objects.get(
                    code=GEMEENTEN[pi_code][i % len(GEMEENTEN[pi_code])]
                ),
            )
            # Intake happened on the day of arrival: the gemeente's inbox has had it since then.
            Traject.objects.filter(pk=traject.pk).update(aangemaakt_op=_moment(binnen, 9))
            traject.refresh_from_db(fields=["aangemaakt_op"])
            if i % 3 == 0:
                nazorg = Medewerker.objects.filter(
                    rol=Rol.NAZORGCOORDINATOR, organisatie=traject.gemeente
                ).first()
                if nazorg:
                    nazorgdiensten.bevestig_ontvangst(acting_user=nazorg, traject=traject)
            if not vrouwen and i % 5 in (0, 2):
                services.werk_traject_bij(
                    acting_user=cm,
                    traject=traject,
                    versie=traject.versie,
                    verwachte_uitstroom_datum=traject.verwachte_uitstroom_datum,
                    casemanager=cm,
                    mentor=mentor,
                    reclassering=rn,
                    reclassering_team=oost,
                    reclasseringswerker=reclassering1,
                    titel=Titel.ONBEKEND,
                )
            _vul(traject, cm, rnd, vandaag, dagen_binnen, i)
            verwacht = traject.verwachte_uitstroom_datum
            traject.refresh_from_db(fields=["fase"])
            if (
                verwacht
                and vandaag <= verwacht <= vandaag + timedelta(days=30)
                and traject.fase == Fase.DETENTIE
            ):
                services.plan_gesprek(
                    acting_user=cm,
                    traject=traject,
                    soort=Gesprekssoort.UITSTROOMOVERLEG,
                    gepland_op=_moment(verwacht - timedelta(days=7), 14),
                    plaats=f"{traject.pi}, spreekkamer 1",
                    organisaties=[
                        o for o in (traject.pi, traject.gemeente, traject.reclassering) if o
                    ],
                )
            if (vrijgelaten and dagen_binnen > 30) or (verwacht and verwacht < vandaag):
                services.registreer_uitstroom(
                    acting_user=cm,
                    traject=traject,
                    versie=traject.versie,
                    uitstroom_datum=verwacht
                    if verwacht and verwacht < vandaag
                    else vandaag - timedelta(days=2),
                    titel=rnd.choice([Titel.GEEN, Titel.VI]),
                    toelichting="Overdracht besproken in het uitstroomoverleg.",
                    geregeld={Domein.ID_BEWIJS: "ID-kaart aangevraagd, ophalen bij de gemeente."},
                )
            gemaakt += 1
    return gemaakt


def _vul(traject, cm, rnd, vandaag, dagen_binnen, i):
    """Screening, contact, plan and meetings, some on time, some late, some missing."""
    bvs = {b.domein: b for b in traject.basisvoorwaarden.all()}
    if dagen_binnen >= 3:
        # Where the gemeente is reached on time (below), the screening is complete too: those
        # trajectories meet the ten-day step; the others show which part is missing.
        volledig = dagen_binnen >= 8 and i % 5 <= 2
        for domein in list(Domein)[: 6 if volledig else 2 + i % 5]:
            status = rnd.choice([BVStatus.OP_ORDE, BVStatus.NIET_OP_ORDE, BVStatus.IN_BEHANDELING])
            services.werk_basisvoorwaarde_bij(
                acting_user=cm,
                basisvoorwaarde=bvs[domein],
                versie=bvs[domein].versie,
                status=status,
                hulpvraag="" if status == BVStatus.OP_ORDE else HULPVRAGEN[domein],
                uitvoerende_partner=traject.gemeente if domein != Domein.ZORG else traject.pi,
            )
        # The screening was done in the first days, not on the day the demo was seeded: the
        # history keeps that day (trajecten.selectors._screening_datum).
        Basisvoorwaarde.objects.filter(traject=traject).exclude(status=BVStatus.ONBEKEND).update(
            gewijzigd_op=_moment(traject.binnenkomst_datum + timedelta(days=min(5, dagen_binnen)))
        )
        if i % 3 == 0:
            services.voeg_actie_toe(
                acting_user=cm,
                basisvoorwaarde=bvs[Domein.ID_BEWIJS],
                omschrijving="ID-kaart aanvragen",
                organisatie=traject.gemeente,
                uiterlijk_datum=vandaag + timedelta(days=10),
            )
    soort_contact = i % 5  # 0,1,2: on time; 3: late; 4: none
    if dagen_binnen >= 8 and soort_contact <= 3:
        dag = 6 if soort_contact <= 2 else 19
        if dagen_binnen > dag:
            services.registreer_contactmoment(
                acting_user=cm,
                traject=traject,
                organisatie=traject.gemeente,
                kanaal=Kanaal.TELEFOON,
                datum=traject.binnenkomst_datum + timedelta(days=dag),
                contactpersoon="nazorgcoördinator",
                samenvatting="Detentie besproken, hulpvragen doorgenomen, informatieblad toegezegd.",
            )
            services.deel_informatieblad(acting_user=cm, traject=traject)
            if traject.reclassering and i % 2 == 0:
                # The ten-day step asks for contact with the reclassering where it is involved.
                services.registreer_contactmoment(
                    acting_user=cm,
                    traject=traject,
                    organisatie=traject.reclassering,
                    kanaal=Kanaal.TELEFOON,
                    datum=traject.binnenkomst_datum + timedelta(days=dag + 1),
                    contactpersoon="reclasseringswerker",
                    samenvatting="Advies en toezicht afgestemd.",
                )
    if dagen_binnen >= 15 and i % 4 != 1:
        services.bewerk_plan(
            acting_user=cm,
            traject=traject,
            versie=traject.plan.versie,
            begeleidingsplan="Wekelijks gesprek met de mentor; doorlopende zorg via de medische dienst.",
            doelen="Dagritme opbouwen, werken in de werkzaal, schulden in beeld.",
            activiteiten="Arbeid, onderwijs (taal), sport.",
            regie=Regie.PI,
            monitoring="Trajectgesprek volgens frequentie; MDO elke 6 weken.",
            gespreksfrequentie_weken=6,
        )
        if dagen_binnen >= 32 and i % 3 != 2:
            dag = 24 if i % 2 == 0 else 33
            if dagen_binnen > dag:
                services.stel_plan_vast(
                    acting_user=cm,
                    traject=traject,
                    versie=traject.plan.versie,
                    vastgesteld_datum=traject.binnenkomst_datum + timedelta(days=dag),
                )
    if dagen_binnen >= 10:
        dag = rnd.choice([14, 21, 35])
        gesprek = services.plan_gesprek(
            acting_user=cm,
            traject=traject,
            soort=Gesprekssoort.STARTOVERLEG,
            gepland_op=_moment(traject.binnenkomst_datum + timedelta(days=dag)),
            plaats=f"{traject.pi}, spreekkamer 2",
            videolink="https://video.example/startoverleg" if i % 2 else "",
            organisaties=[o for o in (traject.pi, traject.gemeente, traject.reclassering) if o],
        )
        if dagen_binnen > dag and i % 3 != 0:
            services.leg_gesprek_vast(
                acting_user=cm,
                gesprek=gesprek,
                gehouden_datum=traject.binnenkomst_datum + timedelta(days=dag),
                verslag="Plan besproken met gedetineerde, gemeente en reclassering; afspraken vastgelegd.",
            )
