import re

import pytest
from playwright.sync_api import expect

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.usefixtures("demo_live")


def test_login_page_is_accessible_and_starts_in_the_username_field(page):
    page.goto("/inloggen/")
    expect(page.get_by_label("Gebruikersnaam")).to_be_focused()
    assert axe_violations(page) == []


def test_nazorg1_logs_in_with_the_keyboard_and_lands_on_the_gemeente_inbox(page):
    page.goto("/inloggen/")
    # Typing starts where the page puts the focus; wait for it (a loaded machine is slow to).
    expect(page.get_by_label("Gebruikersnaam")).to_be_focused()
    page.keyboard.type("nazorg1")
    page.keyboard.press("Tab")
    page.keyboard.type("demo")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Binnenkomende detenties — Enschede")
    expect(page.get_by_role("link", name="Ons contactpunt bijwerken")).to_be_visible()
    assert axe_violations(page) == []
    # The first Tab on a page reaches the skip link, which jumps to the content.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Direct naar de inhoud")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_a_wrong_password_shows_a_dutch_error(page):
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("casemanager1")
    page.get_by_label("Wachtwoord").fill("verkeerd")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_contain_text("Inloggen is niet gelukt")
    assert axe_violations(page) == []


def test_casemanager_logs_in_and_out(page):
    log_in(page, "casemanager1")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(r"^Mijn caseload \(\d+ van norm 28\)")
    )
    assert axe_violations(page) == []
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
