"""Issue 17 item 5: the functional administrator answers a subject-access request from the
start page with the keyboard only, sees the elfproef error at the field, downloads the JSON;
axe finds nothing at 390 and 1280 px."""

import json
from pathlib import Path

import pytest

from trajecten.models import Gedetineerde

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.usefixtures("demo_live")


def test_the_administrator_downloads_a_persons_data_with_the_keyboard(page):
    persoon = Gedetineerde.objects.exclude(bsn="").order_by("pk").first()
    log_in(page, "beheer1")
    page.get_by_role("link", name="Inzageverzoek").click()
    page.get_by_role("heading", name="Inzageverzoek", level=1).wait_for()
    for breedte in (390, 1280):
        page.set_viewport_size({"width": breedte, "height": 844})
        assert page.evaluate("document.documentElement.scrollWidth") <= breedte
        assert axe_violations(page) == [], breedte

    veld = page.get_by_label("BSN van de persoon")
    veld.focus()
    page.keyboard.type("123456789")
    page.keyboard.press("Enter")
    # The project's form: the error at the field and, as a link to it, in the summary on top.
    page.locator("#id_bsn_fout").get_by_text("de elfproef klopt niet").wait_for()
    page.get_by_role("link", name="Dit is geen geldig BSN").wait_for()
    assert axe_violations(page) == [], "met foutmelding"

    veld = page.get_by_label("BSN van de persoon")
    veld.fill("")
    veld.focus()
    page.keyboard.type(persoon.bsn)
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    gegevens = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert gegevens["persoon"]["achternaam"] == persoon.achternaam
