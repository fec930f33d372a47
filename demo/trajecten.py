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
            if not vrouwen and dagen_binnen >= 5:
                _acties(traject, cm, vandaag, i)
            if i == 0 and not vrouwen:
                _informatieblad_vol(traject, cm, vandaag)
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
                titel = rnd.choice([Titel.GEEN, Titel.VI])
                if not traject.reclasseringswerker_id:  # direction only to one involved (#12)
                    titel = Titel.GEEN
                services.registreer_uitstroom(
                    acting_user=cm,
                    traject=traject,
                    versie=traject.versie,
                    uitstroom_datum=verwacht
                    if verwacht and verwacht < vandaag
                    else vandaag - timedelta(days=2),
                    titel=titel,
                    toelichting="Overdracht besproken in het uitstroomoverleg.",
                    geregeld={Domein.ID_BEWIJS: "ID-kaart aangevraagd, ophalen bij de gemeente."},
                    toch_versturen=True,
                    reden="Besproken in het uitstroomoverleg; de gemeente pakt het op.",
                )
            gemaakt += 1
    return gemaakt + _naamgenoten(vandaag=vandaag, bsns=bsns, rn=rn, oost=oost)


def _naamgenoten(*, vandaag: date, bsns, rn, oost) -> int:
    """Issue 14: two 'M. Hoekstra's in Almelo for Enschede, told apart on every list by their
    birth year; the younger one an LVB short stay releasing soon, top of nazorg1's inbox."""
    cm = Medewerker.objects.get(username="casemanager1")
    reclassering1 = Medewerker.objects.filter(username="reclassering1").first()
    enschede = Organisatie.objects.get(code="GM0153")
    gemaakt = 0
    for voornamen, geboren, dagen_binnen, lengte, lvb in (
        ("Marco", date(1988, 6, 2), 70, 120, False),
        ("Mohammed", date(1995, 11, 19), 40, 52, True),
    ):
        binnen = vandaag - timedelta(days=dagen_binnen)
        traject = services.neem_op(
            acting_user=cm,
            voornamen=voornamen,
            achternaam="Hoekstra",
            geboortedatum=geboren,
            bsn=next(bsns),
            geslacht="man",
            lvb=lvb,
            lvb_toelichting="Leest moeilijk; korte zinnen en afspraken op papier." if lvb else "",
            binnenkomst_datum=binnen,
            verwachte_uitstroom_datum=binnen + timedelta(days=lengte),
            gemelde_gemeente=enschede,
        )
        Traject.objects.filter(pk=traject.pk).update(aangemaakt_op=_moment(binnen, 9))
        traject.refresh_from_db()
        services.werk_traject_bij(
            acting_user=cm,
            traject=traject,
            versie=traject.versie,
            verwachte_uitstroom_datum=traject.verwachte_uitstroom_datum,
            casemanager=cm,
            mentor=None,
            reclassering=rn,
            reclassering_team=oost,
            reclasseringswerker=reclassering1,
            titel=Titel.ONBEKEND,
        )
        gemaakt += 1
    return gemaakt


def _zet(user, actie, status, reden=""):
    services.zet_actiestatus(
        acting_user=user, actie=actie, versie=actie.versie, status=status, vervallen_reden=reden
    )


def _acties(traject, cm, vandaag, i):
    """'Wie doet wat' of PI Almelo's cases: actions of the PI, the gemeente and the
    reclassering, a few overdue, some bezig or gedaan, so casemanager1, nazorg1 and
    reclassering1 each have a "Mijn acties" list (issue 11)."""
    bvs = {b.domein: b for b in traject.basisvoorwaarden.all()}
    overdue = vandaag - timedelta(days=2 + i % 3)
    if i % 2 == 0:
        pi_actie = services.voeg_actie_toe(
            acting_user=cm,
            basisvoorwaarde=bvs[Domein.WERK_INKOMEN],
            omschrijving="Lopende uitkering laten stopzetten",
            organisatie=traject.pi,
            medewerker=cm if i % 4 == 0 else None,
            uiterlijk_datum=overdue if i % 4 == 0 else vandaag + timedelta(days=7 + i),
        )
        if i % 8 == 2:
            _zet(cm, pi_actie, "bezig")
        services.voeg_actie_toe(
            acting_user=cm,
            basisvoorwaarde=bvs[Domein.ID_BEWIJS],
            omschrijving="Pasfoto's laten maken voor de ID-kaart",
            organisatie=traject.pi,
            uiterlijk_datum=vandaag + timedelta(days=3 + i % 5),
        )
    gemeente = traject.gemeente
    nazorg = Medewerker.objects.filter(rol=Rol.NAZORGCOORDINATOR, organisatie=gemeente).first()
    if gemeente is not None and nazorg is not None and i % 3 != 1:
        woning = services.voeg_actie_toe(
            acting_user=nazorg,
            basisvoorwaarde=bvs[Domein.HUISVESTING],
            omschrijving="Inschrijven als woningzoekende",
            organisatie=gemeente,
            uiterlijk_datum=overdue if i % 3 == 0 else vandaag + timedelta(days=14),
        )
        if i % 6 == 2:
            _zet(nazorg, woning, "bezig")
        services.voeg_actie_toe(
            acting_user=cm,
            basisvoorwaarde=bvs[Domein.WERK_INKOMEN],
            omschrijving="Uitkeringsaanvraag voorbereiden, klaar voor de dag van uitstroom",
            organisatie=gemeente,
            uiterlijk_datum=vandaag + timedelta(days=10 + i),
        )
    if traject.reclassering_id and traject.reclasseringswerker_id:
        werker = traject.reclasseringswerker
        zorg = services.voeg_actie_toe(
            acting_user=cm,
            basisvoorwaarde=bvs[Domein.ZORG],
            omschrijving="Intake verslavingszorg na uitstroom plannen",
            organisatie=traject.reclassering,
            medewerker=werker,
            uiterlijk_datum=overdue if i % 2 == 0 else vandaag + timedelta(days=21),
        )
        netwerk = services.voeg_actie_toe(
            acting_user=cm,
            basisvoorwaarde=bvs[Domein.SOCIAAL_NETWERK],
            omschrijving="Gesprek met de partner over de terugkeer",
            organisatie=traject.reclassering,
            uiterlijk_datum=vandaag + timedelta(days=12),
        )
        if i % 5 == 2:
            _zet(werker, zorg, "gedaan")
            _zet(werker, netwerk, "vervallen", "Partner wil geen contact; besproken met cliënt.")


def _informatieblad_vol(traject, cm, vandaag):
    """Jan de Vries (Enschede): an informatieblad that nazorg1 can act on (issue 11): who picks
    up each domain, open actions with owners and due dates, a planned startoverleg, the
    judicial title, the plan's goals and a known risk of violence with its legal basis."""
    nazorg = Medewerker.objects.get(username="nazorg1")
    traject.refresh_from_db()
    services.werk_traject_bij(
        acting_user=cm,
        traject=traject,
        versie=traject.versie,
        verwachte_uitstroom_datum=traject.verwachte_uitstroom_datum,
        casemanager=traject.casemanager,
        mentor=traject.mentor,
        reclassering=traject.reclassering,
        reclassering_team=traject.reclassering_team,
        reclasseringswerker=traject.reclasseringswerker,
        titel=Titel.VI,
        zvh=traject.zvh,
    )
    bvs = {b.domein: b for b in traject.basisvoorwaarden.all()}
    for domein, status, partner in (
        (Domein.HUISVESTING, BVStatus.NIET_OP_ORDE, traject.gemeente),
        (Domein.WERK_INKOMEN, BVStatus.NIET_OP_ORDE, traject.gemeente),
        (Domein.FINANCIEN_SCHULDEN, BVStatus.IN_BEHANDELING, traject.reclassering),
    ):
        services.werk_basisvoorwaarde_bij(
            acting_user=cm,
            basisvoorwaarde=bvs[domein],
            versie=bvs[domein].versie,
            status=status,
            hulpvraag=HULPVRAGEN[domein],
            uitvoerende_partner=partner,
        )
    for domein, omschrijving, organisatie, wie, dagen in (
        (Domein.HUISVESTING, "Inschrijven als woningzoekende", traject.gemeente, nazorg, 8),
        (Domein.WERK_INKOMEN, "Bijstandsaanvraag voorbereiden", traject.gemeente, nazorg, 15),
        (Domein.WERK_INKOMEN, "Lopende uitkering stopzetten", traject.pi, cm, 3),
        (Domein.FINANCIEN_SCHULDEN, "Schulden in kaart brengen", traject.reclassering, None, 20),
    ):
        services.voeg_actie_toe(
            acting_user=cm,
            basisvoorwaarde=bvs[domein],
            omschrijving=omschrijving,
            organisatie=organisatie,
            medewerker=wie,
            uiterlijk_datum=vandaag + timedelta(days=dagen),
        )
    services.plan_gesprek(
        acting_user=cm,
        traject=traject,
        soort=Gesprekssoort.STARTOVERLEG,
        gepland_op=_moment(vandaag + timedelta(days=6), 14),
        plaats=f"{traject.pi}, spreekkamer 2",
        organisaties=[o for o in (traject.pi, traject.gemeente, traject.reclassering) if o],
        deelnemers=[m for m in (cm, nazorg, traject.reclasseringswerker) if m],
    )
    services.bewerk_plan(
        acting_user=cm,
        traject=traject,
        versie=traject.plan.versie,
        begeleidingsplan="Wekelijks gesprek met de mentor; doorlopende zorg via de medische dienst.",
        doelen="Dagritme opbouwen en werken in de werkzaal; een eigen kamer in Enschede; "
        "schulden in beeld en een betalingsregeling voor uitstroom.",
        activiteiten="Arbeid, onderwijs (taal), sport.",
        regie=Regie.PI,
        monitoring="Trajectgesprek elke 6 weken; MDO elke 6 weken.",
        gespreksfrequentie_weken=6,
    )
    services.leg_risicos_vast(
        acting_user=cm,
        traject=traject,
        versie=traject.versie,
        risico_geweld=True,
        risico_zeden=False,
        risico_toelichting="Veroordeeld voor mishandeling (2021); wordt bij spanning verbaal "
        "dreigend. Huisbezoek met twee medewerkers; geen afspraken in een afgesloten ruimte.",
    )


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
