"""Issue 12: /meldingen/instellingen/ — one radio group per kind of notification, the role's
defaults checked, a saved choice with a Dutch confirmation, and bad input answered at the field
with nothing half-saved. It replaces the old one-switch e-mail setting."""

import re

import pytest
from django.urls import reverse

from audit.models import Auditregel
from signalering import voorkeuren
from signalering.models import SIGNALERINGEN, Kanaal, Meldingsvoorkeur
from trajecten.keuzes import Gebeurtenissoort as G

pytestmark = pytest.mark.django_db
URL = "/meldingen/instellingen/"


def alles(kanaal: str, **anders: str) -> dict[str, str]:
    return {soort: anders.get(soort, kanaal) for soort in voorkeuren.SOORTEN}


def test_the_screen_has_a_fieldset_per_kind_with_the_role_defaults(client, demo):
    assert reverse("signalering:instellingen") == URL
    client.force_login(demo["nazorg1"])
    html = client.get(URL).content.decode()
    assert html.count("<fieldset") == len(voorkeuren.SOORTEN) == 11
    assert html.count("<legend") == 11
    assert "Nieuwe detentie" in html and "Signaleringen" in html
    assert "Alleen in de app" in html and "In de dagelijkse e-mail" in html
    assert 'value="direct" class="utrecht-radio-button utrecht-radio-button--html-input" ' in html
    # nazorg1's defaults: a new detention direct, a planned meeting in the digest
    assert gekozen(html, G.DETENTIE_GEMELD) == Kanaal.DIRECT
    assert gekozen(html, G.GESPREK_GEPLAND) == Kanaal.DIGEST


def gekozen(html: str, naam: str) -> str:
    """The value of the checked radio of group `naam`."""
    tags = re.findall(rf'<input[^>]*name="{naam}"[^>]*>', html)
    return next(re.search(r'value="(\w+)"', t).group(1) for t in tags if " checked" in t)


def test_a_saved_choice_is_confirmed_in_dutch_and_honoured(client, demo):
    client.force_login(demo["casemanager1"])
    response = client.post(URL, alles(Kanaal.DIGEST, **{SIGNALERINGEN: Kanaal.APP}), follow=True)
    assert "Uw keuzes voor meldingen zijn bewaard." in response.content.decode()
    assert voorkeuren.voorkeuren_van(demo["casemanager1"])[SIGNALERINGEN] == Kanaal.APP
    assert voorkeuren.voorkeuren_van(demo["casemanager1"])[G.NIET_ONZE_GEMEENTE] == Kanaal.DIGEST
    assert Auditregel.objects.filter(
        gebruiker=demo["casemanager1"], object_type="meldingsvoorkeur"
    ).exists()
    # Saving again changes the rows, never doubles them.
    client.post(URL, alles(Kanaal.DIRECT))
    assert Meldingsvoorkeur.objects.filter(medewerker=demo["casemanager1"]).count() == 11
    assert set(
        Meldingsvoorkeur.objects.filter(medewerker=demo["casemanager1"]).values_list(
            "kanaal", flat=True
        )
    ) == {Kanaal.DIRECT}


@pytest.mark.parametrize("fout", ["ontbreekt", "onzin"])
def test_bad_input_gets_a_dutch_message_at_the_field_and_saves_nothing(client, demo, fout):
    client.force_login(demo["nazorg1"])
    data = alles(Kanaal.APP)
    if fout == "ontbreekt":
        del data[G.GESPREK_GEPLAND]
    else:
        data[G.GESPREK_GEPLAND] = "postduif"
    response = client.post(URL, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Er is iets niet goed ingevuld" in html
    assert 'id="id_gesprek_gepland_fout"' in html
    assert ("Kies hoe u over deze meldingen hoort." in html) or (
        "Kies een van de drie mogelijkheden." in html
    )
    assert 'href="#id_gesprek_gepland_0"' in html
    assert not Meldingsvoorkeur.objects.filter(medewerker=demo["nazorg1"]).exists()


def test_the_old_email_switch_is_gone_and_the_list_links_here(client, demo):
    client.force_login(demo["nazorg1"])
    html = client.get(reverse("signalering:meldingen")).content.decode()
    assert "Dagelijkse e-mail aanzetten" not in html and "Geen e-mail meer" not in html
    assert f'href="{URL}"' in html
    assert client.post("/meldingen/email/").status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client):
    assert client.get(URL).status_code == 302
    assert client.post(URL, alles(Kanaal.APP)).status_code == 302
