from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ketenpartners import services as ketendiensten
from ketenpartners.models import Organisatie
from ketenpartners.rollen import Rol
from trajecten import services
from trajecten.keuzes import Domein
from trajecten.models import Actie

pytestmark = pytest.mark.django_db


def intake(
    demo, n=1, *, gemeente="GM0153", achternaam="Inbox", uitstroom_dagen=None, wie="casemanager1"
):
    return [
        services.neem_op(
            acting_user=demo[wie],
            voornamen="Piet",
            achternaam=f"{achternaam} {i}",
            geboortedatum=timezone.localdate().replace(year=1980),
            binnenkomst_datum=timezone.localdate() - timedelta(days=i + 1),
            verwachte_uitstroom_datum=(
                timezone.localdate() + timedelta(days=uitstroom_dagen) if uitstroom_dagen else None
            ),
            gemelde_gemeente=Organisatie.objects.get(code=gemeente),
        )
        for i in range(n)
    ]


def test_the_inbox_shows_incoming_detentions_with_the_casemanagers_contact_details(
    client, demo, traject
):
    intake(demo, gemeente="GM0599", achternaam="Rotterdammer")
    client.force_login(demo["nazorg1"])
    html = client.get(reverse("nazorg:inbox")).content.decode()
    assert "J.P. de Vries" in html
    assert "0546-123 401" in html and "casemanager1@demo.example" in html  # casemanager
    assert "0546-123 400" in html  # the PI's contact point
    assert "Rotterdammer" not in html
    assert "Nieuw 1" in html


def test_acknowledge_take_on_and_hand_to_a_colleague(client, demo, traject):
    collega = ketendiensten.maak_medewerker(
        acting_user=None,
        username="nazorg1b",
        rol=Rol.NAZORGCOORDINATOR,
        organisatie=Organisatie.objects.get(code="GM0153"),
        first_name="Bea",
        last_name="Bos",
    )
    client.force_login(demo["nazorg1"])
    client.post(reverse("nazorg:gezien", args=[traject.pk]))
    traject.refresh_from_db()
    assert traject.gezien_door_gemeente == demo["nazorg1"]
    assert "Gezien 1" in client.get(reverse("nazorg:inbox")).content.decode()
    client.post(reverse("nazorg:oppakken", args=[traject.pk]), {"door": collega.pk})
    traject.refresh_from_db()
    assert traject.opgepakt_door == collega
    html = client.get(reverse("nazorg:inbox"), {"status": "opgepakt"}).content.decode()
    assert "Opgepakt door Bea Bos" in html


def test_a_case_cannot_be_handed_to_someone_of_another_gemeente(client, demo, traject):
    client.force_login(demo["nazorg1"])
    response = client.post(
        reverse("nazorg:oppakken", args=[traject.pk]), {"door": demo["nazorg2"].pk}
    )
    assert response.status_code == 400
    traject.refresh_from_db()
    assert traject.opgepakt_op is None


def test_only_paths_of_this_site_are_followed_back(client, demo, traject):
    client.force_login(demo["nazorg1"])
    response = client.post(
        reverse("nazorg:gezien", args=[traject.pk]), {"terug": "https://evil.example/"}
    )
    assert response.url == reverse("nazorg:inbox")
    response = client.post(
        reverse("nazorg:oppakken", args=[traject.pk]), {"terug": "/inbox/?status=nieuw"}
    )
    assert response.url == "/inbox/?status=nieuw"


def test_filters_paging_and_coming_releases(client, demo):
    intake(demo, 30, achternaam="Veel")
    intake(demo, 1, achternaam="Binnenkort", uitstroom_dagen=20)
    client.force_login(demo["nazorg1"])
    html = client.get(reverse("nazorg:inbox")).content.decode()
    assert "31 detenties" in html and "Pagina 1 van 2" in html
    tweede = client.get(reverse("nazorg:inbox"), {"pagina": 2}).content.decode()
    assert "Pagina 2 van 2" in tweede
    binnenkort = client.get(reverse("nazorg:inbox"), {"binnenkort": "1"}).content.decode()
    assert "Binnenkort 0" in binnenkort and "Veel 1" not in binnenkort
    assert "Uitstroom komende 6 weken 1" in binnenkort
    gezocht = client.get(reverse("nazorg:inbox"), {"zoek": "binnenkort"}).content.decode()
    assert "1 detentie" in gezocht


def test_inbox_queries_do_not_grow_with_the_number_of_detentions(client, demo):
    client.force_login(demo["nazorg1"])
    intake(demo, 3, achternaam="Drie")
    with CaptureQueriesContext(connection) as weinig:
        client.get(reverse("nazorg:inbox"))
    intake(demo, 20, achternaam="Twintig")
    with CaptureQueriesContext(connection) as veel:
        client.get(reverse("nazorg:inbox"))
    assert len(veel.captured_queries) == len(weinig.captured_queries) <= 12


def test_the_gemeente_records_its_own_actions(client, demo, traject):
    client.force_login(demo["nazorg1"])
    response = client.post(
        reverse("nazorg:actie", args=[traject.pk]),
        {"domein": Domein.WERK_INKOMEN, "omschrijving": "Bijstandsaanvraag voorbereid"},
    )
    assert response.status_code == 302
    actie = Actie.objects.get()
    assert (actie.organisatie.code, actie.basisvoorwaarde.domein) == ("GM0153", Domein.WERK_INKOMEN)
    client.force_login(demo["casemanager1"])
    assert "Bijstandsaanvraag voorbereid" in client.get(traject.get_absolute_url()).content.decode()


def test_the_gemeente_keeps_its_contact_point_up_to_date(client, demo):
    client.force_login(demo["nazorg1"])
    fout = client.post(reverse("nazorg:contactpunt"), {"naam": "Nazorg"})
    assert fout.status_code == 400
    assert "Vul een telefoonnummer of een e-mailadres in" in fout.content.decode()
    client.post(
        reverse("nazorg:contactpunt"),
        {"naam": "Team Nazorg", "telefoon": "053-999 0000", "email": "nieuw@enschede.example"},
    )
    cp = Organisatie.objects.get(code="GM0153").contactpunten.get()
    assert (cp.naam, cp.telefoon, cp.email) == (
        "Team Nazorg",
        "053-999 0000",
        "nieuw@enschede.example",
    )


def test_the_gemeente_records_a_contact_moment_with_the_pi(client, demo, traject):
    client.force_login(demo["nazorg1"])
    pi = Organisatie.objects.get(code="PI-ALMELO")
    response = client.post(
        reverse("trajecten:contactmoment", args=[traject.pk]),
        {
            "organisatie": pi.pk,
            "kanaal": "telefoon",
            "datum": timezone.localdate().isoformat(),
            "samenvatting": "Afgestemd",
        },
    )
    assert response.status_code == 302
    assert traject.contactmomenten.get().geregistreerd_door == demo["nazorg1"]
