"""Informatieblad v2 (issue 11, item 5): who picks up each domain, the open actions with due date
and owner, the planned meetings, the judicial title and who directs, the plan's goals and the
known risks, each as far as the sharing matrix lets the reader's role see it, on screen and in
the PDF alike; a fixed number of queries however many actions and meetings."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ketenpartners import services as ketendiensten
from ketenpartners.models import Organisatie, Team
from ketenpartners.rollen import Rol
from trajecten import services
from trajecten.keuzes import ActieStatus, BVStatus, Domein, Regie, Titel
from trajecten.models import Basisvoorwaarde

from .conftest import pdf_tekst

pytestmark = pytest.mark.django_db

OPEN_ACTIE = "Inschrijving als woningzoekende bij Domijn regelen"
ZONDER_DATUM = "Bewindvoering aanvragen bij de rechtbank"
GEDANE_ACTIE = "Kopie paspoort opvragen bij de gemeente"
VERVALLEN_ACTIE = "Opvangplek aanvragen in Hengelo"
DOELEN = "Dagritme opbouwen en elke werkdag in de werkzaal werken."
BEGELEIDINGSPLAN = "Begeleiding met zorgbehoefte vanuit de medische dienst"
RISICO = "Twee veroordelingen voor mishandeling van een ex-partner; niet alleen op huisbezoek."
GEPLAND_OVERLEG = "Zaal 2, PI Almelo"
GEHOUDEN_OVERLEG = "Zaal 9, gehouden"
NAZORG_TEL = "053-481 1001"


@pytest.fixture
def zvh(demo):
    org = Organisatie.objects.create(soort="zvh", code="ZVH-TWENTE", naam="ZVH Twente")
    return ketendiensten.maak_medewerker(
        acting_user=None, username="zvh1", rol=Rol.ZVH_MEDEWERKER, organisatie=org
    )


def _bv(traject, domein):
    return Basisvoorwaarde.objects.get(traject=traject, domein=domein)


@pytest.fixture
def vol(demo, traject, zvh):
    """The fixture trajectory with everything v2 shows: partners per domain, open, done and
    dropped actions, a planned and a held meeting, a title (v.i.), goals and a known risk."""
    cm, nazorg = demo["casemanager1"], demo["nazorg1"]
    enschede = Organisatie.objects.get(code="GM0153")
    rn = Organisatie.objects.get(code="RN")
    services.werk_traject_bij(
        acting_user=cm,
        traject=traject,
        versie=traject.versie,
        verwachte_uitstroom_datum=None,
        casemanager=cm,
        mentor=demo["mentor1"],
        reclassering=rn,
        reclassering_team=Team.objects.get(organisatie=rn, naam="Oost"),
        reclasseringswerker=demo["reclassering1"],
        titel=Titel.VI,
        zvh=zvh.organisatie,
    )
    wonen = _bv(traject, Domein.HUISVESTING)
    services.werk_basisvoorwaarde_bij(
        acting_user=cm,
        basisvoorwaarde=wonen,
        versie=wonen.versie,
        status=BVStatus.NIET_OP_ORDE,
        hulpvraag="Zoekt een kamer",
        uitvoerende_partner=enschede,
    )
    geld = _bv(traject, Domein.FINANCIEN_SCHULDEN)
    services.werk_basisvoorwaarde_bij(
        acting_user=cm,
        basisvoorwaarde=geld,
        versie=geld.versie,
        status=BVStatus.IN_BEHANDELING,
        hulpvraag="Schulden",
        uitvoerende_partner=rn,
    )
    vandaag = timezone.localdate()
    services.voeg_actie_toe(
        acting_user=cm,
        basisvoorwaarde=wonen,
        omschrijving=OPEN_ACTIE,
        organisatie=enschede,
        medewerker=nazorg,
        uiterlijk_datum=vandaag + timedelta(days=10),
    )
    services.voeg_actie_toe(
        acting_user=cm, basisvoorwaarde=geld, omschrijving=ZONDER_DATUM, organisatie=rn
    )
    for omschrijving, status in (
        (GEDANE_ACTIE, ActieStatus.GEDAAN),
        (VERVALLEN_ACTIE, ActieStatus.VERVALLEN),
    ):
        actie = services.voeg_actie_toe(
            acting_user=cm, basisvoorwaarde=wonen, omschrijving=omschrijving, organisatie=enschede
        )
        # Only the organisation that holds an action closes it (the gemeente, here).
        services.zet_actiestatus(
            acting_user=nazorg,
            actie=actie,
            versie=actie.versie,
            status=status,
            vervallen_reden="Niet meer nodig" if status == ActieStatus.VERVALLEN else "",
        )
    services.plan_gesprek(
        acting_user=cm,
        traject=traject,
        soort="periodiek",
        gepland_op=timezone.now() + timedelta(days=9),
        plaats=GEPLAND_OVERLEG,
        organisaties=[enschede, rn],
        deelnemers=[nazorg],
    )
    gehouden = services.plan_gesprek(
        acting_user=cm,
        traject=traject,
        soort="mdo",
        gepland_op=timezone.now() - timedelta(days=1),
        plaats=GEHOUDEN_OVERLEG,
    )
    services.leg_gesprek_vast(
        acting_user=cm, gesprek=gehouden, gehouden_datum=vandaag, verslag="Besproken."
    )
    services.bewerk_plan(
        acting_user=cm,
        traject=traject,
        versie=traject.plan.versie,
        begeleidingsplan=BEGELEIDINGSPLAN,
        doelen=DOELEN,
        activiteiten="Arbeid",
        regie=Regie.PI,
        monitoring="Elke 6 weken",
        gespreksfrequentie_weken=6,
    )
    traject.refresh_from_db()
    services.leg_risicos_vast(
        acting_user=cm,
        traject=traject,
        versie=traject.versie,
        risico_geweld=True,
        risico_zeden=False,
        risico_toelichting=RISICO,
    )
    return traject


def _lees(client, gebruiker, traject, *, pdf):
    client.force_login(gebruiker)
    naam = "document_informatieblad_pdf" if pdf else "informatieblad"
    response = client.get(reverse(f"trajecten:{naam}", args=[traject.pk]))
    assert response.status_code == 200
    if pdf:
        return pdf_tekst(response.content)
    return " ".join(response.content.decode().split())


def _gebruiker(demo, zvh, wie):
    return zvh if wie == "zvh1" else demo[wie]


# What each role reads (docs/sharing-matrix.md): (partners and actions, goals)
ROLLEN = {
    "casemanager1": (True, True),
    "mentor1": (True, True),
    "staf1": (True, True),
    "reclassering1": (True, True),
    "nazorg1": (True, True),
    "zvh1": (False, False),
}


@pytest.mark.parametrize("pdf", [False, True], ids=["html", "pdf"])
@pytest.mark.parametrize("wie", list(ROLLEN))
def test_each_role_reads_the_v2_sections_the_matrix_allows(client, demo, zvh, vol, wie, pdf):
    tekst = _lees(client, _gebruiker(demo, zvh, wie), vol, pdf=pdf)
    partners_en_acties, doelen = ROLLEN[wie]

    # Every role that sees the case: the title, who directs, the planned meetings, the risks.
    assert "Voorwaardelijke invrijheidstelling (v.i.)" in tekst
    assert "Nu: PI (casemanager)" in tekst
    assert "na uitstroom: Reclassering" in tekst
    assert "Geplande gesprekken" in tekst
    assert GEPLAND_OVERLEG in tekst
    assert GEHOUDEN_OVERLEG not in tekst  # held: no longer planned
    assert "Risico's" in tekst
    assert "Bekend risico op geweld" in tekst
    assert "Bekend risico op zedendelicten" not in tekst
    assert RISICO in tekst
    assert "Grondslag: art. 18a Penitentiaire beginselenwet" in tekst
    assert "Karin Smit" in tekst  # who recorded the risks
    # Who picks up each domain and the open actions with due date and owner.
    assert ("Wie pakt wat op" in tekst) is partners_en_acties
    assert ("Openstaande acties" in tekst) is partners_en_acties
    assert (OPEN_ACTIE in tekst) is partners_en_acties
    assert (ZONDER_DATUM in tekst) is partners_en_acties
    assert (NAZORG_TEL in tekst) is partners_en_acties  # the owner of an open action
    assert GEDANE_ACTIE not in tekst
    assert VERVALLEN_ACTIE not in tekst
    # The goals go to the gemeente; the guidance plan (care needs) does not leave the PI and
    # the reclassering.
    assert ("Doelen uit het D&R-plan" in tekst.replace("&amp;", "&")) is doelen
    assert (DOELEN in tekst) is doelen
    assert BEGELEIDINGSPLAN not in tekst  # not part of the informatieblad for anyone


@pytest.mark.parametrize("pdf", [False, True], ids=["html", "pdf"])
def test_the_gemeente_sees_the_owner_and_due_date_of_an_open_action(client, demo, vol, pdf):
    tekst = _lees(client, demo["nazorg1"], vol, pdf=pdf)
    binnen_tien = timezone.localdate() + timedelta(days=10)
    regel = tekst[tekst.index(OPEN_ACTIE) :][:400]

    assert "Huisvesting" in regel
    assert str(binnen_tien.year) in regel and str(binnen_tien.day) in regel
    assert "gemeente Enschede" in regel or "Enschede" in regel
    assert "Ahmed Yilmaz" in regel and NAZORG_TEL in regel
    # Due first; an action without a date comes last, saying so.
    assert tekst.index(OPEN_ACTIE) < tekst.index(ZONDER_DATUM)
    assert "geen datum" in tekst[tekst.index(ZONDER_DATUM) :][:200]
    # The planned meeting: kind, time and who takes part.
    gesprek = tekst[tekst.index("Periodiek trajectgesprek") :][:300]
    assert "Ahmed Yilmaz" in gesprek and "Reclassering Nederland" in gesprek
    assert "de gedetineerde" in gesprek


def test_who_picks_up_each_domain_with_their_contact_point(client, demo, vol):
    html = _lees(client, demo["nazorg1"], vol, pdf=False)
    blok = html[html.index("Wie pakt wat op") : html.index("Openstaande acties")]

    assert "Huisvesting" in blok and "053-481 1000" in blok  # Enschede's nazorg desk
    assert "Financiën en schulden" in blok and "088-804 1000" in blok
    assert blok.count("nog niemand aangewezen") == 4  # the four domains without a partner


@pytest.mark.parametrize("wie", ["nazorg2", "casemanager2", "beheer1"])
@pytest.mark.parametrize("naam", ["informatieblad", "document_informatieblad_pdf"])
def test_another_gemeente_or_pi_gets_404(client, demo, vol, wie, naam):
    client.force_login(demo[wie])
    response = client.get(reverse(f"trajecten:{naam}", args=[vol.pk]))
    assert response.status_code == 404
    assert RISICO.encode() not in response.content


def test_not_yet_recorded_differs_from_no_known_risk(client, demo, traject):
    cm = demo["casemanager1"]
    eerst = _lees(client, demo["nazorg1"], traject, pdf=False)
    assert "De PI heeft nog niet vastgelegd of er risico's bekend zijn." in eerst.replace(
        "&#x27;", "'"
    )
    services.leg_risicos_vast(
        acting_user=cm,
        traject=traject,
        versie=traject.versie,
        risico_geweld=False,
        risico_zeden=False,
        risico_toelichting="",
    )
    daarna = _lees(client, demo["nazorg1"], traject, pdf=True)
    assert "Geen bekende risico's op geweld of zedendelicten." in daarna
    assert "Vastgelegd door Karin Smit" in daarna


def _aantal_queries(client, url):
    with CaptureQueriesContext(connection) as vastgelegd:
        assert client.get(url).status_code == 200
    return len(vastgelegd)


@pytest.mark.parametrize("wie", ["casemanager1", "nazorg1"])
def test_queries_do_not_grow_with_actions_and_meetings(client, demo, vol, wie):
    client.force_login(demo[wie])
    url = reverse("trajecten:informatieblad", args=[vol.pk])
    voor = _aantal_queries(client, url)
    cm = demo["casemanager1"]
    for i in range(8):
        bv = _bv(vol, Domein.values[i % 6])
        services.voeg_actie_toe(
            acting_user=cm,
            basisvoorwaarde=bv,
            omschrijving=f"Extra actie {i}",
            organisatie=Organisatie.objects.get(code=["GM0153", "RN", "PI-ALMELO"][i % 3]),
            medewerker=[demo["nazorg1"], demo["reclassering1"], cm][i % 3],
        )
        services.plan_gesprek(
            acting_user=cm,
            traject=vol,
            soort="periodiek",
            gepland_op=timezone.now() + timedelta(days=20 + i),
            plaats=f"Zaal {i}",
            organisaties=[Organisatie.objects.get(code="RN")],
            deelnemers=[demo["reclassering1"]],
        )
    na = _aantal_queries(client, url)
    assert na == voor
    assert "Extra actie 7" in client.get(url).content.decode()


def test_api_detail_carries_the_risks_with_their_basis_and_the_list_does_not(demo, vol):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(demo["nazorg1"])
    detail = api.get(f"/api/v1/trajecten/{vol.pk}/").json()
    lijst = api.get("/api/v1/trajecten/").json()

    assert detail["risicos"]["geweld"] is True
    assert detail["risicos"]["zeden"] is False
    assert detail["risicos"]["toelichting"] == RISICO
    assert detail["risicos"]["grondslag"].startswith("art. 18a Penitentiaire beginselenwet")
    assert detail["risicos"]["vastgelegd_op"]
    assert all("risicos" not in t for t in lijst["results"])


def test_the_case_page_shows_the_risks_and_offers_the_form_to_the_casemanager(client, demo, vol):
    url = vol.get_absolute_url()
    formulier = reverse("trajecten:risicos", args=[vol.pk])
    client.force_login(demo["casemanager1"])
    cm = client.get(url).content.decode()
    client.force_login(demo["nazorg1"])
    nazorg = client.get(url).content.decode()

    for html in (cm, nazorg):
        assert RISICO in html
        assert "Bekend risico op geweld" in html
    assert formulier in cm
    assert formulier not in nazorg
