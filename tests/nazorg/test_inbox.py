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
    # The count and the page's ids through the door, then the page's rows (ADR 0025).
    # SET and RESET of the join order around the rows of the page (issue 18) included
    assert len(veel.captured_queries) == len(weinig.captured_queries) <= 15


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


def _namen_in_volgorde(html, *namen):
    return sorted(namen, key=lambda naam: html.index(f"P. {naam}"))


def _neem_op(demo, achternaam, *, binnen_dagen, uitstroom_dagen, lvb=False, voornamen="Piet"):
    vandaag = timezone.localdate()
    return services.neem_op(
        acting_user=demo["casemanager1"],
        voornamen=voornamen,
        achternaam=achternaam,
        geboortedatum=vandaag.replace(year=1980),
        binnenkomst_datum=vandaag - timedelta(days=binnen_dagen),
        verwachte_uitstroom_datum=(
            vandaag + timedelta(days=uitstroom_dagen) if uitstroom_dagen is not None else None
        ),
        lvb=lvb,
        gemelde_gemeente=Organisatie.objects.get(code="GM0153"),
    )


def test_the_inbox_puts_the_soonest_release_first_and_new_before_seen(client, demo):
    """The LVB case releasing in 8 working days is no longer 16th of 18: soonest release
    first, unknown release last, and within the same release date the unseen case first."""
    _neem_op(demo, "Nieuwste", binnen_dagen=1, uitstroom_dagen=None)
    _neem_op(demo, "Later", binnen_dagen=2, uitstroom_dagen=200)
    gezien = _neem_op(demo, "Bekeken", binnen_dagen=3, uitstroom_dagen=60)
    _neem_op(demo, "Ongezien", binnen_dagen=40, uitstroom_dagen=60)
    _neem_op(demo, "Spoed", binnen_dagen=30, uitstroom_dagen=12, lvb=True)
    client.force_login(demo["nazorg1"])
    client.post(reverse("nazorg:gezien", args=[gezien.pk]))
    html = client.get(reverse("nazorg:inbox")).content.decode()
    assert _namen_in_volgorde(html, "Nieuwste", "Later", "Bekeken", "Ongezien", "Spoed") == [
        "Spoed",
        "Ongezien",
        "Bekeken",
        "Later",
        "Nieuwste",
    ]
    assert 'value="urgentie" selected' in html
    # The user can still choose the newest intake first.
    binnen = client.get(reverse("nazorg:inbox"), {"sorteer": "binnen"}).content.decode()
    assert _namen_in_volgorde(binnen, "Nieuwste", "Spoed")[0] == "Nieuwste"


def test_lvb_and_short_stays_are_marked_in_the_row(client, demo):
    _neem_op(demo, "Kortdurend", binnen_dagen=10, uitstroom_dagen=30)
    _neem_op(demo, "Langdurend", binnen_dagen=10, uitstroom_dagen=300, lvb=True)
    client.force_login(demo["nazorg1"])
    html = client.get(reverse("nazorg:inbox")).content.decode()
    rijen = {
        naam: html[html.index(naam) : html.index("</th>", html.index(naam))]
        for naam in ("Kortdurend", "Langdurend")
    }
    assert "Kort verblijf" in rijen["Kortdurend"] and "LVB" not in rijen["Kortdurend"]
    assert "LVB" in rijen["Langdurend"] and "Kort verblijf" not in rijen["Langdurend"]


def test_the_pis_contact_points_are_shown_once_not_in_every_row(client, demo):
    for i in range(4):
        _neem_op(demo, f"Almeloër {i}", binnen_dagen=i + 1, uitstroom_dagen=100)
    client.force_login(demo["nazorg1"])
    html = client.get(reverse("nazorg:inbox")).content.decode()
    assert html.count("0546-123 400") == 1  # the PI's contact point, once
    assert html.count("0546-123 401") >= 4  # the casemanager beside each case


def test_namesakes_in_the_inbox_show_their_birth_year(client, demo):
    vandaag = timezone.localdate()
    for jaar, voornamen in ((1988, "Marieke"), (1995, "Mark")):
        services.neem_op(
            acting_user=demo["casemanager1"],
            voornamen=voornamen,
            achternaam="Hoekstra",
            geboortedatum=vandaag.replace(year=jaar, day=1),
            binnenkomst_datum=vandaag - timedelta(days=5),
            gemelde_gemeente=Organisatie.objects.get(code="GM0153"),
        )
    _neem_op(demo, "Uniek", binnen_dagen=3, uitstroom_dagen=None)
    client.force_login(demo["nazorg1"])
    html = client.get(reverse("nazorg:inbox")).content.decode()
    assert "M. Hoekstra (1988)" in html and "M. Hoekstra (1995)" in html
    assert "P. Uniek</a>" in html  # no birth year without a namesake on the list
