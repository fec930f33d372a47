"""'Wie doet wat' in the browser (issue 11): casemanager1, nazorg1 and reclassering1 each
close an overdue action of their organisation on the case page, saved in place, and see it
in "Mijn acties" with the navigation count one lower; axe-core on both screens."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.usefixtures("demo_live")


def _mijn_acties(page):
    return page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name=re.compile(r"^Mijn acties")
    )


def _aantal(page) -> int:
    return int(_mijn_acties(page).locator(".rt-nav__aantal").inner_text())


@pytest.mark.parametrize("wie", ["casemanager1", "nazorg1", "reclassering1"])
def test_a_partner_closes_an_overdue_action_on_the_case_page_and_sees_it_in_mijn_acties(page, wie):
    log_in(page, wie)
    voor = _aantal(page)
    _mijn_acties(page).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn acties")
    assert axe_violations(page) == []
    rij = page.locator("tr.rt-actie--te-laat", has=page.locator("form")).first
    rij_id = rij.get_attribute("id")
    wat = rij.get_by_role("rowheader").inner_text()
    rij.get_by_role("link").first.click()  # the case, at its "Wie doet wat"

    expect(page.get_by_role("heading", name="Wie doet wat")).to_be_visible()
    rij = page.locator(f"#{rij_id}")
    expect(rij.get_by_role("rowheader")).to_have_text(wat)
    rij.get_by_label(re.compile("^Status van")).select_option("gedaan")
    rij.get_by_role("button", name=re.compile("^Status opslaan")).click()
    expect(page.locator(f"#{rij_id}").get_by_role("status")).to_have_text("Opgeslagen.")
    expect(page.locator(f"#{rij_id} .rt-status")).to_have_text("Gedaan")
    assert axe_violations(page) == []

    _mijn_acties(page).click()
    expect(page.locator(f"#{rij_id} .rt-status")).to_have_text("Gedaan")
    assert _aantal(page) == voor - 1


def test_casemanager1_drops_an_action_in_mijn_acties_and_is_asked_for_the_reason(page):
    log_in(page, "casemanager1")
    _mijn_acties(page).click()
    rij = page.locator("tbody tr", has=page.locator("form")).first
    rij_id = rij.get_attribute("id")
    rij.get_by_label(re.compile("^Status van")).select_option("vervallen")
    rij.get_by_role("button", name=re.compile("^Status opslaan")).click()
    rij = page.locator(f"#{rij_id}")
    expect(rij.get_by_text("Schrijf op waarom deze actie vervalt.")).to_be_visible()
    assert axe_violations(page) == []
    rij.get_by_label("Reden bij vervallen").fill("Uitkering liep al niet meer")
    rij.get_by_role("button", name=re.compile("^Status opslaan")).click()
    expect(page.locator(f"#{rij_id}").get_by_role("status")).to_have_text("Opgeslagen.")
    expect(page.locator(f"#{rij_id}")).to_contain_text("Reden: Uitkering liep al niet meer")


def test_at_phone_width_each_action_is_a_stacked_block_no_wider_than_the_window(page):
    page.set_viewport_size({"width": 360, "height": 800})
    log_in(page, "casemanager1")
    page.goto("/acties/")
    page.locator("tbody tr").first.get_by_role("link").first.click()
    tabel = page.locator("#acties table")
    breedte = tabel.evaluate("t => Math.max(t.scrollWidth, t.getBoundingClientRect().right)")
    assert breedte <= 360
    rij = page.locator("#acties tbody tr").first
    expect(rij.get_by_role("cell", name=re.compile("^Basisvoorwaarde: "))).to_be_visible()
    assert axe_violations(page) == []
