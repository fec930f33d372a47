"""Issue 12: nazorg1 sees the new detentions in the bell, opens the notification settings at
390 px, chooses with the keyboard only, saves, and reads the confirmation; axe finds nothing on
either page at phone width."""

import pytest
from playwright.sync_api import expect

from ketenpartners.models import Medewerker
from signalering.models import Meldingsvoorkeur

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.usefixtures("demo_live")

TELEFOON = {"width": 390, "height": 844}


def _past(page, naam: str) -> None:
    breedte = page.evaluate("document.documentElement.scrollWidth")
    assert breedte <= 390, f"{naam}: {breedte} px breed"
    assert axe_violations(page) == [], naam


def test_notification_settings_by_keyboard_at_phone_width(page):
    page.set_viewport_size(TELEFOON)
    log_in(page, "nazorg1")
    page.goto("/meldingen/")
    expect(
        page.get_by_text("Nieuwe detentie van een inwoner van uw gemeente").first
    ).to_be_visible()
    expect(page.locator(".rt-ongelezen")).to_have_count(2)  # the demo's two unread
    _past(page, "meldingen")

    page.get_by_role("link", name="Kies per soort melding of u die ook per e-mail krijgt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Instellingen voor meldingen")
    _past(page, "instellingen")
    groep = page.get_by_role("group", name="Nieuwe detentie")
    expect(groep.get_by_label("Direct per e-mail")).to_be_checked()  # the role's default
    # Keyboard only: focus the checked radio of the group, arrow up to "In de dagelijkse e-mail".
    groep.get_by_label("Direct per e-mail").focus()
    page.keyboard.press("ArrowUp")
    expect(groep.get_by_label("In de dagelijkse e-mail")).to_be_checked()
    page.keyboard.press("Enter")  # submits the form
    expect(page.get_by_text("Uw keuzes voor meldingen zijn bewaard.")).to_be_visible()
    expect(
        page.get_by_role("group", name="Nieuwe detentie").get_by_label("In de dagelijkse e-mail")
    ).to_be_checked()
    nazorg1 = Medewerker.objects.get(username="nazorg1")
    assert (
        Meldingsvoorkeur.objects.get(medewerker=nazorg1, soort="detentie_gemeld").kanaal == "digest"
    )
    _past(page, "instellingen na bewaren")
