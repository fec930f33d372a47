"""casemanager1 records the benefit application for the demo trajectory that is four weeks
from release (issue 11): added from the catalogue, updated in place, seen on the informatieblad;
every screen passes axe (WCAG 2.1 AA)."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.usefixtures("demo_live")

UITKERING = "Uitkering aangevraagd (voorbereid in de PI)"


def test_casemanager_records_the_benefit_application(page):
    from trajecten.models import Traject

    ruben = Traject.objects.get(
        gedetineerde__voornamen="Ruben", gedetineerde__achternaam="Hoekstra"
    )
    log_in(page, "casemanager1")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mijn caseload")
    page.goto(f"/trajecten/{ruben.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ruben Hoekstra")
    # The benefit deadline is among the case's deadlines, the preparations in the plan.
    expect(page.get_by_role("row", name=re.compile("^Uitkering aangevraagd"))).to_be_visible()
    expect(page.get_by_role("table", name="Voorbereidingen op de uitstroom")).to_contain_text(
        "ID-bewijs aangevraagd"
    )
    assert axe_violations(page) == []

    # Werk en inkomen already holds the bank account: "0 van 1 geregeld".
    expect(page.locator("#bv-werk_inkomen")).to_contain_text("Voorbereidingen: 0 van 1 geregeld")
    page.get_by_role("link", name="Voorbereidingen bijwerken Werk en inkomen").click()
    expect(page).to_have_url(re.compile(r"/basisvoorwaarden/werk_inkomen/#voorbereidingen$"))
    assert axe_violations(page) == []
    page.get_by_label("Welke voorbereiding").select_option(label=UITKERING)
    page.get_by_label("Stand").select_option(label="Aangevraagd")
    page.get_by_role("button", name="Voorbereiding toevoegen").click()
    expect(page.get_by_role("status").first).to_contain_text("toegevoegd")
    item = page.locator(".rt-voorbereidingen li", has_text=UITKERING)
    expect(item).to_contain_text("Aangevraagd")

    # Updated in place (htmx): the form opens inside the item and saves without a page load.
    item.get_by_role("link", name=re.compile("^Bijwerken")).click()
    formulier = page.locator(".rt-voorbereiding--bewerken")
    expect(formulier).to_be_visible()
    assert axe_violations(page) == []
    formulier.get_by_label("Verwacht op").fill("01-01-2099")
    formulier.get_by_role("button", name=re.compile("opslaan$")).click()
    expect(formulier.locator(".utrecht-form-field-error-message")).to_contain_text(
        "controleer het jaar"
    )
    expect(formulier.get_by_label("Verwacht op")).to_have_attribute("aria-invalid", "true")
    # Focus lands on the error summary once htmx has taken the new fragment in; typing before
    # that would race the focus move (a fresh clone lost the cleared date that way).
    expect(formulier.locator(".rt-foutoverzicht")).to_be_focused()
    # The date already stored is shown the way the hint writes it, not as ISO.
    expect(formulier.get_by_label("Aangevraagd op")).to_have_value(re.compile(r"^\d\d-\d\d-\d{4}$"))
    formulier.get_by_label("Verwacht op").fill("")
    formulier.get_by_label("Korte toelichting").fill(
        "Formulieren klaar, indienen op de dag van uitstroom"
    )
    formulier.get_by_role("button", name=re.compile("opslaan$")).click()
    opgeslagen = page.locator(".rt-voorbereidingen li", has_text=UITKERING)
    expect(opgeslagen.get_by_role("status")).to_have_text("Opgeslagen.")
    expect(opgeslagen).to_contain_text("Formulieren klaar")
    assert axe_violations(page) == []

    page.goto(f"/trajecten/{ruben.pk}/informatieblad/")
    tabel = page.get_by_role("table", name="Voorbereidingen op de uitstroom")
    expect(tabel.get_by_role("row", name=re.compile(re.escape(UITKERING)))).to_contain_text(
        "Aangevraagd"
    )
    assert axe_violations(page) == []
