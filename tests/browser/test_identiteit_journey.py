"""In a real browser (ADR 0009): a known BSN asks "Is dit dezelfde persoon?" and shows nothing of
another PI; then the correction screen, where a person known elsewhere has read-only names."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.usefixtures("demo_live")

BSN = "270680019"  # passes the elfproef; the demo uses 1234567xx


@pytest.fixture
def almelo_eerder():
    """A released trajectory of PI Almelo with this BSN and Almelo's own LVB note."""
    from ketenpartners.models import Medewerker, Organisatie
    from trajecten import services
    from trajecten.keuzes import Titel

    cm = Medewerker.objects.get(username="casemanager1")
    vandaag = datetime.date.today()
    t = services.neem_op(
        acting_user=cm,
        voornamen="Daan",
        achternaam="Oudgedetineerd",
        geboortedatum=datetime.date(1988, 12, 23),
        binnenkomst_datum=vandaag - datetime.timedelta(days=200),
        bsn=BSN,
        lvb=True,
        lvb_toelichting="Almelo-notitie: leest moeilijk",
        gemelde_gemeente=Organisatie.objects.get(code="GM0153"),
    )
    services.registreer_uitstroom(
        toch_versturen=True,
        reden="Toch versturen (test)",
        acting_user=cm,
        traject=t,
        versie=t.versie,
        uitstroom_datum=vandaag - datetime.timedelta(days=30),
        titel=Titel.GEEN,
    )
    return t


def test_a_known_bsn_is_confirmed_then_corrected(page, almelo_eerder):
    log_in(page, "casemanager2")
    page.get_by_role("link", name="Nieuwe intake").click()
    page.get_by_label("Voornamen").fill("Piet")
    page.get_by_label("Achternaam").fill("Puk")
    geboren = page.get_by_role("group", name="Geboortedatum")
    geboren.get_by_label("Dag").fill("23")
    geboren.get_by_label("Maand").fill("12")
    geboren.get_by_label("Jaar").fill("1988")
    page.get_by_label("BSN").fill(BSN)
    gisteren = datetime.date.today() - datetime.timedelta(days=1)
    page.get_by_label("Datum binnenkomst in de PI").fill(gisteren.strftime("%d-%m-%Y"))
    page.get_by_role("button", name="Traject aanmaken").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Is dit dezelfde persoon?")
    hoofd = page.locator("main")
    expect(hoofd).to_contain_text("Piet Puk")
    for geheim in ("Oudgedetineerd", "Daan", "PI Almelo", "Almelo-notitie"):
        expect(hoofd).not_to_contain_text(geheim)
    assert axe_violations(page) == []

    page.get_by_role("button", name="Ja, dezelfde persoon: traject aanmaken").click()
    expect(page).to_have_url(re.compile(r"/trajecten/\d+/(#.*)?$"))
    expect(page.locator("main")).not_to_contain_text("Almelo-notitie")

    page.get_by_role("link", name="Gegevens corrigeren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gegevens corrigeren")
    expect(page.get_by_label("Achternaam")).to_be_disabled()  # the person is known in Almelo
    assert axe_violations(page) == []
    page.get_by_label("Licht verstandelijke beperking (LVB) of vermoeden daarvan").check()
    page.get_by_label("Reden van de correctie").fill("LVB vastgesteld door psycholoog")
    page.get_by_role("button", name="Correctie opslaan").click()
    expect(page).to_have_url(re.compile(r"/trajecten/\d+/(#.*)?$"))
    expect(page.locator(".rt-label", has_text="LVB")).to_be_visible()
