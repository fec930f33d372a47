"""Issue 12, the whole chain in one journey (the issue's "done when"), with axe on every page:
casemanager1 prepares the handover of Yusuf Demir two weeks before his release, is warned on
release about the missing ID and sends it with a reason; nazorg1 finds it in the bell, confirms
it ("Ontvangen, ik pak het op"), adds an action of the gemeente, and a month later closes the
nazorg phase with an outcome per basisvoorwaarde; casemanager1 then sees who confirmed it and
that it was closed."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from trajecten.keuzes import Domein, Fase, Regie
from trajecten.models import Actie, Overdracht, Traject

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.usefixtures("demo_live")


def _demir() -> Traject:
    return Traject.objects.get(
        gedetineerde__voornamen="Yusuf", gedetineerde__achternaam="Demir", uitstroom_datum=None
    )


def _schoon(page, naam: str) -> None:
    assert axe_violations(page) == [], naam


def _uitloggen(page) -> None:
    page.context.clear_cookies()


def test_the_handover_is_prepared_checked_sent_confirmed_followed_and_closed(page):
    t = _demir()
    assert t.verwachte_uitstroom_datum is not None

    # casemanager1: prepare two weeks before release.
    log_in(page, "casemanager1")
    page.goto(f"/trajecten/{t.pk}/")
    page.get_by_role("link", name="Overdracht voorbereiden").click()
    expect(page.locator('[data-feiten="id_bewijs"]')).to_contain_text("ID-kaart verlopen")
    _schoon(page, "overdracht voorbereiden")
    page.get_by_label("Aanvulling bij huisvesting").fill("Intake maatschappelijke opvang gepland.")
    page.get_by_role("button", name="Aanvullingen opslaan").click()
    expect(page.get_by_text("Overdracht voorbereiden: opgeslagen.")).to_be_visible()

    # Release: no title remains, so the gemeente takes direction; the check warns about the ID.
    page.get_by_role("link", name="Uitstroom en overdracht registreren").click()
    page.get_by_label("Justitiële titel na uitstroom").select_option("geen")
    page.get_by_role("button", name="Verder: controleren").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Controleer de overdracht")
    expect(page.locator('[data-waarschuwing="geen_id"]')).to_be_visible()
    _schoon(page, "controleren")
    page.get_by_label("Ik verstuur de overdracht toch").check()
    page.get_by_label("Reden om toch te versturen").fill("ID wordt op de dag zelf opgehaald")
    page.get_by_role("button", name="Overdracht versturen").click()
    expect(page.get_by_text("De overdracht is verstuurd")).to_be_visible()
    overdracht = Overdracht.objects.get(traject=t)
    assert overdracht.regie_naar == Regie.GEMEENTE
    assert overdracht.ontvangen_op is None
    _uitloggen(page)

    # nazorg1 (Enschede) is told: the bell has the handover.
    log_in(page, "nazorg1")
    page.goto("/meldingen/")
    rij = page.locator("tr", has=page.get_by_role("link", name="Y. Demir"))
    expect(rij.filter(has_text="Overdracht ontvangen").first).to_be_visible()
    _schoon(page, "meldingen")

    # Confirms it from the inbox.
    page.goto("/inbox/")
    page.get_by_role("link", name="Overdrachten te bevestigen").click()
    rij = page.locator("tr", has_text="Demir")
    rij.get_by_role("button", name="Ontvangen, ik pak het op").click()
    expect(page.get_by_text("u hebt de overdracht ontvangen")).to_be_visible()
    overdracht.refresh_from_db()
    assert overdracht.ontvangen_door.username == "nazorg1"

    # Adds an action of the gemeente in the nazorg phase.
    page.goto(f"/trajecten/{t.pk}/")
    expect(page.locator("#nazorgfase")).to_contain_text("Nazorg tot")
    _schoon(page, "traject in nazorg")
    page.get_by_role("link", name="Actie van de gemeente vastleggen").click()
    page.get_by_label("Basisvoorwaarde").select_option(Domein.ID_BEWIJS)
    page.get_by_label("Wat doet de gemeente").fill("Afspraak balie burgerzaken voor ID-kaart")
    page.get_by_role("button", name="Actie opslaan").click()
    expect(page.get_by_text("Actie van de gemeente vastgelegd.")).to_be_visible()
    assert Actie.objects.filter(
        basisvoorwaarde__traject=t, omschrijving="Afspraak balie burgerzaken voor ID-kaart"
    ).exists()

    # A month later: the release and the handover lie 30 days back; the phase is closed.
    t.refresh_from_db()
    Traject.objects.filter(pk=t.pk).update(uitstroom_datum=t.uitstroom_datum - timedelta(days=30))
    Overdracht.objects.filter(pk=overdracht.pk).update(
        opgesteld_op=overdracht.opgesteld_op - timedelta(days=30),
        ontvangen_op=overdracht.ontvangen_op - timedelta(days=30),
    )
    page.goto(f"/trajecten/{t.pk}/")
    page.get_by_role("link", name="Nazorg afsluiten").click()
    for domein, label in Domein.choices:
        uitkomst = "niet_op_orde" if domein == Domein.FINANCIEN_SCHULDEN else "op_orde"
        page.get_by_label(str(label), exact=True).select_option(uitkomst)
    page.get_by_label("Notitie financiën en schulden").fill("Schuldhulp loopt via het wijkteam")
    page.get_by_role("button", name="Nazorg afsluiten").click()
    expect(page.get_by_text("Nazorg afgesloten.")).to_be_visible()
    _schoon(page, "afgesloten")
    t.refresh_from_db()
    assert t.fase == Fase.AFGESLOTEN
    _uitloggen(page)

    # casemanager1 sees who confirmed, and that the case was closed.
    log_in(page, "casemanager1")
    page.goto(f"/trajecten/{t.pk}/")
    expect(page.locator("#ontvangst")).to_contain_text("Ontvangen door")
    expect(page.get_by_text("Schuldhulp loopt via het wijkteam")).to_be_visible()
    _schoon(page, "traject afgesloten, casemanager")
