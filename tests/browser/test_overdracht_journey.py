"""Issue 12, slice B: casemanager1 prepares the handover of Yusuf Demir two weeks before his
release (the demo's case), registers the release, is warned about the missing ID, sends it anyway
with a reason; the handover document shows the facts, the note and the accepted warning. At
desktop width and at 390 px, with axe on every page of the journey."""

import pytest
from playwright.sync_api import expect

from trajecten.models import Overdracht, Traject

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.usefixtures("demo_live")

TELEFOON = {"width": 390, "height": 844}
BUREAU = {"width": 1280, "height": 900}


def _demir() -> Traject:
    return Traject.objects.get(
        gedetineerde__voornamen="Yusuf", gedetineerde__achternaam="Demir", uitstroom_datum=None
    )


def _toegankelijk(page, naam: str, breedte: dict) -> None:
    assert axe_violations(page) == [], f"{naam} op {breedte['width']} px"
    if breedte == TELEFOON:
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= 390, f"{naam}: {scroll} px breed"


@pytest.mark.parametrize("breedte", [BUREAU, TELEFOON], ids=["bureau", "telefoon"])
def test_prepare_release_warning_send(page, breedte):
    page.set_viewport_size(breedte)
    t = _demir()
    log_in(page, "casemanager1")

    # Prepare: the facts are there, the note is added where it adds something.
    page.goto(f"/trajecten/{t.pk}/")
    page.get_by_role("link", name="Overdracht voorbereiden").click()
    expect(page.get_by_role("heading", name="Overdracht voorbereiden", level=1)).to_be_visible()
    expect(page.locator('[data-feiten="id_bewijs"]')).to_contain_text("ID-kaart verlopen")
    expect(page.locator('[data-feiten="huisvesting"]')).to_contain_text("maatschappelijke opvang")
    _toegankelijk(page, "overdracht voorbereiden", breedte)
    page.get_by_label("Aanvulling bij ID-bewijs").fill("Pasfoto is gemaakt in de PI.")
    page.get_by_role("button", name="Aanvullingen opslaan").click()
    expect(page.get_by_text("Overdracht voorbereiden: opgeslagen.")).to_be_visible()

    # Release, step 1 and the check before sending.
    page.get_by_role("link", name="Uitstroom en overdracht registreren").click()
    page.get_by_label("Justitiële titel na uitstroom").select_option("vi")
    page.get_by_role("button", name="Verder: controleren").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Controleer de overdracht")
    expect(page.locator('[data-waarschuwing="geen_id"]')).to_be_visible()
    expect(page.locator('[data-feiten="id_bewijs"]')).to_contain_text("Pasfoto is gemaakt")
    _toegankelijk(page, "controleren", breedte)

    # Sending without a reason is refused at the field; with one it goes.
    page.get_by_label("Ik verstuur de overdracht toch").check()
    page.get_by_role("button", name="Overdracht versturen").click()
    expect(page.locator(".rt-foutoverzicht")).to_contain_text("Geef de reden")
    assert not Overdracht.objects.filter(traject=t).exists()
    _toegankelijk(page, "controleren met fout", breedte)
    page.get_by_label("Ik verstuur de overdracht toch").check()
    page.get_by_label("Reden om toch te versturen").fill("ID wordt op de dag zelf opgehaald")
    page.get_by_role("button", name="Overdracht versturen").click()
    expect(page.get_by_text("De overdracht is verstuurd")).to_be_visible()

    o = Overdracht.objects.get(traject=t)
    assert o.reden_ondanks_waarschuwingen == "ID wordt op de dag zelf opgehaald"
    page.goto(f"/trajecten/{t.pk}/overdracht/document/")
    expect(page.locator('[data-geregeld="id_bewijs"]')).to_contain_text("ID-kaart verlopen")
    expect(page.locator("[data-geaccepteerde-waarschuwingen]")).to_contain_text("Geen ID-bewijs")
    _toegankelijk(page, "overdracht", breedte)
