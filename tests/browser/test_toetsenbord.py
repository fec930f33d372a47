"""Keyboard only (issue 14): intake with a form error, one basisvoorwaarde updated in place,
the inbox's "Ik pak dit op" and an action closed in "Wie doet wat", each time checking where
focus lands (static/js/focus.js) and running axe-core. Only Tab, typing and Enter: the helper
_tab_naar presses Tab until the element has focus, so a test fails if it cannot be reached."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.usefixtures("demo_live")

MAX_TABS = 120


def _heeft_focus(locator) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def _tab_naar(page, locator) -> None:
    """Press Tab until locator has focus; fail when MAX_TABS presses do not get there."""
    for _ in range(MAX_TABS):
        if _heeft_focus(locator):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Met Tab niet bereikt: {locator}")


def _typ(page, locator, tekst: str) -> None:
    _tab_naar(page, locator)
    page.keyboard.type(tekst)


def test_intake_by_keyboard_focus_goes_to_the_error_summary_then_to_the_message(page):
    log_in(page, "casemanager1")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mijn caseload")
    _tab_naar(page, page.get_by_role("link", name="Nieuwe intake"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe intake")

    # An empty required field: the server's error summary gets focus on load.
    _tab_naar(page, page.get_by_role("button", name="Traject aanmaken"))
    page.keyboard.press("Enter")
    samenvatting = page.locator(".rt-foutoverzicht")
    expect(samenvatting).to_contain_text("Er is iets niet goed ingevuld")
    expect(samenvatting).to_be_focused()
    assert axe_violations(page) == []

    _typ(page, page.get_by_label("Voornamen"), "Tobias Lucas")
    _typ(page, page.get_by_label("Achternaam"), "Toetsenbord")
    geboren = page.get_by_role("group", name="Geboortedatum")
    _typ(page, geboren.get_by_label("Dag"), "17")
    _typ(page, geboren.get_by_label("Maand"), "5")
    _typ(page, geboren.get_by_label("Jaar"), "1991")
    _typ(page, page.get_by_label("Datum binnenkomst in de PI"), "02-11-2026")
    # The gemeente type-ahead: type, arrow down to the suggestion, Enter.
    gemeente = page.get_by_role("combobox", name="Gemeente volgens de melding")
    _typ(page, gemeente, "Ensch")
    expect(page.get_by_role("option", name="Enschede")).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(gemeente).to_have_value("Enschede")
    _tab_naar(page, page.get_by_role("button", name="Traject aanmaken"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/trajecten/\d+/(#.*)?$"))
    # After the post/redirect the message has focus, so the next Tab starts there.
    melding = page.locator("[data-rt-melding]")
    expect(melding).to_contain_text("Traject aangemaakt voor T.L. Toetsenbord")
    expect(melding).to_be_focused()
    assert axe_violations(page) == []


def test_basisvoorwaarde_by_keyboard_opens_on_status_and_returns_to_the_saved_card(page):
    log_in(page, "casemanager1")
    page.goto(page.locator("tbody tr").first.get_by_role("link").first.get_attribute("href"))
    kaart = page.locator("#bv-huisvesting")
    _tab_naar(page, kaart.get_by_role("link", name="Bijwerken Huisvesting", exact=True))
    page.keyboard.press("Enter")

    # The form opens in place and focus is in its first field, "Status".
    status = page.locator("#bv-huisvesting").get_by_label("Status")
    expect(status).to_be_focused()
    page.keyboard.type("Niet op orde")
    _typ(page, page.locator("#bv-huisvesting").get_by_label("Hulpvraag"), "Geen woonadres.")
    _tab_naar(page, page.get_by_role("button", name="Huisvesting opslaan"))
    page.keyboard.press("Enter")

    # Saved: focus is back on the updated card's heading, the live region says so.
    kop = page.locator("#bv-huisvesting").get_by_role("heading", name="Huisvesting")
    expect(kop).to_be_focused()
    expect(page.locator("#bv-huisvesting .rt-status")).to_have_text("Niet op orde")
    expect(page.locator("#rt-live")).to_have_text("Opgeslagen")
    assert axe_violations(page) == []
    # The next Tab continues inside the card, not at the top of the page.
    page.keyboard.press("Tab")
    expect(
        page.locator("#bv-huisvesting").get_by_role(
            "link", name="Bijwerken Huisvesting", exact=True
        )
    ).to_be_focused()


def test_inbox_ik_pak_dit_op_by_keyboard_ends_on_the_message(page):
    log_in(page, "nazorg1")
    page.goto("/inbox/?status=gezien")
    knop = page.locator("#inbox-tabel tbody tr").first.get_by_role(
        "button", name=re.compile(r"^Ik pak dit op")
    )
    _tab_naar(page, knop)
    page.keyboard.press("Enter")
    melding = page.locator("[data-rt-melding]")
    expect(melding).to_contain_text("Opgepakt door Ahmed Yilmaz")
    expect(melding).to_be_focused()
    assert axe_violations(page) == []


def test_closing_an_action_in_wie_doet_wat_by_keyboard_returns_to_its_row(page):
    log_in(page, "casemanager1")
    page.goto("/acties/")
    rij = page.locator("tbody tr", has=page.locator("form")).first
    rij_id = rij.get_attribute("id")
    page.goto(rij.get_by_role("link").first.get_attribute("href"))
    expect(page.get_by_role("heading", name="Wie doet wat")).to_be_visible()
    rij = page.locator(f"#{rij_id}")
    _typ(page, rij.get_by_label(re.compile("^Status van")), "Gedaan")
    _tab_naar(page, rij.get_by_role("button", name=re.compile("^Status opslaan")))
    page.keyboard.press("Enter")

    rij = page.locator(f"#{rij_id}")
    expect(rij.locator(".rt-status")).to_have_text("Gedaan")
    expect(rij.get_by_role("rowheader")).to_be_focused()
    expect(page.locator("#rt-live")).to_have_text("Opgeslagen")
    assert axe_violations(page) == []


def test_a_failed_in_place_save_sends_focus_to_the_field_that_needs_work(page):
    log_in(page, "casemanager1")
    page.goto("/acties/")
    rij = page.locator("tbody tr", has=page.locator("form")).first
    rij_id = rij.get_attribute("id")
    _typ(page, rij.get_by_label(re.compile("^Status van")), "Vervallen")
    _tab_naar(page, rij.get_by_role("button", name=re.compile("^Status opslaan")))
    page.keyboard.press("Enter")
    rij = page.locator(f"#{rij_id}")
    expect(rij.get_by_text("Schrijf op waarom deze actie vervalt.")).to_be_visible()
    expect(rij.get_by_label("Reden bij vervallen")).to_be_focused()
    assert axe_violations(page) == []


def test_a_gemeente_goes_back_to_its_inbox_not_to_a_caseload(page):
    log_in(page, "nazorg1")
    page.goto("/inbox/")
    page.goto(
        page.locator("#inbox-tabel tbody tr")
        .first.get_by_role("rowheader")
        .get_by_role("link")
        .get_attribute("href")
    )
    expect(page.get_by_role("link", name="Terug naar de caseload")).to_have_count(0)
    page.get_by_role("link", name="Terug naar de inbox").click()
    expect(page).to_have_url(re.compile(r"/inbox/$"))
