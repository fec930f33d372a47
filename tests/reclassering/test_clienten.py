import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from trajecten.models import DRAdvies

pytestmark = pytest.mark.django_db


def test_the_client_list_shows_assigned_cases_with_the_casemanager(client, demo, traject):
    client.force_login(demo["reclassering1"])
    html = client.get(reverse("reclassering:clienten")).content.decode()
    assert "J.P. de Vries" in html and "0546-123 401" in html
    assert "Mijn cliënten" in html


def test_advice_stands_beside_the_plan_for_pi_and_reclassering_not_for_the_gemeente(
    client, demo, traject
):
    client.force_login(demo["reclassering1"])
    fout = client.post(reverse("reclassering:advies", args=[traject.pk]), {"tekst": " "})
    assert fout.status_code == 400
    client.post(
        reverse("reclassering:advies", args=[traject.pk]),
        {"tekst": "Advies: begeleid wonen, meldplicht."},
    )
    assert DRAdvies.objects.get().opgesteld_door == demo["reclassering1"]
    for wie, ziet in (("casemanager1", True), ("reclassering1", True), ("nazorg1", False)):
        client.force_login(demo[wie])
        assert (
            "begeleid wonen, meldplicht" in client.get(traject.get_absolute_url()).content.decode()
        ) is ziet


ADVIES = "Advies: begeleid wonen, meldplicht."

# Everyone but the assigned reclassering, with the answer they get: 403 for every role but the
# reclasseringswerker (the role is checked before the case is read), 404 for a reclasseringswerker
# who does not see the case ("not yours" answers as "not found").
GEWEIGERD = [
    ("casemanager1", 403),
    ("mentor1", 403),
    ("staf1", 403),
    ("nazorg1", 403),
    ("nazorg2", 403),
    ("casemanager2", 403),
    ("beheer1", 403),
    ("reclasseringswerker van SVG", 404),
    ("reclasseringswerker van een nieuwe reclassering", 404),
    ("nazorgcoordinator van een andere gemeente", 403),
]


def _account(demo, wie):
    from ketenpartners.models import Organisatie
    from ketenpartners.rollen import Rol

    from ..factories import GemeenteFactory, MedewerkerFactory

    if wie in demo:
        return demo[wie]
    if wie == "reclasseringswerker van SVG":
        return MedewerkerFactory(organisatie=Organisatie.objects.get(code="SVG"))
    if wie == "reclasseringswerker van een nieuwe reclassering":
        return MedewerkerFactory()
    if wie == "nazorgcoordinator van een andere gemeente":
        return MedewerkerFactory(rol=Rol.NAZORGCOORDINATOR, organisatie=GemeenteFactory())
    raise AssertionError(wie)


def _schrijf_advies(client, gebruiker, traject):
    client.force_login(gebruiker)
    url = reverse("reclassering:advies", args=[traject.pk])
    return client.get(url), client.post(url, {"tekst": ADVIES})


def test_the_assigned_reclassering_writes_advice_over_http(client, demo, traject):
    formulier, antwoord = _schrijf_advies(client, demo["reclassering1"], traject)

    assert formulier.status_code == 200
    assert antwoord.status_code == 302
    advies = DRAdvies.objects.get(traject=traject)
    assert advies.tekst == ADVIES
    assert advies.opgesteld_door == demo["reclassering1"]
    assert advies.organisatie.code == "RN"


def test_a_colleague_at_the_assigned_reclassering_writes_advice_too(client, demo, traject):
    """The advice is the organisation's (DOMAIN.md: 'its own advice'), so a colleague at
    Reclassering Nederland who is not the named reclasseringswerker may write it as well."""
    from ketenpartners.models import Organisatie

    from ..factories import MedewerkerFactory

    collega = MedewerkerFactory(organisatie=Organisatie.objects.get(code="RN"))

    _formulier, antwoord = _schrijf_advies(client, collega, traject)

    assert antwoord.status_code == 302
    assert DRAdvies.objects.get(traject=traject).opgesteld_door == collega


@pytest.mark.parametrize(("wie", "status"), GEWEIGERD, ids=[w for w, _s in GEWEIGERD])
def test_nobody_else_writes_the_reclasserings_advice(client, demo, traject, wie, status):
    formulier, antwoord = _schrijf_advies(client, _account(demo, wie), traject)

    opgeslagen = list(DRAdvies.objects.values_list("opgesteld_door__username", flat=True))
    assert (formulier.status_code, antwoord.status_code, opgeslagen) == (status, status, [])


def test_a_reclassering_no_longer_assigned_cannot_write_advice(client, demo):
    """reclassering1 (Reclassering Nederland) on a case that SVG supervises."""
    from ketenpartners.models import Organisatie, Team
    from trajecten import services
    from trajecten.keuzes import Titel

    from ..factories import MedewerkerFactory, TrajectFactory

    cm = demo["casemanager1"]
    svg = Organisatie.objects.get(code="SVG")
    traject = TrajectFactory(acting_user=cm)
    services.werk_traject_bij(
        acting_user=cm,
        traject=traject,
        versie=traject.versie,
        verwachte_uitstroom_datum=None,
        casemanager=cm,
        mentor=None,
        reclassering=svg,
        reclassering_team=Team.objects.get(organisatie=svg, naam="Oost"),
        reclasseringswerker=MedewerkerFactory(organisatie=svg),
        titel=Titel.ONBEKEND,
    )

    formulier, antwoord = _schrijf_advies(client, demo["reclassering1"], traject)

    assert (formulier.status_code, antwoord.status_code) == (404, 404)
    assert not DRAdvies.objects.exists()


def test_client_list_queries_do_not_grow_with_the_number_of_clients(client, demo, traject):
    from datetime import timedelta

    from django.utils import timezone

    from ketenpartners.models import Organisatie, Team
    from trajecten import services
    from trajecten.keuzes import Titel

    client.force_login(demo["reclassering1"])
    with CaptureQueriesContext(connection) as weinig:
        client.get(reverse("reclassering:clienten"), {"alle": "1"})
    rn = Organisatie.objects.get(code="RN")
    for i in range(12):
        t = services.neem_op(
            acting_user=demo["casemanager1"],
            voornamen="Klaas",
            achternaam=f"Client {i}",
            geboortedatum=timezone.localdate().replace(year=1979),
            binnenkomst_datum=timezone.localdate() - timedelta(days=i),
        )
        services.werk_traject_bij(
            acting_user=demo["casemanager1"],
            traject=t,
            versie=t.versie,
            verwachte_uitstroom_datum=None,
            casemanager=demo["casemanager1"],
            mentor=None,
            reclassering=rn,
            reclassering_team=Team.objects.get(organisatie=rn, naam="Oost"),
            reclasseringswerker=demo["reclassering1"],
            titel=Titel.ONBEKEND,
        )
    with CaptureQueriesContext(connection) as veel:
        response = client.get(reverse("reclassering:clienten"), {"alle": "1"})
    assert "Client 11" in response.content.decode()
    # No count for the organisation's list: the page's ids through the door in the index's
    # order, then the page's rows, with SET and RESET of their join order (issue 18)
    assert len(veel.captured_queries) == len(weinig.captured_queries) <= 10


def test_the_next_meeting_is_the_next_one_to_come_not_a_missed_one(demo, traject):
    from datetime import timedelta

    from django.utils import timezone

    from reclassering.selectors import clienten
    from trajecten import services

    komend = traject.gesprekken.get()
    services.plan_gesprek(
        acting_user=demo["casemanager1"],
        traject=traject,
        soort="periodiek",
        gepland_op=timezone.now() - timedelta(days=1),
        plaats="PI",
    )
    [regel] = clienten(user=demo["reclassering1"], alleen_eigen=True).rijen
    assert regel.volgend_gesprek == komend.gepland_op


def _client(demo, achternaam, *, uitstroom_dagen=None, uitgestroomd_dagen_geleden=None):
    """A client of reclassering1: in detention with an expected release in `uitstroom_dagen`,
    or released `uitgestroomd_dagen_geleden` days ago."""
    from datetime import timedelta

    from django.utils import timezone

    from ketenpartners.models import Organisatie, Team
    from trajecten import services
    from trajecten.keuzes import Fase, Titel
    from trajecten.models import Traject

    vandaag = timezone.localdate()
    t = services.neem_op(
        acting_user=demo["casemanager1"],
        voornamen="Klaas",
        achternaam=achternaam,
        geboortedatum=vandaag.replace(year=1979),
        binnenkomst_datum=vandaag - timedelta(days=400),
    )
    rn = Organisatie.objects.get(code="RN")
    services.werk_traject_bij(
        acting_user=demo["casemanager1"],
        traject=t,
        versie=t.versie,
        verwachte_uitstroom_datum=(
            vandaag + timedelta(days=uitstroom_dagen) if uitstroom_dagen else None
        ),
        casemanager=demo["casemanager1"],
        mentor=None,
        reclassering=rn,
        reclassering_team=Team.objects.get(organisatie=rn, naam="Oost"),
        reclasseringswerker=demo["reclassering1"],
        titel=Titel.ONBEKEND,
    )
    if uitgestroomd_dagen_geleden is not None:
        # The release itself is another slice's screen; here only its outcome matters.
        Traject.objects.filter(pk=t.pk).update(
            fase=Fase.NA_DETENTIE,
            uitstroom_datum=vandaag - timedelta(days=uitgestroomd_dagen_geleden),
        )
    return t


def _zes_clienten(demo) -> None:
    """Clients in detention (release soon, later, unknown) and released (yesterday, a month
    ago, months ago), created out of the list's order."""
    _client(demo, "Maandenweg", uitgestroomd_dagen_geleden=200)
    _client(demo, "Onbekend")
    _client(demo, "Gisteren", uitgestroomd_dagen_geleden=1)
    _client(demo, "Laat", uitstroom_dagen=90)
    _client(demo, "Vorigemaand", uitgestroomd_dagen_geleden=30)
    _client(demo, "Eerst", uitstroom_dagen=10)


def test_the_client_list_puts_what_is_current_first(client, demo):
    """In detention by expected release, then released recently (most recent first); clients
    released months ago only when the user ticks the filter."""
    _zes_clienten(demo)
    client.force_login(demo["reclassering1"])
    html = client.get(reverse("reclassering:clienten")).content.decode()
    namen = ["Eerst", "Laat", "Onbekend", "Gisteren", "Vorigemaand"]
    assert sorted(namen, key=lambda n: html.index(f"K. {n}")) == namen
    assert "K. Maandenweg" not in html
    assert 'name="oud"' in html  # the filter that brings them back is on the page
    alles = client.get(reverse("reclassering:clienten"), {"oud": "1"}).content.decode()
    assert alles.index("K. Vorigemaand") < alles.index("K. Maandenweg")


def test_namesakes_on_the_client_list_show_their_birth_year(client, demo):
    from trajecten.models import Gedetineerde

    for naam in ("Hoekstra", "Hoekstra", "Uniek"):
        _client(demo, naam, uitstroom_dagen=20)
    eerste = Gedetineerde.objects.filter(achternaam="Hoekstra").order_by("pk").first()
    Gedetineerde.objects.filter(pk=eerste.pk).update(
        geboortedatum=eerste.geboortedatum.replace(year=1988)
    )
    client.force_login(demo["reclassering1"])
    html = client.get(reverse("reclassering:clienten")).content.decode()
    assert "K. Hoekstra (1988)" in html and "K. Hoekstra (1979)" in html
    assert "K. Uniek</a>" in html


def test_the_organisations_list_pages_in_its_order_without_a_count(client, demo, monkeypatch):
    """Issue 18: the organisation's whole list is read a page at a time in the order of its
    index, without counting every client of a national organisation; the pages together hold
    every client once, in the list's order, and the links keep the filters. 'Mijn cliënten'
    (one worker's caseload) keeps its count."""
    from reclassering import selectors

    monkeypatch.setattr(selectors, "PER_PAGINA", 3)
    _zes_clienten(demo)
    client.force_login(demo["reclassering1"])
    url = reverse("reclassering:clienten")
    een = client.get(url, {"alle": "1", "oud": "1"}).content.decode()
    assert "Volgende cliënten" in een and "Vorige cliënten" not in een
    assert "?alle=1&amp;oud=1&amp;pagina=2" in een
    assert 'class="rt-telling"' not in een
    twee = client.get(url, {"alle": "1", "oud": "1", "pagina": "2"}).content.decode()
    assert "Vorige cliënten" in twee
    namen = ["Eerst", "Laat", "Onbekend", "Gisteren", "Vorigemaand", "Maandenweg"]
    gezien = [
        n
        for html in (een, twee)
        for n in sorted(
            (n for n in namen if f"K. {n}" in html), key=lambda n: html.index(f"K. {n}")
        )
    ]
    assert gezien == namen  # each once, over the two pages, in the list's order
    assert (
        "Volgende cliënten"
        not in client.get(url, {"alle": "1", "oud": "1", "pagina": "9"}).content.decode()
    )
    eigen = client.get(url).content.decode()
    assert 'class="rt-telling"' in eigen


def test_a_search_of_the_organisations_list_finds_its_clients_and_its_pages_keep_it(
    client, demo, monkeypatch
):
    from reclassering import selectors

    monkeypatch.setattr(selectors, "PER_PAGINA", 2)
    _client(demo, "Anders", uitstroom_dagen=1)  # first in the list without the search
    for naam in ("Zoekmans", "Zoekmans", "Zoekmans"):
        _client(demo, naam, uitstroom_dagen=30)
    client.force_login(demo["reclassering1"])
    url = reverse("reclassering:clienten")
    een = client.get(url, {"alle": "1", "zoek": "zoekmans"}).content.decode()
    assert een.count("K. Zoekmans") == 2 and "K. Anders" not in een
    assert "?alle=1&amp;zoek=zoekmans&amp;pagina=2" in een
    twee = client.get(url, {"alle": "1", "zoek": "zoekmans", "pagina": "2"}).content.decode()
    assert twee.count("K. Zoekmans") == 1 and "Volgende cliënten" not in twee


def test_mijn_clienten_counts_what_the_list_holds_with_its_filters(client, demo):
    import re

    _client(demo, "Maandenweg", uitgestroomd_dagen_geleden=200)
    _client(demo, "Eerst", uitstroom_dagen=10)
    client.force_login(demo["reclassering1"])
    url = reverse("reclassering:clienten")
    for filters in ({}, {"oud": "1"}, {"zoek": "Eerst"}, {"zoek": "Maandenweg", "oud": "1"}):
        html = client.get(url, filters).content.decode()
        [aantal] = re.findall(r'<span class="rt-telling">\((\d+)\)</span>', html)
        assert int(aantal) == html.count('scope="row"'), filters
    assert "K. Maandenweg" not in client.get(url).content.decode()


def test_the_organisations_list_is_read_in_the_order_of_its_index(demo):
    """The index `traject_reclassering_volgorde` must match the list's ORDER BY exactly, or
    PostgreSQL sorts every client of the organisation again (issue 18). With sorting priced
    out, the plan reads the index and has no Sort above it."""
    from django.db import transaction

    from reclassering import selectors
    from trajecten.querysets import CLIENTVOLGORDE

    for alleen_eigen, oud in ((False, False), (False, True)):
        qs = selectors._lijst(
            demo["reclassering1"], alleen_eigen=alleen_eigen, zoek="", ook_lang_uitgestroomd=oud
        ).order_by(*CLIENTVOLGORDE)
        sql, params = qs.values("pk")[:26].query.sql_with_params()
        with transaction.atomic(), connection.cursor() as cursor:
            for instelling in ("enable_sort", "enable_seqscan", "enable_bitmapscan"):
                cursor.execute(f"SET LOCAL {instelling} = off")
            cursor.execute("EXPLAIN " + sql, params)
            plan = [r[0] for r in cursor.fetchall()]
        bovenaan = plan[: next(i for i, r in enumerate(plan) if "Plan" in r)]
        assert "traject_reclassering_volgorde" in bovenaan[1], plan
        assert not any("Sort" in r for r in bovenaan), plan
