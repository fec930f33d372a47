from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from signalering import services

from .test_scan import intake

pytestmark = pytest.mark.django_db


def test_the_bell_counts_unread_notifications_and_the_list_shows_them(client, demo):
    intake(demo, date(2026, 3, 2), achternaam="Belletje")
    services.scan(vandaag=date(2026, 6, 1))
    client.force_login(demo["casemanager1"])
    html = client.get(reverse("signalering:meldingen")).content.decode()
    assert '<span class="rt-bel__aantal">3</span>' in html
    assert "J. Belletje" in html and "Screening en contact gemeente" in html
    client.post(reverse("signalering:gelezen"))
    html = client.get(reverse("signalering:meldingen")).content.decode()
    assert "rt-bel__aantal" not in html


def test_notifications_list_costs_the_same_queries_for_few_or_many(client, demo):
    client.force_login(demo["casemanager1"])
    intake(demo, date(2026, 3, 2), achternaam="Een")
    services.scan(vandaag=date(2026, 6, 1))
    with CaptureQueriesContext(connection) as weinig:
        client.get(reverse("signalering:meldingen"))
    for i in range(8):
        intake(demo, date(2026, 3, 3), achternaam=f"Meer {i}")
    services.scan(vandaag=date(2026, 6, 2))
    with CaptureQueriesContext(connection) as veel:
        client.get(reverse("signalering:meldingen"))
    assert len(veel.captured_queries) == len(weinig.captured_queries) <= 8


def test_staffunctionaris_sees_old_open_flags_of_the_own_pi(client, demo, settings):
    settings.SIGNALERING_ESCALATIE_WERKDAGEN = 5
    oud = intake(demo, date(2026, 3, 2), achternaam="Oudgemist")
    services.scan(vandaag=date(2026, 6, 1))
    client.force_login(demo["staf1"])
    html = client.get(reverse("signalering:escalaties")).content.decode()
    assert oud.gedetineerde.korte_naam in html
    assert "Screening en contact gemeente" in html
    client.force_login(demo["nazorg1"])
    assert client.get(reverse("signalering:escalaties")).status_code == 403


def test_the_gemeente_acknowledges_an_incoming_detention(client, demo, traject):
    client.force_login(demo["nazorg1"])
    response = client.post(
        reverse("nazorg:gezien", args=[traject.pk]),
        {"terug": traject.get_absolute_url()},
        follow=True,
    )
    assert "Gezien door Ahmed Yilmaz" in response.content.decode()
    client.force_login(demo["nazorg2"])
    assert client.post(reverse("nazorg:gezien", args=[traject.pk])).status_code == 404


def test_an_escalation_names_the_gemeente_and_who_to_call_there(client, demo, settings):
    """'De gemeente heeft de detentie niet gezien' is only useful with the gemeente's name and
    phone; once a nazorgcoördinator picked the case up, his or her number too."""
    settings.SIGNALERING_ESCALATIE_WERKDAGEN = 5
    stil = intake(demo, date(2026, 3, 2), achternaam="Stilte")
    opgepakt = intake(demo, date(2026, 3, 2), achternaam="Opgepakt")
    from nazorg import services as nazorgdiensten

    nazorgdiensten.pak_op(acting_user=demo["nazorg1"], traject=opgepakt, door=None)
    services.scan(vandaag=date(2026, 6, 1))
    client.force_login(demo["staf1"])
    html = client.get(reverse("signalering:escalaties")).content.decode()
    rij = html[html.index(stil.gedetineerde.korte_naam) :]
    rij = rij[: rij.index("</tr>")]
    assert "Enschede" in rij
    assert "053-481 1000" in rij and "nazorg@enschede.example" in rij
    assert "Ahmed Yilmaz" not in rij
    rij = html[html.index(opgepakt.gedetineerde.korte_naam) :]
    rij = rij[: rij.index("</tr>")]
    assert "Ahmed Yilmaz" in rij and "053-481 1001" in rij


def test_escalations_cost_the_same_queries_for_few_or_many(client, demo, settings):
    settings.SIGNALERING_ESCALATIE_WERKDAGEN = 5
    client.force_login(demo["staf1"])
    intake(demo, date(2026, 3, 2), achternaam="Een")
    services.scan(vandaag=date(2026, 6, 1))
    with CaptureQueriesContext(connection) as weinig:
        client.get(reverse("signalering:escalaties"))
    for i in range(6):
        intake(demo, date(2026, 3, 2), achternaam=f"Meer {i}")
    services.scan(vandaag=date(2026, 6, 1))
    with CaptureQueriesContext(connection) as veel:
        client.get(reverse("signalering:escalaties"))
    assert len(veel.captured_queries) == len(weinig.captured_queries)


def test_notifications_follow_the_door_per_row_for_flags_and_events(client, demo):
    """Issue 18: the list reads the person's own notifications in page order and checks the
    door per row. A restricted case drops out for a colleague who was cut off and stays for
    the one named; events (gebeurtenissen) and flags alike; unread first, newest first."""
    from ketenpartners.models import Medewerker, Organisatie
    from ketenpartners.rollen import Rol
    from ketenpartners.services import koppel_groepen
    from signalering import selectors
    from trajecten import services as trajectdiensten

    collega = Medewerker.objects.create_user(
        username="nazorg_b",
        password="x",
        rol=Rol.NAZORGCOORDINATOR,
        organisatie=Organisatie.objects.get(code="GM0153"),
    )
    koppel_groepen(medewerker=collega)
    open_ = intake(demo, date(2026, 3, 2), achternaam="Open")
    dicht = intake(demo, date(2026, 3, 3), achternaam="Beperkt")
    services.scan(vandaag=date(2026, 6, 1))

    def trajecten(user):
        return [n.traject_id for n in selectors.notificaties_voor(user)]

    voor = {naam: trajecten(u) for naam, u in (("nazorg1", demo["nazorg1"]), ("b", collega))}
    assert set(voor["nazorg1"]) == set(voor["b"]) == {open_.pk, dicht.pk}
    flags_cm = trajecten(demo["casemanager1"])
    assert set(flags_cm) == {open_.pk, dicht.pk}

    dicht.refresh_from_db()
    trajectdiensten.beperk_toegang(
        acting_user=demo["casemanager1"],
        traject=dicht,
        versie=dicht.versie,
        beperkt=True,
        reden="Bekende zaak in de media",
        personen=[demo["nazorg1"]],
    )
    assert trajecten(demo["nazorg1"]) == voor["nazorg1"]
    assert trajecten(collega) == [t for t in voor["b"] if t != dicht.pk]
    assert trajecten(demo["casemanager1"]) == flags_cm
    assert trajecten(demo["nazorg2"]) == []
    client.force_login(collega)
    html = client.get(reverse("signalering:meldingen")).content.decode()
    assert "Open" in html and "Beperkt" not in html

    # Unread first, then newest first: the order the index is read in.
    eigen = list(selectors.notificaties_voor(demo["nazorg1"]))
    sleutels = [(n.gelezen_op is not None, -n.aangemaakt_op.timestamp(), -n.pk) for n in eigen]
    assert sleutels == sorted(sleutels)


def test_notifications_come_fifty_at_a_time_with_older_ones_behind_a_link(client, demo):
    """Issue 18: a year of notifications is not one page. Fifty per page, unread first; the
    next page holds the rest; a page number that is not one shows the first page."""
    from datetime import timedelta

    from signalering.models import Notificatie, Signalering, Signaleringssoort

    traject = intake(demo, date(2026, 3, 2), achternaam="Veelmeldingen")
    signaleringen = Signalering.objects.bulk_create(
        Signalering(
            traject=traject,
            soort=Signaleringssoort.MDO,
            uiterlijk=date(2026, 1, 1) + timedelta(days=i),
            gesignaleerd_datum=date(2026, 6, 1),
        )
        for i in range(55)
    )
    Notificatie.objects.bulk_create(
        Notificatie(signalering=s, ontvanger=demo["casemanager1"]) for s in signaleringen
    )
    client.force_login(demo["casemanager1"])
    url = reverse("signalering:meldingen")
    eerste = client.get(url).content.decode()
    assert eerste.count("J. Veelmeldingen") == 50
    assert "Oudere meldingen" in eerste and "Nieuwere meldingen" not in eerste
    tweede = client.get(url, {"pagina": 2}).content.decode()
    assert tweede.count("J. Veelmeldingen") == 5
    assert "Nieuwere meldingen" in tweede and "Oudere meldingen" not in tweede
    for onzin in ("abc", "0", "-1", "99999999999"):
        antwoord = client.get(url, {"pagina": onzin})
        assert antwoord.status_code == 200
        assert antwoord.content.decode().count("J. Veelmeldingen") == 50


def test_a_page_of_notifications_past_the_end_leads_back_to_the_first(client, demo):
    """An old link (?pagina=7) or a page number that is not one ("²" counts as a digit in
    Python) never gives a 500; past the end the page says so and links to the first page."""
    client.force_login(demo["casemanager1"])
    url = reverse("signalering:meldingen")
    for onzin in ("²", "1" * 5000, "٣"):
        assert client.get(url, {"pagina": onzin}).status_code == 200
    leeg = client.get(url, {"pagina": 7}).content.decode()
    assert "Op deze pagina staan geen meldingen meer." in leeg
    assert 'href="?pagina=1"' in leeg and "Nieuwere meldingen" in leeg
