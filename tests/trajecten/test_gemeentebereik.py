"""Issue 12: sharing with a gemeente nobody reads here is not shown as done. The case page and
the share confirmation say so in words, with how to reach the gemeente; the casemanager records
how it was reached, which counts as contact with the gemeente for the ten-day step."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ketenpartners import services as ketendiensten
from ketenpartners.models import Organisatie
from trajecten import services
from trajecten.models import Contactmoment, Traject
from trajecten.selectors import met_termijndata

GEEN_BEREIK = (
    "Gemeente Hengelo (O.) gebruikt dit systeem nog niet en heeft geen contactpunt: "
    "niemand leest dit hier."
)


@pytest.fixture
def naar_hengelo(demo):
    return services.neem_op(
        acting_user=demo["casemanager1"],
        voornamen="Kees",
        achternaam="Hengelo-test",
        geboortedatum=timezone.localdate().replace(year=1980),
        binnenkomst_datum=timezone.localdate() - timedelta(days=2),
        gemelde_gemeente=Organisatie.objects.get(code="GM0164"),
    )


def _delen(client, traject):
    return client.post(reverse("trajecten:informatieblad_delen", args=[traject.pk]), follow=True)


@pytest.mark.django_db
def test_sharing_with_an_unreachable_gemeente_is_not_green_and_says_so(client, demo, naar_hengelo):
    client.force_login(demo["casemanager1"])
    pagina = _delen(client, naar_hengelo).content.decode()
    assert "Klaargezet voor Hengelo (O.) — nog niemand bereikt" in pagina
    assert GEEN_BEREIK in pagina
    assert "Bel het algemene nummer van de gemeente (14 + netnummer)." in pagina
    assert "Gedeeld met Hengelo (O.)" not in pagina
    assert 'data-status="klaargezet"' in pagina
    assert "rt-status--klaar" not in pagina.split('id="informatieblad"')[1].split("</li>")[0]


@pytest.mark.django_db
def test_a_gemeente_with_a_contact_point_only_shows_how_to_reach_it(client, demo, naar_hengelo):
    ketendiensten.zet_contactpunt(
        acting_user=None,
        organisatie=Organisatie.objects.get(code="GM0164"),
        naam="Loket Zorg",
        telefoon="074-245 9111",
        email="zorg@hengelo.example",
    )
    client.force_login(demo["casemanager1"])
    pagina = _delen(client, naar_hengelo).content.decode()
    assert "Klaargezet voor Hengelo (O.) — nog niemand bereikt" in pagina
    assert "Loket Zorg: 074-245 9111 · zorg@hengelo.example" in pagina
    assert 'data-bereik="contactpunt"' in pagina


@pytest.mark.django_db
def test_sharing_with_a_gemeente_in_the_app_stays_green(client, demo, traject):
    client.force_login(demo["casemanager1"])
    pagina = _delen(client, traject).content.decode()
    assert "Gedeeld met Enschede op" in pagina
    assert "Klaargezet" not in pagina
    assert "data-bereik=" not in pagina


@pytest.mark.django_db
def test_recording_how_the_gemeente_was_reached_counts_as_contact(client, demo, naar_hengelo):
    client.force_login(demo["casemanager1"])
    _delen(client, naar_hengelo)
    vandaag = timezone.localdate()
    url = reverse("trajecten:gemeente_bereikt", args=[naar_hengelo.pk])
    leeg = client.post(url, {"kanaal": "telefoon", "contactpersoon": "", "datum": ""})
    assert leeg.status_code == 400
    assert "Vul in met wie u contact had" in leeg.content.decode()
    assert not Contactmoment.objects.exists()

    response = client.post(
        url,
        {
            "kanaal": "telefoon",
            "contactpersoon": "J. Smit, Werk en Inkomen",
            "datum": vandaag.strftime("%d-%m-%Y"),
        },
    )
    assert response.status_code == 302
    contact = Contactmoment.objects.get()
    assert contact.organisatie.code == "GM0164"
    assert contact.contactpersoon == "J. Smit, Werk en Inkomen"
    rij = met_termijndata(Traject.objects.filter(pk=naar_hengelo.pk)).get()
    assert rij.gemeente_datum == vandaag
    pagina = client.get(reverse("trajecten:detail", args=[naar_hengelo.pk])).content.decode()
    assert "Gedeeld met Hengelo (O.) op" in pagina
    assert "Bereikt op" in pagina and "J. Smit, Werk en Inkomen" in pagina


@pytest.mark.django_db
def test_only_pi_staff_who_update_the_case_record_it(client, demo, traject):
    client.force_login(demo["nazorg1"])
    response = client.post(
        reverse("trajecten:gemeente_bereikt", args=[traject.pk]),
        {"kanaal": "telefoon", "contactpersoon": "X", "datum": "01-01-2026"},
    )
    assert response.status_code == 403
    assert not Contactmoment.objects.exists()
