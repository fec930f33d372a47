from datetime import timedelta
from uuid import uuid4

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ketenpartners.models import Organisatie
from trajecten import services
from trajecten.keuzes import BVStatus, Domein
from trajecten.models import Traject

pytestmark = pytest.mark.django_db


def maak(user, n, *, dagen_geleden=5, achternaam="Persoon"):
    enschede = Organisatie.objects.get(code="GM0153")
    trajecten = []
    for i in range(n):
        t = services.neem_op(
            acting_user=user,
            voornamen=f"Piet {i}",
            achternaam=f"{achternaam} {i}",
            geboortedatum=timezone.localdate().replace(year=1980),
            binnenkomst_datum=timezone.localdate() - timedelta(days=dagen_geleden + i),
            verwachte_uitstroom_datum=timezone.localdate() + timedelta(days=40),
            gemelde_gemeente=enschede,
        )
        services.registreer_contactmoment(
            acting_user=user,
            traject=t,
            organisatie=enschede,
            kanaal="telefoon",
            datum=timezone.localdate(),
            samenvatting="Gebeld",
        )
        services.plan_gesprek(
            acting_user=user,
            traject=t,
            soort="startoverleg",
            gepland_op=timezone.now() + timedelta(days=1),
            plaats="PI",
        )
        trajecten.append(t)
    return trajecten


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_caseload_costs_the_same_queries_for_3_or_25_trajectories(client, demo):
    cm = demo["casemanager1"]
    client.force_login(cm)
    maak(cm, 3)
    weinig = queries(client, reverse("trajecten:caseload"))
    maak(cm, 22, achternaam="Ander")
    veel = queries(client, reverse("trajecten:caseload"))
    # 10 and, around the rows of the own caseload, the SET and RESET of the join order
    assert veel == weinig <= 12


def test_trajectory_page_costs_the_same_queries_however_much_it_holds(client, demo, traject):
    cm = demo["casemanager1"]
    client.force_login(cm)
    url = traject.get_absolute_url()
    weinig = queries(client, url)
    enschede = Organisatie.objects.get(code="GM0153")
    for i in range(6):
        services.registreer_contactmoment(
            acting_user=cm,
            traject=traject,
            organisatie=enschede,
            kanaal="email",
            datum=timezone.localdate(),
            samenvatting=f"mail {i}",
        )
        services.voeg_actie_toe(
            acting_user=cm,
            basisvoorwaarde=traject.basisvoorwaarden.get(domein=Domein.ID_BEWIJS),
            omschrijving=f"actie {i}",
            organisatie=enschede,
        )
        services.plan_gesprek(
            acting_user=cm,
            traject=traject,
            soort="periodiek",
            gepland_op=timezone.now() + timedelta(days=i + 3),
            plaats="PI",
        )
    veel = queries(client, url)
    # the Mijn acties count in the navigation, the preparations; SET and RESET of the join
    # order around the page's own query (issue 18)
    assert veel == weinig <= 22


def test_caseload_puts_overdue_first_and_counts_against_the_norm(client, demo):
    cm = demo["casemanager1"]
    nieuw = maak(cm, 1, dagen_geleden=1, achternaam="Nieuw")[0]
    oud = services.neem_op(
        acting_user=cm,
        voornamen="Oud",
        achternaam="Te Laat",
        geboortedatum=timezone.localdate().replace(year=1970),
        binnenkomst_datum=timezone.localdate() - timedelta(days=40),
        gemelde_gemeente=Organisatie.objects.get(code="GM0153"),
    )
    client.force_login(cm)
    html = client.get(reverse("trajecten:caseload")).content.decode()
    assert "(2 van norm 30)" in html
    assert html.index(oud.gedetineerde.korte_naam) < html.index(nieuw.gedetineerde.korte_naam)
    assert "werkdagen te laat" in html
    gefilterd = client.get(reverse("trajecten:caseload"), {"te_laat": "1"}).content.decode()
    assert oud.gedetineerde.korte_naam in gefilterd
    assert nieuw.gedetineerde.korte_naam not in gefilterd
    gezocht = client.get(reverse("trajecten:caseload"), {"zoek": "nieuw"}).content.decode()
    assert nieuw.gedetineerde.korte_naam in gezocht and "Te Laat" not in gezocht


def test_intake_in_the_browser_form(client, demo):
    client.force_login(demo["casemanager1"])
    enschede = Organisatie.objects.get(code="GM0153")
    response = client.post(
        reverse("trajecten:intake"),
        {
            "voornamen": "Karel",
            "achternaam": "Appel",
            "geboortedatum": "1979-02-03",
            "binnenkomst_datum": (timezone.localdate() - timedelta(days=1)).isoformat(),
            "gemelde_gemeente": enschede.pk,
            "geslacht": "man",
            "intake_sleutel": str(uuid4()),
        },
    )
    traject = Traject.objects.get(gedetineerde__achternaam="Appel")
    assert response.status_code == 302
    assert response.url == traject.get_absolute_url()


def test_bad_intake_shows_errors_at_the_fields_and_saves_nothing(client, demo):
    client.force_login(demo["casemanager1"])
    response = client.post(
        reverse("trajecten:intake"),
        {
            "voornamen": "Karel",
            "achternaam": "Appel",
            "geboortedatum": "1979-02-03",
            "binnenkomst_datum": (timezone.localdate() + timedelta(days=3)).isoformat(),
            "bsn": "123456789",
            "geslacht": "man",
            "intake_sleutel": str(uuid4()),
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Er is iets niet goed ingevuld" in html
    assert 'href="#id_bsn"' in html
    assert "elfproef" in html
    assert "in de toekomst" in html
    assert 'aria-invalid="true"' in html
    assert not Traject.objects.exists()


def test_basisvoorwaarde_saves_in_place_with_htmx(client, demo, traject):
    client.force_login(demo["mentor1"])
    url = reverse("trajecten:basisvoorwaarde", args=[traject.pk, Domein.HUISVESTING])
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith('<li class="rt-bv rt-bv--bewerken"')
    response = client.post(
        url,
        {"versie": 1, "status": BVStatus.NIET_OP_ORDE, "hulpvraag": "Geen woning na uitstroom"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Opgeslagen." in html and "Geen woning na uitstroom" in html and "Niet op orde" in html
    fout = client.post(
        url, {"status": BVStatus.NIET_OP_ORDE, "hulpvraag": ""}, headers={"HX-Request": "true"}
    )
    assert fout.status_code == 400
    assert "Beschrijf de hulpvraag" in fout.content.decode()


def test_basisvoorwaarde_without_javascript_redirects_back_to_the_trajectory(client, demo, traject):
    client.force_login(demo["casemanager1"])
    url = reverse("trajecten:basisvoorwaarde", args=[traject.pk, Domein.ID_BEWIJS])
    response = client.post(url, {"versie": 1, "status": BVStatus.OP_ORDE, "hulpvraag": ""})
    assert response.status_code == 302
    assert response.url == f"{traject.get_absolute_url()}#bv-id_bewijs"


def test_calendar_invite_carries_the_video_link_and_no_name(client, demo, traject):
    client.force_login(demo["reclassering1"])
    gesprek = traject.gesprekken.get()
    response = client.get(reverse("trajecten:gesprek_ics", args=[traject.pk, gesprek.pk]))
    tekst = response.content.decode()
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert tekst.startswith("BEGIN:VCALENDAR\r\n")
    assert "URL:https://video.example/start" in tekst
    assert f"UID:{gesprek.uid}@reintegratie" in tekst
    assert "Vries" not in tekst


def test_informatieblad_shows_contacts_and_hulpvragen_derived_from_the_trajectory(
    client, demo, traject
):
    services.werk_basisvoorwaarde_bij(
        acting_user=demo["casemanager1"],
        basisvoorwaarde=(gelezen := traject.basisvoorwaarden.get(domein=Domein.FINANCIEN_SCHULDEN)),
        versie=gelezen.versie,
        status=BVStatus.IN_BEHANDELING,
        hulpvraag="Schulden bij het CJIB",
    )
    client.force_login(demo["nazorg1"])
    html = client.get(reverse("trajecten:informatieblad", args=[traject.pk])).content.decode()
    assert "Schulden bij het CJIB" in html
    assert "0546-123 401" in html and "casemanager1@demo.example" in html
    assert "art. 18a Penitentiaire beginselenwet" in html


def test_sharing_the_informatieblad_is_recorded(client, demo, traject):
    client.force_login(demo["casemanager1"])
    response = client.post(
        reverse("trajecten:informatieblad_delen", args=[traject.pk]), follow=True
    )
    assert "Gedeeld met Enschede op" in response.content.decode()
    assert traject.informatiebladen.get().gedeeld_door == demo["casemanager1"]


def test_the_caseload_tells_namesakes_apart_by_birth_year(client, demo):
    """Two 'M. Hoekstra's: the birth year beside each, and only beside them."""
    vandaag = timezone.localdate()
    for voornamen, jaar in (("Marco", 1988), ("Mohammed", 1995), ("Piet", 1970)):
        services.neem_op(
            acting_user=demo["casemanager1"],
            voornamen=voornamen,
            achternaam="Hoekstra" if voornamen != "Piet" else "Uniek",
            geboortedatum=vandaag.replace(year=jaar, day=1),
            binnenkomst_datum=vandaag - timedelta(days=3),
            gemelde_gemeente=Organisatie.objects.get(code="GM0153"),
        )
    client.force_login(demo["casemanager1"])
    html = client.get(reverse("trajecten:caseload")).content.decode()
    assert "M. Hoekstra (1988)" in html and "M. Hoekstra (1995)" in html
    assert "P. Uniek</a>" in html
