"""Issue 17 (slice G) in a real browser: under MFA_VEREIST a casemanager enrols an authenticator
app (QR code + secret), keeps the ten recovery codes, reaches a case page, and the next login asks
the code; the idle-timeout warning opens before the end and "Blijf ingelogd" keeps the session.
axe at 390 and 1280 px on each new screen."""

import time
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from trajecten.models import Traject

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.usefixtures("demo_live")

TELEFOON = {"width": 390, "height": 844}
BUREAU = {"width": 1280, "height": 900}


def _code(geheim: str) -> str:
    """What the authenticator app shows now for the secret the page showed."""
    tekst = geheim.replace(" ", "")
    app = TOTP(b32decode(tekst + "=" * (-len(tekst) % 8)), step=30, t0=0, digits=6, drift=0)
    app.time = time.time()
    return f"{app.token():06d}"


def _toegankelijk(page, naam: str) -> None:
    for maat in (TELEFOON, BUREAU):
        page.set_viewport_size(maat)
        breedte = page.evaluate("document.documentElement.scrollWidth")
        assert breedte <= maat["width"], f"{naam}: {breedte} px breed"
        assert axe_violations(page) == [], f"{naam} op {maat['width']} px"


def test_enrolment_then_recovery_codes_then_a_case_page_then_the_code_at_the_next_login(
    page, settings
):
    settings.MFA_VEREIST = True
    log_in(page, "casemanager1")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweede stap instellen")
    expect(page.get_by_role("img", name="QR-code voor de authenticator-app")).to_be_visible()
    # Nothing else opens before the second step.
    traject = Traject.objects.filter(casemanager__username="casemanager1").first()
    page.goto(traject.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweede stap instellen")
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_have_count(0)
    _toegankelijk(page, "inschrijven")

    geheim = page.get_by_test_id("geheim").inner_text()
    page.get_by_role("textbox", name="Code").fill("000000")
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("alert")).to_contain_text("Deze code klopt niet")
    _toegankelijk(page, "inschrijven-fout")
    time.sleep(1.2)  # django-otp's throttle after one wrong code
    page.get_by_role("textbox", name="Code").fill(_code(geheim))
    page.get_by_role("button", name="Bevestigen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Uw herstelcodes")
    expect(page.get_by_role("list", name="Herstelcodes").get_by_role("listitem")).to_have_count(10)
    herstelcode = page.get_by_role("list", name="Herstelcodes").get_by_role("listitem").first
    herstelcode = herstelcode.inner_text().strip()
    _toegankelijk(page, "herstelcodes")
    page.get_by_role("link", name="Ik heb ze bewaard, verder").click()
    page.goto(traject.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_contain_text(traject.gedetineerde.achternaam)

    page.get_by_role("button", name="Uitloggen").click()
    log_in(page, "casemanager1")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweede stap")
    _toegankelijk(page, "code")
    page.get_by_role("textbox", name="Code").fill(herstelcode)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mijn caseload")


def test_the_idle_warning_opens_before_the_end_and_blijf_ingelogd_keeps_the_session(page, settings):
    settings.SESSIE_INACTIEF_MINUTEN = 1
    settings.SESSIE_WAARSCHUWING_SECONDEN = 57  # the dialog opens three seconds after the page
    log_in(page, "casemanager1")
    dialoog = page.get_by_role("dialog", name="U wordt over 2 minuten uitgelogd")
    expect(dialoog).to_be_visible(timeout=10_000)
    expect(dialoog.get_by_role("button", name="Blijf ingelogd")).to_be_focused()
    _toegankelijk(page, "waarschuwing")
    page.keyboard.press("Enter")
    expect(dialoog).to_be_hidden()
    expect(page.locator("#rt-sessie")).to_have_attribute("data-verlengd", "ja")
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mijn caseload")
