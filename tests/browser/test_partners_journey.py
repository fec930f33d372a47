"""The gemeente's and the reclassering's day in the browser, with axe-core on every page."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.usefixtures("demo_live")


def test_nazorg1_sees_a_new_detention_with_the_casemanagers_phone_and_takes_it_on(page):
    log_in(page, "nazorg1")
    page.goto("/inbox/?status=nieuw")
    expect(page.get_by_role("heading", level=1)).to_have_text("Binnenkomende detenties — Enschede")
    assert axe_violations(page) == []
    eerste = page.locator(
        "#inbox-tabel tbody tr", has=page.get_by_role("link", name="0546-123 401")
    ).first
    # The case's own link finds its row again: the labels beside the name (LVB, Kort verblijf,
    # Nieuw) and a namesake's birth year depend on the list it is on.
    zaak = eerste.get_by_role("rowheader").get_by_role("link").get_attribute("href")
    van_zaak = page.locator(f'a[href="{zaak}"]')
    expect(eerste.get_by_role("link", name="0546-123 401")).to_be_visible()  # casemanager1
    expect(eerste.get_by_role("link", name="casemanager1@demo.example")).to_be_visible()
    eerste.get_by_role("button", name=re.compile(r"^Gezien")).click()
    page.goto("/inbox/?status=gezien")
    rij = page.locator("#inbox-tabel tbody tr", has=van_zaak).first
    rij.get_by_role("button", name=re.compile(r"^Ik pak dit op")).click()
    expect(page.get_by_role("status")).to_contain_text("Opgepakt door Ahmed Yilmaz")
    page.goto("/inbox/?status=opgepakt")
    expect(page.locator("#inbox-tabel tbody tr", has=van_zaak).first).to_contain_text(
        "Opgepakt door Ahmed Yilmaz"
    )
    assert axe_violations(page) == []


def test_nazorg1_records_an_action_of_the_gemeente(page):
    log_in(page, "nazorg1")
    page.goto("/inbox/")
    page.locator("#inbox-tabel tbody tr").first.get_by_role("rowheader").get_by_role("link").click()
    expect(page.get_by_text("U ziet dit dossier op grond van")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Actie van de gemeente vastleggen").click()
    assert axe_violations(page) == []
    page.get_by_label("Basisvoorwaarde").select_option(label="ID-bewijs")
    page.get_by_label("Wat doet de gemeente").fill("ID-kaart aangevraagd bij de balie")
    page.get_by_role("button", name="Actie opslaan").click()
    expect(page.get_by_role("rowheader", name="ID-kaart aangevraagd bij de balie")).to_be_visible()


def test_reclassering1_opens_a_client_and_adds_advice(page):
    log_in(page, "reclassering1")
    page.goto("/clienten/?alle=1")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cliënten van")
    assert axe_violations(page) == []
    page.locator("tbody tr").first.get_by_role("rowheader").get_by_role("link").click()
    expect(page.get_by_role("heading", name="D&R-advies van de reclassering")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="D&R-advies schrijven").click()
    assert axe_violations(page) == []
    page.get_by_label("D&R-advies van de reclassering").fill(
        "Advies: begeleid wonen en meldplicht."
    )
    page.get_by_role("button", name="Advies opslaan").click()
    expect(page.get_by_text("Advies: begeleid wonen en meldplicht.")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Uw D&R-advies staat nu naast het plan")
