"""Issue 12, receipt and nazorg phase in a real browser, at desktop width and at 390 px:
nazorg1 confirms the handover from the inbox ("Ontvangen, ik pak het op"), adds a nazorg action
of the gemeente and closes the nazorg phase with an outcome per basisvoorwaarde (a missing
outcome first: the message at its field). axe finds nothing on the way."""

import importlib
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from ketenpartners.models import Medewerker, Organisatie
from trajecten import services
from trajecten.keuzes import Domein, Fase, Titel
from trajecten.models import Actie, Afsluiting, Brugdag, Traject

from ..factories import TrajectFactory
from .conftest import axe_violations, log_in

TELEFOON = {"width": 390, "height": 844}
BUREAU = {"width": 1280, "height": 900}


@pytest.fixture
def vrijgelaten(transactional_db) -> Traject:
    """The accounts (no demo cases), and one case of casemanager1 released today to Enschede
    through the release service."""
    seed = importlib.import_module("trajecten.migrations.0002_brugdagen").BRUGDAGEN
    Brugdag.objects.bulk_create(
        [Brugdag(datum=d, omschrijving=o) for d, o in seed], ignore_conflicts=True
    )
    call_command("load_referentiedata", stdout=io.StringIO())
    call_command("seed_demo", "--force", "--zonder-trajecten", stdout=io.StringIO())
    cm = Medewerker.objects.get(username="casemanager1")
    t = TrajectFactory(
        acting_user=cm,
        voornamen="Kees",
        achternaam="Nazorgreis",
        gemelde_gemeente=Organisatie.objects.get(code="GM0153"),
    )
    services.registreer_uitstroom(
        acting_user=cm,
        traject=t,
        versie=t.versie,
        uitstroom_datum=timezone.localdate(),
        titel=Titel.GEEN,
        toch_versturen=True,
        reden="Test: uitstroom zonder voorbereiding.",
    )
    return t


def _in_orde(page, naam: str, breedte: int) -> None:
    if breedte <= 390:
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= 390, f"{naam}: {scroll} px breed"
    assert axe_violations(page) == [], f"{naam} op {breedte} px"


@pytest.mark.parametrize("scherm", [BUREAU, TELEFOON], ids=["bureau", "telefoon"])
def test_nazorg1_confirms_adds_an_action_and_closes_the_nazorg_phase(page, vrijgelaten, scherm):
    t = vrijgelaten
    breedte = scherm["width"]
    page.set_viewport_size(scherm)
    log_in(page, "nazorg1")

    page.goto("/inbox/")
    page.get_by_role("link", name="Overdrachten te bevestigen 1").click()
    expect(page.get_by_text("Overdracht nog niet bevestigd")).to_be_visible()
    _in_orde(page, "inbox-te-bevestigen", breedte)
    page.get_by_role("button", name="Ontvangen, ik pak het op").click()
    expect(page.get_by_text("u hebt de overdracht ontvangen")).to_be_visible()
    expect(page.get_by_role("link", name="Overdrachten te bevestigen 0")).to_be_visible()

    page.goto(f"/trajecten/{t.pk}/")
    expect(page.locator("#ontvangst")).to_contain_text("Ontvangen door")
    expect(page.locator("#nazorgfase")).to_contain_text("Nazorg tot")
    _in_orde(page, "traject-nazorg", breedte)

    page.get_by_role("link", name="Actie van de gemeente vastleggen").click()
    page.get_by_label("Basisvoorwaarde").select_option(Domein.HUISVESTING)
    page.get_by_label("Wat doet de gemeente").fill("Urgentie voor een woning aangevraagd")
    page.get_by_role("button", name="Actie opslaan").click()
    expect(page.get_by_text("Actie van de gemeente vastgelegd.")).to_be_visible()
    assert Actie.objects.filter(
        basisvoorwaarde__traject=t, omschrijving="Urgentie voor een woning aangevraagd"
    ).exists()

    page.get_by_role("link", name="Nazorg afsluiten").click()
    expect(page.get_by_role("heading", level=1, name="Nazorg afsluiten")).to_be_visible()
    for domein, label in Domein.choices:
        if domein != Domein.ZORG:
            page.get_by_label(str(label), exact=True).select_option("op_orde")
    page.get_by_role("button", name="Nazorg afsluiten").click()
    expect(page.get_by_role("alert")).to_contain_text("Kies of zorg bij het afsluiten op orde is.")
    _in_orde(page, "afsluiten-fout", breedte)
    assert not Afsluiting.objects.exists()

    page.get_by_label("Zorg", exact=True).select_option("niet_op_orde")
    page.get_by_label("Notitie zorg").fill("Wachtlijst GGZ")
    page.get_by_label("Toelichting bij de afsluiting").fill("Verder met het wijkteam.")
    page.get_by_role("button", name="Nazorg afsluiten").click()
    expect(page.get_by_text("Nazorg afgesloten.")).to_be_visible()
    expect(page.get_by_text("Wachtlijst GGZ")).to_be_visible()
    _in_orde(page, "traject-afgesloten", breedte)
    t.refresh_from_db()
    assert t.fase == Fase.AFGESLOTEN
