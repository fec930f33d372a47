"""Issue 12, slice E: staf1 moves the demo caseload of casemanager3 (Ruud Kok, PI Almelo) to
casemanager1 by keyboard, at 390 px and at 1280 px, with axe finding nothing on every step."""

import pytest
from playwright.sync_api import expect

from trajecten.models import Traject

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.usefixtures("demo_live")

TELEFOON = {"width": 390, "height": 844}
BUREAU = {"width": 1280, "height": 900}


def _past_en_is_toegankelijk(page, naam: str) -> None:
    page.set_viewport_size(TELEFOON)
    breedte = page.evaluate("document.documentElement.scrollWidth")
    assert breedte <= 390, f"{naam}: {breedte} px breed op de telefoon"
    assert axe_violations(page) == [], f"{naam} op 390 px"
    page.set_viewport_size(BUREAU)
    assert axe_violations(page) == [], f"{naam} op 1280 px"


def _met_toetsenbord(page, locator, *toetsen: str) -> None:
    locator.focus()
    for toets in toetsen:
        page.keyboard.press(toets)


def test_staf_moves_a_caseload_by_keyboard_at_both_widths(page):
    page.set_viewport_size(TELEFOON)
    log_in(page, "staf1")
    page.get_by_role("link", name="Caseload overdragen").first.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Caseload overdragen")
    expect(page.get_by_text("De norm is 28 trajecten per casemanager.")).to_be_visible()
    _past_en_is_toegankelijk(page, "kies")

    # Choose the leaving casemanager by typing in the closed list, then Enter on the button.
    page.get_by_label("Casemanager die vertrekt").focus()
    page.keyboard.type("Ruud")
    expect(page.get_by_label("Casemanager die vertrekt")).to_have_value(
        str(Traject.objects.filter(casemanager__username="casemanager3").first().casemanager_id)
    )
    _met_toetsenbord(page, page.get_by_role("button", name="Toon trajecten"), "Enter")
    expect(page.get_by_role("heading", name="Trajecten van Ruud Kok")).to_be_visible()
    vakjes = page.get_by_role("checkbox")
    expect(vakjes).to_have_count(6)
    for i in range(6):
        expect(vakjes.nth(i)).to_be_checked()
    _past_en_is_toegankelijk(page, "trajecten")

    # "Selecteer: geen" works as a plain link; "alle" brings them back.
    _met_toetsenbord(page, page.get_by_role("link", name="geen", exact=True), "Enter")
    expect(page.get_by_role("checkbox").first).not_to_be_checked()
    _met_toetsenbord(page, page.get_by_role("link", name="alle", exact=True), "Enter")
    expect(page.get_by_role("checkbox").first).to_be_checked()

    # One case stays: Space on its box clears it.
    _met_toetsenbord(page, page.get_by_role("checkbox").last, "Space")
    expect(page.get_by_role("checkbox").last).not_to_be_checked()
    page.get_by_label("Alle geselecteerde trajecten naar").focus()
    page.keyboard.type("Karin")
    _met_toetsenbord(page, page.get_by_role("button", name="Controleren"), "Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Overdracht controleren")
    expect(page.locator("#samenvatting")).to_contain_text("5 trajecten gaan naar Karin Smit")
    _past_en_is_toegankelijk(page, "controleren")
    assert Traject.objects.filter(casemanager__username="casemanager3").count() == 6

    _met_toetsenbord(page, page.get_by_role("button", name="Overdragen"), "Enter")
    expect(page.get_by_text("5 trajecten van Ruud Kok zijn overgedragen.")).to_be_visible()
    _past_en_is_toegankelijk(page, "klaar")
    assert Traject.objects.filter(casemanager__username="casemanager3").count() == 1
