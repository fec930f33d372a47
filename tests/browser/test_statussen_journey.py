"""The case page tells the truth about the ten-day step and the sections (issue 11), with
axe-core on the page."""

import re
from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ketenpartners.models import Medewerker, Organisatie
from reintegratie.datums import datum
from trajecten import services
from trajecten.keuzes import BVStatus, Domein, Titel

from ..factories import screen
from .conftest import axe_violations, log_in

pytestmark = pytest.mark.usefixtures("demo_live")


def test_casemanager_sees_the_three_parts_of_the_ten_day_step(page):
    cm = Medewerker.objects.get(username="casemanager1")
    vandaag = timezone.localdate()
    binnen = vandaag - timedelta(days=30)
    t = services.neem_op(
        acting_user=cm,
        voornamen="Bo",
        achternaam="Stappenman",
        geboortedatum=date(1979, 9, 9),
        binnenkomst_datum=binnen,
        gemelde_gemeente=Organisatie.objects.get(code="GM0153"),
    )
    services.werk_traject_bij(
        acting_user=cm,
        traject=t,
        versie=t.versie,
        verwachte_uitstroom_datum=None,
        casemanager=cm,
        mentor=None,
        reclassering=Organisatie.objects.get(code="RN"),
        reclassering_team=None,
        reclasseringswerker=None,
        titel=Titel.ONBEKEND,
    )
    screen(
        t,
        op=binnen + timedelta(days=2),
        statussen={Domein.HUISVESTING: BVStatus.NIET_OP_ORDE, Domein.ZORG: BVStatus.NIET_OP_ORDE},
    )
    contactdag = binnen + timedelta(days=4)
    services.registreer_contactmoment(  # the gemeente logs its own call with the PI
        acting_user=Medewerker.objects.get(username="nazorg1"),
        traject=t,
        organisatie=t.pi,
        kanaal="telefoon",
        datum=contactdag,
        samenvatting="Hulpvragen doorgenomen",
    )
    startoverleg = vandaag + timedelta(days=3)
    services.plan_gesprek(
        acting_user=cm,
        traject=t,
        soort="startoverleg",
        gepland_op=timezone.make_aware(datetime.combine(startoverleg, time(10))),
        plaats="PI Almelo",
    )

    log_in(page, "casemanager1")
    page.goto(f"/trajecten/{t.pk}/")
    stap = page.locator(".rt-tiendagenstap li")
    expect(stap).to_have_count(3)
    expect(stap.nth(0)).to_contain_text("Screening compleet")
    expect(stap.nth(0)).to_contain_text(f"ja, op {datum(binnen + timedelta(days=2))}")
    expect(stap.nth(1)).to_contain_text("Contact met de gemeente")
    expect(stap.nth(1)).to_contain_text(f"ja, op {datum(contactdag)}")
    expect(stap.nth(2)).to_contain_text("Contact met de reclassering: nog niet")
    expect(page.locator("#basisvoorwaarden .rt-taak__kop .rt-status")).to_have_text(
        "Gescreend · 4 van 6 op orde"
    )
    expect(page.locator("#gesprekken .rt-taak__kop .rt-status")).to_have_text(
        f"Gepland op {startoverleg:%d-%m-%Y}"
    )
    expect(page.locator('[data-termijn="contact_gemeente"]')).to_have_text(
        re.compile(r"werkdag(en)? te laat")
    )
    assert axe_violations(page) == []
