"""Issue 14: every role reads its own way back on the case page (a gemeente never reads
"Terug naar de caseload"), and the functioneel beheerder is not told to ask himself."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

TERUG = {
    "casemanager1": ("Terug naar de caseload", "trajecten:caseload"),
    "mentor1": ("Terug naar de trajecten", "trajecten:caseload"),
    "nazorg1": ("Terug naar de inbox", "nazorg:inbox"),
    "reclassering1": ("Terug naar de cliënten", "reclassering:clienten"),
}


@pytest.mark.parametrize("wie", TERUG)
def test_each_role_goes_back_to_its_own_list_from_the_case_page(client, demo, traject, wie):
    label, naam = TERUG[wie]
    client.force_login(demo[wie])
    html = client.get(traject.get_absolute_url()).content.decode()
    assert f'<a class="utrecht-link" href="{reverse(naam)}">← {label}</a>' in html
    if wie != "casemanager1":
        assert "Terug naar de caseload" not in html


def test_the_beheerder_without_a_contact_point_may_make_one_himself(client, demo):
    from ketenpartners.models import Contactpunt

    beheer = demo["beheer1"]
    Contactpunt.objects.filter(organisatie=beheer.organisatie).delete()
    client.force_login(beheer)
    html = client.get(reverse("home")).content.decode()
    assert "Vraag de functioneel beheerder" not in html
    assert reverse("admin:ketenpartners_contactpunt_add") in html


def test_other_roles_without_a_contact_point_still_ask_the_beheerder(client, demo):
    from ketenpartners.models import Contactpunt

    staf = demo["staf1"]
    Contactpunt.objects.filter(organisatie=staf.organisatie).delete()
    client.force_login(staf)
    html = client.get(reverse("home")).content.decode()
    assert "Vraag de functioneel beheerder er een aan te maken" in html


MENU = {
    "casemanager1": ["Mijn caseload"],
    "mentor1": ["Trajecten"],
    "nazorg1": ["Inbox"],
    "reclassering1": ["Cliënten"],
    "staf1": ["Dashboard", "Escalaties", "Gemeenten zonder bereik"],
    "beheer1": ["Beheer", "Uitnodigingen", "Audittrail"],
}


@pytest.mark.parametrize("wie", MENU)
def test_the_main_menu_follows_the_role_from_ketenpartners_rollen(client, demo, wie):
    import re

    client.force_login(demo[wie])
    html = client.get(reverse("adresboek")).content.decode()
    nav = html[html.index('<nav class="rt-nav"') : html.index("</nav>")]
    labels = re.findall(r"<li><a [^>]*>([^<]+)<", nav)
    assert labels[: len(MENU[wie])] == MENU[wie]
    assert labels[-1] == "Adresboek"
    assert 'aria-current="page">Adresboek<' in nav
