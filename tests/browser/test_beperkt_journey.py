"""Issue 17 item 6 in the browser, with axe at 1280 and 390 px: casemanager1 restricts a case
from the case page, keeping nazorg1; reclassering1 loses it at the next request; nazorg1 sees
the banner with the reason; casemanager1 lifts it and reclassering1 sees the case again."""

import pytest
from playwright.sync_api import expect

from trajecten.models import Traject

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.usefixtures("demo_live")

BREED = {"width": 1280, "height": 900}
TELEFOON = {"width": 390, "height": 844}


def _past(page, naam: str, breedte: int) -> None:
    gemeten = page.evaluate("document.documentElement.scrollWidth")
    assert gemeten <= breedte, f"{naam}: {gemeten} px breed"
    assert axe_violations(page) == [], naam


def _traject() -> Traject:
    traject = (
        Traject.objects.filter(
            casemanager__username="casemanager1",
            gemelde_gemeente__code="GM0153",
            terugkeer_gemeente__isnull=True,
            reclasseringswerker__username="reclassering1",
            beperkt=False,
            uitstroom_datum=None,
        )
        .order_by("pk")
        .first()
    )
    if traject is None:  # the demo data varies the cases: make one fit
        traject = (
            Traject.objects.filter(casemanager__username="casemanager1", uitstroom_datum=None)
            .order_by("pk")
            .first()
        )
        assert traject is not None
        from ketenpartners.models import Medewerker, Organisatie

        Traject.objects.filter(pk=traject.pk).update(
            gemelde_gemeente=Organisatie.objects.get(code="GM0153"),
            terugkeer_gemeente=None,
            reclassering=Organisatie.objects.get(code="RN"),
            reclasseringswerker=Medewerker.objects.get(username="reclassering1"),
        )
        from trajecten.access import herbereken_toegang

        traject.refresh_from_db()
        herbereken_toegang(traject=traject, acting_user=None, reden="test")
    return traject


@pytest.mark.parametrize("maat", [BREED, TELEFOON], ids=["1280", "390"])
def test_restrict_from_the_case_page_and_lift_it_again(browser, live_server, maat):
    traject = _traject()
    url = f"/trajecten/{traject.pk}/"
    breedte = maat["width"]

    casemanager = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport=maat)
    pagina = casemanager.new_page()
    log_in(pagina, "casemanager1")
    pagina.goto(url)
    pagina.get_by_role("link", name="Toegang beperken").click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Beperkte toegang")
    _past(pagina, "beperken-formulier", breedte)

    pagina.get_by_label("Beperkte toegang", exact=True).check()
    pagina.get_by_role("button", name="Toegang opslaan").click()
    expect(pagina.get_by_role("alert")).to_contain_text("Vul de reden in")
    _past(pagina, "beperken-fout", breedte)

    pagina.get_by_label("Reden").fill("Medewerker van de PI is familie")
    pagina.get_by_label("Ahmed Yilmaz", exact=False).check()
    reclassering = pagina.get_by_label("Sanne de Boer", exact=False)
    if reclassering.is_checked():
        reclassering.uncheck()
    pagina.get_by_role("button", name="Toegang opslaan").click()
    expect(pagina).to_have_url(f"{live_server.url}{url}")
    banner = pagina.locator("[data-beperkte-toegang]")
    expect(banner).to_contain_text("Beperkte toegang")
    expect(banner).to_contain_text("Medewerker van de PI is familie")
    _past(pagina, "traject-beperkt", breedte)

    anderen = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport=maat)
    ander = anderen.new_page()
    log_in(ander, "reclassering1")
    antwoord = ander.goto(url)
    assert antwoord is not None and antwoord.status == 404
    anderen.close()

    gemeente = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport=maat)
    nazorg = gemeente.new_page()
    log_in(nazorg, "nazorg1")
    nazorg.goto(url)
    expect(nazorg.locator("[data-beperkte-toegang]")).to_contain_text(
        "Medewerker van de PI is familie"
    )
    expect(nazorg.get_by_role("link", name="Beperking wijzigen of opheffen")).to_have_count(0)
    gemeente.close()

    pagina.get_by_role("link", name="Beperking wijzigen of opheffen").click()
    pagina.get_by_label("Beperkte toegang", exact=True).uncheck()
    pagina.get_by_label("Reden").fill("Medewerker is overgeplaatst")
    pagina.get_by_role("button", name="Toegang opslaan").click()
    expect(pagina.locator("[data-beperkte-toegang]")).to_have_count(0)
    casemanager.close()

    weer = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport=maat)
    terug = weer.new_page()
    log_in(terug, "reclassering1")
    antwoord = terug.goto(url)
    assert antwoord is not None and antwoord.status == 200
    weer.close()
