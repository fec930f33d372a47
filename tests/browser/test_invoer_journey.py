"""Issue 13 in a real browser: the character counter (static/js/tekenteller.js), a long word that
wraps instead of widening the page, and a stale save showing both versions; axe-core on each."""

import pytest
from playwright.sync_api import expect

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.usefixtures("demo_live")


def _traject_van_casemanager1():
    from trajecten.keuzes import IN_DETENTIE
    from trajecten.models import Traject

    return Traject.objects.filter(
        casemanager__username="casemanager1", fase__in=IN_DETENTIE
    ).first()


def test_counter_counts_down_and_a_long_word_wraps(page):
    traject = _traject_van_casemanager1()
    log_in(page, "casemanager1")
    page.goto(f"/trajecten/{traject.pk}/basisvoorwaarden/huisvesting/")
    hulpvraag = page.get_by_label("Hulpvraag")
    teller = page.locator("#id_hulpvraag_teller")
    hulpvraag.fill("")
    hulpvraag.type("Woning")
    expect(teller).to_have_text("Nog 4.994 van 5.000 tekens over.")
    # Screen readers hear it through a polite live region, after a pause in typing.
    stem = page.locator("#id_hulpvraag_teller + [aria-live=polite]")
    expect(stem).to_have_text("Nog 4.994 van 5.000 tekens over.")
    assert hulpvraag.get_attribute("aria-describedby").split()[-1] == "id_hulpvraag_teller"
    assert axe_violations(page) == []

    woord = "Schuldhulpverleningstraject" * 12  # one word of 324 characters
    hulpvraag.fill(woord)
    page.get_by_label("Status").select_option(label="Niet op orde")
    page.get_by_role("button", name="Huisvesting opslaan").click()
    expect(page.get_by_text(woord[:40])).not_to_have_count(0)
    breedte = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert breedte[0] <= breedte[1], breedte


def test_a_stale_save_shows_both_versions_accessibly(page):
    from ketenpartners.models import Medewerker
    from trajecten import services
    from trajecten.models import Basisvoorwaarde

    traject = _traject_van_casemanager1()
    log_in(page, "casemanager1")
    page.goto(f"/trajecten/{traject.pk}/basisvoorwaarden/werk_inkomen/")
    page.get_by_label("Hulpvraag").fill("Mijn hulpvraag")
    bv = Basisvoorwaarde.objects.get(traject=traject, domein="werk_inkomen")
    services.werk_basisvoorwaarde_bij(  # a colleague saves while the form is open
        acting_user=Medewerker.objects.get(username="mentor1"),
        basisvoorwaarde=bv,
        versie=bv.versie,
        status="in_behandeling",
        hulpvraag="Hulpvraag van de mentor",
    )
    page.get_by_role("button", name="opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("heeft dit om")
    expect(page.get_by_role("heading", name="Twee versies")).to_be_visible()
    expect(page.get_by_role("cell", name="Hulpvraag van de mentor")).to_be_visible()
    expect(page.get_by_label("Hulpvraag")).to_have_value("Mijn hulpvraag")
    assert axe_violations(page) == []
