"""Issue 12 in the browser at 390 px, with axe: nazorg1 answers "niet onze gemeente" naming
Rotterdam (the type-ahead), access moves at once, the casemanager is asked to verify; an invited
nazorgcoördinator accepts the invitation on a phone and logs in with their e-mail."""

import re

import pytest
from playwright.sync_api import expect

from ketenpartners import services as ketendiensten
from ketenpartners.models import Medewerker, Organisatie
from trajecten.models import Traject

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.usefixtures("demo_live")

TELEFOON = {"width": 390, "height": 844}


def _past(page, naam: str) -> None:
    breedte = page.evaluate("document.documentElement.scrollWidth")
    assert breedte <= 390, f"{naam}: {breedte} px breed"
    assert axe_violations(page) == [], naam


def test_nazorg1_answers_not_ours_and_access_moves_to_rotterdam(page):
    traject = (
        Traject.objects.filter(
            gemelde_gemeente__code="GM0153",
            terugkeer_gemeente__isnull=True,
            casemanager__username="casemanager1",
            uitstroom_datum=None,
        )
        .order_by("pk")
        .first()
    )
    assert traject is not None
    page.set_viewport_size(TELEFOON)
    log_in(page, "nazorg1")
    page.goto(f"/trajecten/{traject.pk}/")
    page.get_by_role("link", name="Niet onze gemeente").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("is niet onze inwoner")
    _past(page, "niet-onze-formulier")

    page.get_by_role("button", name="Versturen: niet onze gemeente").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Vul in waarom deze persoon niet bij uw gemeente hoort"
    )
    _past(page, "niet-onze-fout")

    page.get_by_label("Waarom hoort deze persoon niet bij uw gemeente").fill(
        "Verhuisd naar Rotterdam in maart; niet meer ingeschreven in Enschede."
    )
    gemeente = page.get_by_role("combobox", name=re.compile("De juiste gemeente"))
    gemeente.press_sequentially("Rotterd")
    expect(page.get_by_role("option", name="Rotterdam")).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(gemeente).to_have_value("Rotterdam")
    page.get_by_role("button", name="Versturen: niet onze gemeente").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "Gemeente Rotterdam ziet het traject nu"
    )
    _past(page, "inbox-na-niet-onze")

    antwoord = page.goto(f"/trajecten/{traject.pk}/")
    assert antwoord is not None and antwoord.status == 404

    page.context.clear_cookies()
    log_in(page, "nazorg2")
    antwoord = page.goto(f"/trajecten/{traject.pk}/")
    assert antwoord is not None and antwoord.status == 200

    page.context.clear_cookies()
    log_in(page, "casemanager1")
    page.goto(f"/trajecten/{traject.pk}/")
    expect(
        page.get_by_text(
            "Gemeente Enschede meldt: niet onze inwoner — controleer de terugkeergemeente"
        )
    ).to_be_visible()
    _past(page, "traject-niet-onze")


def test_an_invited_nazorgcoordinator_accepts_on_a_phone(page):
    _uitnodiging, token = ketendiensten.nodig_uit(
        acting_user=Medewerker.objects.get(username="beheer1"),
        gemeente=Organisatie.objects.get(code="GM0183"),
        naam="Pim Jansen",
        email="p.jansen@tubbergen.example",
    )
    page.set_viewport_size(TELEFOON)
    page.goto(f"/uitnodiging/{token}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Uitnodiging aannemen")
    expect(page.get_by_text("nazorgcoördinator van gemeente Tubbergen")).to_be_visible()
    _past(page, "uitnodiging")

    page.get_by_label("Wachtwoord", exact=True).fill("kort")
    page.get_by_label("Herhaal het wachtwoord").fill("kort")
    page.get_by_role("button", name="Account aanmaken").click()
    expect(page.get_by_role("alert")).to_be_visible()
    _past(page, "uitnodiging-fout")

    page.get_by_label("Wachtwoord", exact=True).fill("tubbergen-nazorg-2026")
    page.get_by_label("Herhaal het wachtwoord").fill("tubbergen-nazorg-2026")
    page.get_by_role("button", name="Account aanmaken").click()
    expect(page.get_by_role("status").first).to_contain_text("Uw account is klaar")
    page.get_by_label("Gebruikersnaam").fill("p.jansen@tubbergen.example")
    page.get_by_label("Wachtwoord").fill("tubbergen-nazorg-2026")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tubbergen")

    # The same link again: the one message for unknown, used or expired links.
    page.context.clear_cookies()
    antwoord = page.goto(f"/uitnodiging/{token}/")
    assert antwoord is not None and antwoord.status == 410
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Deze uitnodiging is niet (meer) geldig"
    )
    _past(page, "uitnodiging-ongeldig")
