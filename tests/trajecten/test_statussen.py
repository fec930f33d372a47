"""The status words on every screen match the facts (issue 11, "statuses that mean what they
say"): one test per status sets up the facts and reads the word on the caseload, the gemeente's
inbox, the trajectory page and the API, wherever it appears."""

import re
from datetime import date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from api import services as apidiensten
from ketenpartners.models import Organisatie
from trajecten import services
from trajecten.keuzes import BVStatus, Domein, Gesprekssoort, Regie, Titel
from trajecten.models import Traject

from ..factories import screen

ENSCHEDE = "GM0153"


def vandaag() -> date:
    return timezone.localdate()


def intake(demo, *, dagen_geleden: int, naam: str = "Statustest", **extra) -> Traject:
    binnen = vandaag() - timedelta(days=dagen_geleden)
    t = services.neem_op(
        acting_user=demo["casemanager1"],
        voornamen="Sam",
        achternaam=naam,
        geboortedatum=date(1990, 1, 1),
        binnenkomst_datum=binnen,
        gemelde_gemeente=Organisatie.objects.get(code=ENSCHEDE),
        **extra,
    )
    Traject.objects.filter(pk=t.pk).update(
        aangemaakt_op=timezone.make_aware(datetime.combine(binnen, time(9)))
    )
    t.refresh_from_db()
    return t


def _rij(html: str, traject: Traject) -> str:
    """The table row of one trajectory on a list page."""
    href = reverse("trajecten:detail", args=[traject.pk])
    for rij in re.findall(r"<tr class=\"utrecht-table__row\">.*?</tr>", html, re.S):
        if f'href="{href}"' in rij:
            return rij
    raise AssertionError(f"traject {traject.pk} staat niet in de lijst")


def _span(html: str, klasse: str, code: str) -> str:
    """The words of the first status span with this code."""
    m = re.search(
        rf'<span class="{klasse} {klasse}--[\w-]+" (?:data-termijn="\w+" )?data-status="{code}">'
        r"(.*?)</span>",
        html,
        re.S,
    )
    assert m, f"geen {klasse} met code {code}"
    return " ".join(m.group(1).split())


def caseload(client, demo) -> str:
    client.force_login(demo["casemanager1"])
    return client.get(reverse("trajecten:caseload")).content.decode()


def inbox(client, demo, **params) -> str:
    client.force_login(demo["nazorg1"])
    return client.get(reverse("nazorg:inbox"), params).content.decode()


def pagina(client, demo, traject) -> str:
    client.force_login(demo["casemanager1"])
    antwoord = client.get(reverse("trajecten:detail", args=[traject.pk]))
    assert antwoord.status_code == 200
    return antwoord.content.decode()


def api(demo, traject) -> dict:
    _token, sleutel = apidiensten.geef_token_uit(
        acting_user=demo["beheer1"], organisatie=Organisatie.objects.get(code="PI-ALMELO"), naam="t"
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {sleutel}")
    antwoord = client.get(f"/api/v1/trajecten/{traject.pk}/")
    assert antwoord.status_code == 200, antwoord.content
    return antwoord.json()


def overal_basisvoorwaarden(client, demo, traject, code: str, tekst: str) -> None:
    """The screening status reads the same on the caseload, the inbox, the page and the API."""
    assert _span(_rij(caseload(client, demo), traject), "rt-status", code) == tekst
    assert _span(_rij(inbox(client, demo), traject), "rt-status", code) == tekst
    assert _span(pagina(client, demo, traject), "rt-status", code) == tekst
    assert api(demo, traject)["statussen"]["basisvoorwaarden"] == {"code": code, "tekst": tekst}


# --- Basisvoorwaarden -----------------------------------------------------------------------


@pytest.mark.django_db
def test_niet_gestart_when_no_domain_is_assessed(client, demo):
    t = intake(demo, dagen_geleden=2)
    overal_basisvoorwaarden(client, demo, t, "niet_gestart", "Niet gestart")


@pytest.mark.django_db
def test_screening_counts_the_assessed_domains(client, demo):
    t = intake(demo, dagen_geleden=2)
    onbekend = {Domein.ZORG: BVStatus.ONBEKEND, Domein.SOCIAAL_NETWERK: BVStatus.ONBEKEND}
    screen(t, op=vandaag(), statussen=onbekend)
    overal_basisvoorwaarden(client, demo, t, "screening", "Screening: 4 van 6 beoordeeld")


@pytest.mark.django_db
def test_gescreend_not_klaar_while_three_of_six_are_niet_op_orde(client, demo):
    # The complaint: "Basisvoorwaarden: Klaar" in green while 3 of 6 were not in order.
    t = intake(demo, dagen_geleden=2)
    niet = {
        Domein.HUISVESTING: BVStatus.NIET_OP_ORDE,
        Domein.WERK_INKOMEN: BVStatus.NIET_OP_ORDE,
        Domein.FINANCIEN_SCHULDEN: BVStatus.IN_BEHANDELING,
    }
    screen(t, op=vandaag(), statussen=niet)
    overal_basisvoorwaarden(client, demo, t, "gescreend", "Gescreend · 3 van 6 op orde")
    assert "Klaar" not in _span(pagina(client, demo, t), "rt-status", "gescreend")


@pytest.mark.django_db
def test_klaar_only_when_all_six_are_op_orde(client, demo):
    t = intake(demo, dagen_geleden=2)
    screen(t, op=vandaag())
    overal_basisvoorwaarden(client, demo, t, "klaar", "Klaar · alle 6 op orde")


@pytest.mark.django_db
def test_te_laat_when_the_ten_day_deadline_passed_with_domains_unassessed(client, demo):
    t = intake(demo, dagen_geleden=30)
    screen(t, op=vandaag(), statussen={d: BVStatus.ONBEKEND for d in Domein.values[2:]})
    overal_basisvoorwaarden(client, demo, t, "te_laat", "Te laat · 2 van 6 beoordeeld")


@pytest.mark.django_db
def test_not_te_laat_once_screened_even_when_the_contact_is_still_missing(client, demo):
    # The ten-day step is missed (no contact with the gemeente), but the screening is complete:
    # the basisvoorwaarden section tells what it is about, the deadline row tells the rest.
    t = intake(demo, dagen_geleden=30)
    screen(t, op=vandaag() - timedelta(days=25))
    overal_basisvoorwaarden(client, demo, t, "klaar", "Klaar · alle 6 op orde")
    html = pagina(client, demo, t)
    assert re.search(r'data-termijn="contact_gemeente" data-status="te_laat"', html)


# --- Trajectgesprekken and their deadlines --------------------------------------------------


def _plan_gesprek(demo, t, dag: date, soort=Gesprekssoort.STARTOVERLEG):
    return services.plan_gesprek(
        acting_user=demo["casemanager1"],
        traject=t,
        soort=soort,
        gepland_op=timezone.make_aware(datetime.combine(dag, time(10))),
        plaats="PI Almelo",
    )


@pytest.mark.django_db
def test_gesprekken_te_laat_while_the_startoverleg_is_overdue_and_not_planned(client, demo):
    t = intake(demo, dagen_geleden=40)
    screen(t, op=t.binnenkomst_datum)  # so the first "te laat" on the page is the meetings'
    html = pagina(client, demo, t)
    assert 'rt-status--te-laat" data-status="te_laat">Te laat: startoverleg</span>' in html
    assert api(demo, t)["statussen"]["gesprekken"]["code"] == "te_laat"
    assert 'data-status="te_laat"' in _rij(caseload(client, demo), t)


@pytest.mark.django_db
def test_gepland_op_instead_of_te_laat_once_the_startoverleg_is_planned(client, demo):
    # The issue: "Trajectgesprekken: te laat" after the startoverleg was planned.
    t = intake(demo, dagen_geleden=40)
    dag = vandaag() + timedelta(days=5)
    _plan_gesprek(demo, t, dag)
    html = pagina(client, demo, t)
    assert _span(html, "rt-status", "gepland") == f"Gepland op {dag:%d-%m-%Y}"
    # the deadline row still says the deadline passed, without the red of "act now"
    regel = _span(html, "rt-termijn", "gepland")
    assert regel == f"gepland op {dag:%d-%m-%Y} · termijn verlopen"
    assert 'data-termijn="startoverleg" data-status="te_laat"' not in html
    data = api(demo, t)
    assert data["statussen"]["gesprekken"] == {
        "code": "gepland",
        "tekst": f"Gepland op {dag:%d-%m-%Y}",
    }
    startoverleg = next(x for x in data["termijnen"] if x["soort"] == "startoverleg")
    assert startoverleg["stand_code"] == "gepland"
    assert startoverleg["status"] == "gemist"  # the fact stays: the deadline was missed


@pytest.mark.django_db
def test_gepland_op_without_verlopen_when_planned_before_the_deadline(client, demo):
    t = intake(demo, dagen_geleden=3)
    dag = vandaag() + timedelta(days=7)
    _plan_gesprek(demo, t, dag)
    html = pagina(client, demo, t)
    assert _span(html, "rt-status", "gepland") == f"Gepland op {dag:%d-%m-%Y}"
    assert _span(html, "rt-termijn", "gepland") == f"gepland op {dag:%d-%m-%Y}"


# --- Deadlines after release ----------------------------------------------------------------


@pytest.mark.django_db
def test_deadlines_grey_vervallen_door_uitstroom_after_release_never_red(client, demo):
    t = intake(demo, dagen_geleden=40)
    services.registreer_uitstroom(
        toch_versturen=True,
        reden="Toch versturen (test)",
        acting_user=demo["casemanager1"],
        traject=t,
        versie=t.versie,
        uitstroom_datum=vandaag(),
        titel=Titel.GEEN,
    )
    html = pagina(client, demo, t)
    assert "rt-termijn--te-laat" not in html and "rt-status--te-laat" not in html
    assert _span(html, "rt-termijn", "vervallen") == "vervallen door uitstroom"
    assert _span(html, "rt-status", "overgedragen") == "Overgedragen"
    data = api(demo, t)
    assert {x["stand_code"] for x in data["termijnen"]} == {"vervallen"}
    assert {x["stand"] for x in data["termijnen"]} == {"vervallen door uitstroom"}
    rij = _rij(inbox(client, demo, na_detentie="1"), t)
    assert _span(rij, "rt-termijn", "vervallen").endswith("vervallen door uitstroom")
    assert "te-laat" not in rij


@pytest.mark.django_db
def test_a_deadline_met_before_release_keeps_its_day(client, demo):
    t = intake(demo, dagen_geleden=40)
    binnen = t.binnenkomst_datum
    screen(t, op=binnen + timedelta(days=1))
    services.registreer_contactmoment(
        acting_user=demo["casemanager1"],
        traject=t,
        organisatie=t.gemeente,
        kanaal="telefoon",
        datum=binnen + timedelta(days=2),
        samenvatting="Gebeld",
    )
    services.registreer_uitstroom(
        toch_versturen=True,
        reden="Toch versturen (test)",
        acting_user=demo["casemanager1"],
        traject=t,
        versie=t.versie,
        uitstroom_datum=vandaag(),
        titel=Titel.GEEN,
    )
    html = pagina(client, demo, t)
    assert (
        _span(html, "rt-termijn", "gehaald") == f"gehaald op {binnen + timedelta(days=2):%d-%m-%Y}"
    )


# --- Plan -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_plan_words(client, demo):
    cm = demo["casemanager1"]
    t = intake(demo, dagen_geleden=40)
    screen(t, op=t.binnenkomst_datum)  # so the first "te laat" on the page is the plan's
    assert _span(pagina(client, demo, t), "rt-status", "te_laat") == "Te laat"
    services.bewerk_plan(
        acting_user=cm,
        traject=t,
        versie=t.plan.versie,
        begeleidingsplan="b",
        doelen="d",
        activiteiten="",
        regie=Regie.PI,
        monitoring="",
        gespreksfrequentie_weken=6,
    )
    t.refresh_from_db()
    services.stel_plan_vast(
        acting_user=cm, traject=t, versie=t.plan.versie, vastgesteld_datum=vandaag()
    )
    assert _span(pagina(client, demo, t), "rt-status", "vastgesteld") == "Vastgesteld"
    assert api(demo, t)["statussen"]["plan"] == {"code": "vastgesteld", "tekst": "Vastgesteld"}


@pytest.mark.django_db
def test_the_caseload_and_the_inbox_cost_the_same_queries_for_one_or_five(client, demo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def tel(pagina_url, gebruiker, **params) -> int:
        client.force_login(gebruiker)
        with CaptureQueriesContext(connection) as q:
            assert client.get(pagina_url, params).status_code == 200
        return len(q.captured_queries)

    intake(demo, dagen_geleden=12, naam="Eerste")
    een = (
        tel(reverse("trajecten:caseload"), demo["casemanager1"]),
        tel(reverse("nazorg:inbox"), demo["nazorg1"]),
    )
    for i in range(4):
        t = intake(demo, dagen_geleden=20 + i, naam=f"Meer{i}")
        screen(t, op=t.binnenkomst_datum)
        _plan_gesprek(demo, t, vandaag() + timedelta(days=3))
    vijf = (
        tel(reverse("trajecten:caseload"), demo["casemanager1"]),
        tel(reverse("nazorg:inbox"), demo["nazorg1"]),
    )
    assert een == vijf
