"""Informatieblad v2 and the risks form in the browser (issue 11), with axe-core on every page:
casemanager1 records a known risk on Jan de Vries's case, nazorg1 of Enschede reads the blad
with who picks up what, the open actions, the planned meeting, the title, goals and risks."""

import pytest
from playwright.sync_api import expect

from trajecten.models import Traject

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.usefixtures("demo_live")


def _jan() -> Traject:
    return Traject.objects.get(
        gedetineerde__voornamen="Jan", gedetineerde__achternaam="de Vries", uitstroom_datum=None
    )


def test_casemanager1_records_a_risk_and_sees_it_on_the_informatieblad(page):
    traject = _jan()
    log_in(page, "casemanager1")
    page.goto(f"/trajecten/{traject.pk}/")
    risicos = page.get_by_role("region", name="Risico's")
    expect(risicos).to_contain_text("Bekend risico op geweld")
    expect(risicos).to_contain_text("art. 18a Penitentiaire beginselenwet")
    assert axe_violations(page) == []

    risicos.get_by_role("link", name="Risico's vastleggen of wijzigen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bekende risico's")
    assert axe_violations(page) == []
    page.get_by_label("Bekend risico op zedendelicten").check()
    page.get_by_label("Toelichting").fill("")
    page.get_by_role("button", name="Risico's opslaan").click()
    # An empty explanation with a ticked risk: the message at the field says what to do.
    expect(page.get_by_text("Beschrijf kort het risico").first).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Toelichting").fill("Zedendelict in 2019; geen contact met minderjarigen.")
    page.get_by_role("button", name="Risico's opslaan").click()

    risicos = page.get_by_role("region", name="Risico's")
    expect(risicos).to_contain_text("Bekend risico op zedendelicten")
    expect(risicos).to_contain_text("geen contact met minderjarigen")
    page.get_by_role("link", name="Informatieblad bekijken of printen").click()
    expect(page.get_by_role("heading", name="Openstaande acties")).to_be_visible()
    expect(page.get_by_role("region", name="Risico's")).to_contain_text(
        "geen contact met minderjarigen"
    )
    assert axe_violations(page) == []


def test_nazorg1_reads_an_informatieblad_to_act_on(page):
    traject = _jan()
    log_in(page, "nazorg1")
    page.goto(f"/trajecten/{traject.pk}/informatieblad/")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Informatieblad")
    expect(page.get_by_text("Voorwaardelijke invrijheidstelling (v.i.)")).to_be_visible()
    expect(page.get_by_role("region", name="Risico's")).to_contain_text("Bekend risico op geweld")
    wie = page.get_by_role("region", name="Wie pakt wat op")
    expect(wie).to_contain_text("Huisvesting")
    expect(wie.get_by_role("link", name="053-481 1000").first).to_be_visible()
    acties = page.get_by_role("region", name="Openstaande acties")
    rij = acties.get_by_role("row", name="Inschrijven als woningzoekende")
    expect(rij).to_contain_text("Ahmed Yilmaz")
    expect(page.get_by_role("region", name="Geplande gesprekken")).to_contain_text("Startoverleg")
    expect(page.get_by_role("region", name="Doelen uit het D&R-plan")).to_contain_text(
        "Dagritme opbouwen"
    )
    expect(page.get_by_text("Wekelijks gesprek met de mentor")).to_have_count(0)
    assert axe_violations(page) == []
    # The nazorgcoördinator reads the risks but is not offered to change them.
    page.goto(f"/trajecten/{traject.pk}/")
    expect(page.get_by_role("region", name="Risico's")).to_be_visible()
    expect(page.get_by_role("link", name="Risico's vastleggen of wijzigen")).to_have_count(0)
    assert axe_violations(page) == []
