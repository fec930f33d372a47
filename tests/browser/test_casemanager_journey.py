"""The casemanager's journey in a real browser: caseload, intake, basisvoorwaarden (with and
without JavaScript), planning a trajectgesprek with its .ics invitation, and the deadlines."""

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.utils import dateformat, translation
from playwright.sync_api import expect

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.usefixtures("demo_live")

VOORNAMEN = "Teunis Lambertus"
ACHTERNAAM = "Brandsma-Oosterhof"
VOLLEDIGE_NAAM = f"{VOORNAMEN} {ACHTERNAAM}"
VIDEOLINK = "https://video.example/abc"


@pytest.fixture
def page_zonder_js(browser, live_server):
    """A second, independent browser context with JavaScript switched off."""
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def _binnenkomst() -> datetime.date:
    return datetime.date.today() - datetime.timedelta(days=3)


def _vul_intake_in(page) -> None:
    page.get_by_label("Voornamen").fill(VOORNAMEN)
    page.get_by_label("Achternaam").fill(ACHTERNAAM)
    geboren = page.get_by_role("group", name="Geboortedatum")
    geboren.get_by_label("Dag").fill("17")
    geboren.get_by_label("Maand").fill("5")
    geboren.get_by_label("Jaar").fill("1991")
    page.get_by_label("Datum binnenkomst in de PI").fill(_binnenkomst().strftime("%d-%m-%Y"))
    # The gemeente type-ahead, by keyboard (accessible-autocomplete over the select).
    if page.locator("#id_gemelde_gemeente-select").count() == 0:  # without JavaScript
        page.get_by_label("Gemeente volgens de melding").select_option(label="Enschede")
        return
    gemeente = page.get_by_role("combobox", name="Gemeente volgens de melding")
    gemeente.press_sequentially("Ensch")
    expect(page.get_by_role("option", name="Enschede")).to_be_visible()
    gemeente.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(gemeente).to_have_value("Enschede")


def _neem_op(page) -> None:
    """casemanager1 logs in and takes in a new detainee; ends on the trajectory page."""
    log_in(page, "casemanager1")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mijn caseload")
    page.get_by_role("link", name="Nieuwe intake").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe intake")
    _vul_intake_in(page)
    page.get_by_role("button", name="Traject aanmaken").click()
    expect(page).to_have_url(re.compile(r"/trajecten/\d+/(#.*)?$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(VOLLEDIGE_NAAM)


def _bv(page, domein: str):
    """The list item of one basisvoorwaarde on the trajectory page (its anchor id)."""
    return page.locator(f"#bv-{domein}")


def test_casemanager_takes_in_a_new_detainee(page):
    log_in(page, "casemanager1")
    expect(page).to_have_url(re.compile(r"/caseload/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mijn caseload")
    expect(page.get_by_role("table")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Nieuwe intake").click()
    expect(page).to_have_url(re.compile(r"/trajecten/nieuw/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe intake")
    # With JavaScript the gemeente select became the type-ahead (the select stays, hidden).
    expect(page.locator("#id_gemelde_gemeente-select")).to_have_count(1)
    expect(page.get_by_role("combobox", name="Gemeente volgens de melding")).to_have_attribute(
        "aria-autocomplete", "both"
    )
    assert axe_violations(page) == []

    # Empty form: the server answers with a Dutch error summary linking to each field.
    page.get_by_role("button", name="Traject aanmaken").click()
    samenvatting = page.get_by_role("alert")
    expect(samenvatting).to_contain_text("Er is iets niet goed ingevuld")
    for label, melding in (
        ("Voornamen", "Vul de voornamen in"),
        ("Achternaam", "Vul de achternaam in"),
        ("Datum binnenkomst in de PI", "Vul de datum binnenkomst in de PI in"),
    ):
        expect(samenvatting.get_by_role("link", name=melding)).to_be_visible()
        expect(page.get_by_label(label)).to_have_attribute("aria-invalid", "true")
    # The birth date: one message for the three boxes, the link goes to the day.
    expect(samenvatting.get_by_role("link", name="Vul de geboortedatum in")).to_be_visible()
    geboren = page.get_by_role("group", name="Geboortedatum")
    expect(geboren).to_contain_text("Vul de geboortedatum in")
    expect(geboren.get_by_label("Dag")).to_have_attribute("aria-invalid", "true")
    expect(page).to_have_url(re.compile(r"/trajecten/nieuw/$"))
    assert axe_violations(page) == []
    # The links in the summary are reachable with the keyboard and move focus to the field.
    link = samenvatting.get_by_role("link", name="Vul de achternaam in")
    link.focus()
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Achternaam")).to_be_focused()

    _vul_intake_in(page)
    page.get_by_role("button", name="Traject aanmaken").click()
    expect(page).to_have_url(re.compile(r"/trajecten/\d+/(#.*)?$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(VOLLEDIGE_NAAM)
    melding = page.get_by_role("status").first
    expect(melding).to_contain_text(f"Traject aangemaakt voor T.L. {ACHTERNAAM}")
    expect(page.locator("main")).to_contain_text("Enschede (volgens melding, niet geverifieerd)")
    assert axe_violations(page) == []

    # The new trajectory is in casemanager1's own caseload.
    page.get_by_role("link", name="Terug naar de caseload").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mijn caseload")
    expect(page.get_by_role("link", name=f"T.L. {ACHTERNAAM}")).to_be_visible()


def _werk_bij_met_htmx(page, domein: str, naam: str, hulpvraag: str) -> None:
    sectie = _bv(page, domein)
    expect(sectie.locator(".rt-status")).not_to_have_text("Niet op orde")
    url = page.url
    sectie.get_by_role("link", name=f"Bijwerken {naam}").click()
    # htmx swaps the form into the same list item; the browser stays on the trajectory page.
    formulier = _bv(page, domein)
    expect(formulier.get_by_role("group", name=naam)).to_be_visible()
    expect(page).to_have_url(url)
    formulier.get_by_label("Status").select_option(label="Niet op orde")
    formulier.get_by_label("Hulpvraag").fill(hulpvraag)
    formulier.get_by_role("button", name=f"{naam} opslaan").click()
    sectie = _bv(page, domein)
    expect(sectie.get_by_role("button", name=f"{naam} opslaan")).to_have_count(0)
    expect(sectie.locator(".rt-status")).to_have_text("Niet op orde")
    expect(sectie).to_contain_text(hulpvraag)
    expect(sectie.get_by_role("status")).to_have_text("Opgeslagen.")
    expect(sectie.get_by_role("link", name=f"Bijwerken {naam}")).to_be_visible()
    expect(page).to_have_url(url)


def test_casemanager_updates_basisvoorwaarden_in_place_with_htmx(page):
    _neem_op(page)
    # A marker on window survives only if no full page load happens in between.
    page.evaluate("() => { window.__zelfdePagina = true; }")

    _werk_bij_met_htmx(
        page, "id_bewijs", "ID-bewijs", "Paspoort verlopen; afspraak bij de gemeente nodig."
    )
    _werk_bij_met_htmx(
        page, "huisvesting", "Huisvesting", "Geen woonadres na uitstroom; hulp bij urgentie."
    )
    assert page.evaluate("() => window.__zelfdePagina") is True
    assert axe_violations(page) == []

    # The changes are stored: a fresh load of the page shows them too.
    page.reload()
    expect(_bv(page, "id_bewijs").locator(".rt-status")).to_have_text("Niet op orde")
    expect(_bv(page, "huisvesting")).to_contain_text("Geen woonadres na uitstroom")
    expect(page.locator("#plan")).to_contain_text("ID-bewijs (niet op orde)")

    # The full-page form (what the "Bijwerken" link opens without JavaScript) is accessible too;
    # axe needs JavaScript, so it is checked here rather than in the no-JavaScript test.
    href = (
        _bv(page, "huisvesting")
        .get_by_role("link", name="Bijwerken Huisvesting")
        .get_attribute("href")
    )
    page.goto(href)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Huisvesting")
    expect(page.get_by_label("Hulpvraag")).to_have_value(
        "Geen woonadres na uitstroom; hulp bij urgentie."
    )
    assert axe_violations(page) == []


def test_basisvoorwaarde_can_be_saved_without_javascript(page_zonder_js):
    page = page_zonder_js
    _neem_op(page)
    traject_url = page.url
    sectie = _bv(page, "huisvesting")
    expect(sectie.locator(".rt-status")).not_to_have_text("Niet op orde")

    # Without htmx the link is an ordinary link to a page of its own.
    sectie.get_by_role("link", name="Bijwerken Huisvesting").click()
    expect(page).to_have_url(re.compile(r"/trajecten/\d+/basisvoorwaarden/huisvesting/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Huisvesting")
    page.get_by_label("Status").select_option(label="Niet op orde")
    page.get_by_label("Hulpvraag").fill("Zonder JavaScript: hulp bij het vinden van een kamer.")
    page.get_by_role("button", name="Huisvesting opslaan").click()

    expect(page).to_have_url(f"{traject_url}#bv-huisvesting")
    expect(page.get_by_role("heading", level=1)).to_contain_text(VOLLEDIGE_NAAM)
    expect(page.get_by_role("status").first).to_contain_text("Huisvesting opgeslagen.")
    sectie = _bv(page, "huisvesting")
    expect(sectie.locator(".rt-status")).to_have_text("Niet op orde")
    expect(sectie).to_contain_text("Zonder JavaScript: hulp bij het vinden van een kamer.")


def test_casemanager_plans_a_startoverleg_and_downloads_an_anonymous_invitation(page):
    _neem_op(page)
    traject_url = page.url
    expect(page.locator("#gesprekken")).to_contain_text("Nog geen gesprekken gepland.")

    page.get_by_role("link", name="Gesprek plannen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gesprek plannen")
    morgen = datetime.date.today() + datetime.timedelta(days=1)
    gepland = datetime.datetime.combine(morgen, datetime.time(14, 30))
    # 14:30 rather than the prefilled 10:00, so the listing below proves the input was used.
    page.get_by_label("Soort gesprek").select_option(label="Startoverleg")
    page.get_by_label("Datum en tijd").fill(f"{gepland:%Y-%m-%dT%H:%M}")
    page.get_by_label("Plaats").fill("PI Almelo, spreekkamer 2")
    page.get_by_label("Videolink").fill(VIDEOLINK)
    page.get_by_role("button", name="Gesprek plannen").click()

    expect(page).to_have_url(traject_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text(VOLLEDIGE_NAAM)
    gesprekken = page.locator("#gesprekken")
    gesprek = gesprekken.get_by_role("listitem").filter(has_text="Startoverleg")
    expect(gesprek).to_have_count(1)
    with translation.override("nl"):
        wanneer = dateformat.format(gepland, "j F Y H:i")
    expect(gesprek).to_contain_text(wanneer)  # e.g. "27 november 2026 14:30"
    expect(gesprek).to_contain_text("video")

    with page.expect_download() as info:
        gesprek.get_by_role("link", name="Agenda-uitnodiging (.ics) Startoverleg").click()
    download = info.value
    assert download.suggested_filename.endswith(".ics")
    ics = Path(download.path()).read_bytes().decode("utf-8")  # keep the CRLF line ends
    ontvouwen = ics.replace("\r\n ", "")  # undo RFC 5545 line folding
    assert ontvouwen.startswith("BEGIN:VCALENDAR\r\n")
    assert ontvouwen.rstrip().endswith("END:VCALENDAR")
    assert VIDEOLINK in ontvouwen
    assert "Startoverleg" in ontvouwen
    start = gepland.replace(tzinfo=ZoneInfo("Europe/Amsterdam")).astimezone(datetime.UTC)
    assert f"DTSTART:{start:%Y%m%dT%H%M%SZ}" in ontvouwen
    # Privacy: invitations leave the system, so they never carry the detainee's name.
    assert ACHTERNAAM.lower() not in ontvouwen.lower()
    for voornaam in VOORNAMEN.split():
        assert voornaam.lower() not in ontvouwen.lower()


def test_trajectory_page_shows_the_contact_gemeente_countdown(page):
    _neem_op(page)
    termijnen = page.get_by_role("region", name="Termijnen")
    expect(termijnen.get_by_role("heading", name="Termijnen")).to_be_visible()
    rij = termijnen.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Screening en contact gemeente")
    )
    expect(rij).to_have_count(1)
    expect(rij).to_contain_text(re.compile(r"nog \d+ werkda"))
    # The deadline is 10 working days after arrival, and arrival was 3 calendar days ago (4 in
    # the app's Europe/Amsterdam date if this machine's clock is behind it near midnight): so
    # at most 4 working days have passed and 6 to 10 remain.
    n = int(re.search(r"nog (\d+) werkda", rij.inner_text()).group(1))
    assert 6 <= n <= 10
