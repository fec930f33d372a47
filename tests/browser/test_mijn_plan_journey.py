"""'Mijn plan' in the browser (issue 15): casemanager1 opens it from Jan de Vries's case page,
reads it at 1280 and 390 px with axe finding nothing, the print stylesheet sets A4 and black on
white, and the handover checklist then says it was printed."""

import os
import re

import pytest
from playwright.sync_api import expect

from trajecten.models import Traject

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.usefixtures("demo_live")

TELEFOON = {"width": 390, "height": 844}
BUREAU = {"width": 1280, "height": 900}
SCHERMAFDRUKKEN = os.environ.get("SCHERMAFDRUKKEN")  # e.g. /tmp/shots15: keep screenshots

# The print rules that apply to the page: A4 pages, and black text on white in the document.
PRINTREGELS = """() => {
  const regels = [];
  for (const blad of document.styleSheets) {
    let lijst;
    try { lijst = blad.cssRules; } catch (e) { continue; }
    for (const r of lijst) regels.push(r.cssText);
  }
  return regels.join('\\n');
}"""


def _schermafdruk(page, naam: str) -> None:
    if SCHERMAFDRUKKEN:
        os.makedirs(SCHERMAFDRUKKEN, exist_ok=True)
        page.screenshot(path=f"{SCHERMAFDRUKKEN}/{naam}.png", full_page=True)


def _jan() -> Traject:
    return Traject.objects.get(
        gedetineerde__voornamen="Jan", gedetineerde__achternaam="de Vries", uitstroom_datum=None
    )


def test_casemanager1_opens_mijn_plan_and_it_prints_on_a4_in_black_and_white(page):
    traject = _jan()
    log_in(page, "casemanager1")
    page.goto(f"/trajecten/{traject.pk}/")
    page.get_by_role("link", name="Mijn plan bekijken of printen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn plan")
    expect(page.get_by_role("heading", name="Je eerste week buiten")).to_be_visible()
    expect(page.get_by_role("heading", name="Wie kun je bellen?")).to_be_visible()
    for alt in ("Plaatje van een ID-kaart met een gezicht", "Plaatje van een huis"):
        plaatje = page.get_by_role("img", name=alt)
        expect(plaatje).to_be_visible()
        assert plaatje.evaluate("i => i.complete && i.naturalWidth > 0")
    assert axe_violations(page) == []
    _schermafdruk(page, "mijn-plan-1280")

    page.set_viewport_size(TELEFOON)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations(page) == []
    _schermafdruk(page, "mijn-plan-390")
    page.set_viewport_size(BUREAU)

    regels = page.evaluate(PRINTREGELS)
    assert re.search(r"@page\s*\{[^}]*size:\s*a4", regels, re.IGNORECASE), regels[-600:]
    page.emulate_media(media="print")
    kleur = page.locator("[data-mijn-plan]").evaluate(
        "e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]"
    )
    assert kleur == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    expect(page.locator(".rt-header")).to_be_hidden()
    expect(page.get_by_role("link", name="Mijn plan downloaden als pdf")).to_be_hidden()
    _schermafdruk(page, "mijn-plan-print")
    page.emulate_media(media="screen")

    with page.expect_download() as download:
        page.get_by_role("link", name="Mijn plan downloaden als pdf").click()
    assert download.value.suggested_filename == f"mijn-plan-traject-{traject.pk}.pdf"

    page.goto(f"/trajecten/{traject.pk}/overdracht/")
    checklist = page.locator("[data-mijn-plan-meegegeven]")
    expect(checklist).to_have_attribute("data-mijn-plan-meegegeven", "ja")
    expect(checklist).to_contain_text("Mijn plan afgedrukt op")
    assert axe_violations(page) == []
