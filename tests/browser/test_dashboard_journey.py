"""The staffunctionaris's dashboard in a real browser: the figures, axe-core, the filters by
keyboard, and a downloaded CSV that holds what the table shows."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.usefixtures("demo_live")


MET_N = re.compile(r"^(\d+) van (\d+) = (\d+) %$")


def _tabel(page, sleutel: str) -> list[list[str]]:
    """The table as the eye reads it; a dash means 'geen gegevens', an empty CSV cell. A
    percentage with its n ('1 van 1 = 100 %') is the bare number in the CSV."""
    rijen = []
    for rij in page.locator(f"#tabel-{sleutel} tr").all():
        cellen = [" ".join(c.inner_text().split()) for c in rij.locator("th, td").all()]
        rijen.append(
            [
                "" if c.startswith("—") else (m.group(3) if (m := MET_N.match(c)) else c)
                for c in cellen
            ]
        )
    return rijen


def _download(page, naam: str) -> tuple[str, list[list[str]]]:
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile(f"Download als CSV.*{naam}")).click()
    download = info.value
    with open(download.path(), encoding="utf-8-sig") as bestand:
        inhoud = bestand.read()
    return download.suggested_filename, list(csv.reader(io.StringIO(inhoud), delimiter=";"))


def _actief_in_twente() -> int:
    from ketenpartners.models import Organisatie
    from trajecten.keuzes import IN_DETENTIE
    from trajecten.models import Traject

    almelo = Organisatie.objects.get(code="PI-ALMELO")
    return Traject.objects.filter(pi__regio_id=almelo.regio_id, fase__in=IN_DETENTIE).count()


def test_staffunctionaris_reads_the_dashboard_and_downloads_a_table(page):
    log_in(page, "staf1")
    page.goto("/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Regionaal dashboard")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Twente")

    cijfers = page.locator(".rt-dash-cijfers")
    for label in (
        "Actieve trajecten",
        "Contact gemeente op tijd",
        "Plan op tijd vastgesteld",
        "Gemeenten zonder reactie",
    ):
        expect(cijfers).to_contain_text(label)
    expect(page.locator('[data-cijfer="actief"]')).to_have_text(str(_actief_in_twente()))
    expect(page.locator('[data-cijfer="contact"]')).to_have_text(re.compile(r"^\d{1,3}%$"))
    expect(page.get_by_role("img", name=re.compile("Termijnen op tijd gehaald"))).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("Caseload per casemanager"))).to_be_visible()
    assert axe_violations(page) == []

    naam, rijen = _download(page, "Termijnen op tijd gehaald")
    assert re.fullmatch(r"termijnen_\d{4}-\d{2}_\d{4}-\d{2}\.csv", naam)
    assert rijen == _tabel(page, "termijnen")
    assert rijen[0][0] == "Maand van binnenkomst"

    naam, rijen = _download(page, "Caseload per casemanager")
    assert rijen == _tabel(page, "caseload")
    # PI Almelo's own norm (issue 12): 28, for every casemanager of the PI.
    karin = next(r for r in rijen if r[0] == "Karin Smit")
    assert karin[2] == "28"
    assert {r[2] for r in rijen[1:]} == {"28"}


def test_the_filters_work_by_keyboard(page):
    log_in(page, "staf1")
    page.goto("/dashboard/")
    page.get_by_label("Inrichting", exact=True).focus()
    page.get_by_label("Inrichting", exact=True).select_option(label="PI Almelo")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Cijfers tonen")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/dashboard/\?.*pi=\d+"))
    expect(page.locator(".rt-dash-periode")).to_contain_text("PI Almelo")
    link = page.get_by_role("link", name=re.compile("Download als CSV.*Kort verblijf"))
    expect(link).to_have_attribute("href", re.compile(r"groepen\.csv\?van=.*&tot=.*&pi=\d+"))
    assert axe_violations(page) == []


def test_at_desktop_width_no_dashboard_table_is_clipped_and_percentages_show_their_n(page):
    """Issue 14: at 1280 px the deadline table was clipped and the chart said '100 %' of one."""
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, "staf1")
    page.goto("/dashboard/")
    geknipt = page.evaluate(
        """() => [...document.querySelectorAll('.rt-dash-scroll')]
              .filter(v => v.scrollWidth > v.clientWidth + 1)
              .map(v => v.querySelector('table').id)"""
    )
    breedtes = page.evaluate(
        """() => [...document.querySelectorAll('#tabel-termijnen tr:first-child th')]
              .map(c => [c.innerText, c.getBoundingClientRect().width])"""
    )
    assert geknipt == [], breedtes
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    expect(page.locator("#tabel-groepen")).to_contain_text(re.compile(r"\d+ van \d+ = \d+ %"))
