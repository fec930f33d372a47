"""The contact directory: every role finds whom to call at a PI, gemeente or reclassering, by
name, gemeente or PI; functional contact points with phone, e-mail and hours; no case data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ketenpartners.models import Contactpunt, Organisatie, Team

pytestmark = pytest.mark.django_db
URL = reverse("adresboek")


@pytest.fixture
def ingelogd(client, demo):
    client.force_login(demo["casemanager2"])
    return client


def _organisaties(response) -> list[str]:
    return [o.naam for o in response.context["pagina"]]


def test_lists_functional_contact_points_with_phone_mail_and_hours(ingelogd):
    response = ingelogd.get(URL, {"q": "Enschede"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Nazorg gedetineerden" in html
    assert 'href="tel:053-4811000"' in html
    assert ">053-481 1000</a>" in html
    assert 'href="mailto:nazorg@enschede.example"' in html
    assert "ma–vr 9–17 uur" in html


def test_the_table_is_accessible(ingelogd):
    html = ingelogd.get(URL, {"q": "Almelo"}).content.decode()

    assert '<caption class="utrecht-table__caption">' in html
    assert html.count('scope="col"') == 5
    assert 'scope="rowgroup"' in html
    assert 'scope="row"' in html
    assert '<label class="utrecht-form-label" for="id_q">' in html
    assert 'role="search"' in html


@pytest.mark.parametrize(
    ("zoek", "verwacht"),
    [
        ("Enschede", "Enschede"),  # a gemeente by name
        ("gemeente Enschede", "Enschede"),  # as people say it
        ("GM0153", "Enschede"),  # by CBS code
        ("PI Almelo", "PI Almelo"),  # a PI by name
        ("Esserheem", "PI Veenhuizen"),  # a PI by one of its sites
        ("Noordenveld", "PI Veenhuizen"),  # a PI by the gemeente it stands in
        ("reclassering nederland", "Reclassering Nederland"),  # case does not matter
    ],
)
def test_search_by_organisation_gemeente_or_pi(ingelogd, zoek, verwacht):
    assert verwacht in _organisaties(ingelogd.get(URL, {"q": zoek}))


def test_search_finds_nothing_and_says_so(ingelogd):
    response = ingelogd.get(URL, {"q": "Atlantis aan Zee"})

    assert _organisaties(response) == []
    assert "Geen organisaties gevonden" in response.content.decode()


def test_filter_by_kind(ingelogd):
    gemeenten = ingelogd.get(URL, {"q": "Almelo", "soort": "gemeente"})
    inrichtingen = ingelogd.get(URL, {"q": "Almelo", "soort": "pi"})
    onzin = ingelogd.get(URL, {"q": "Almelo", "soort": "bestaat-niet"})

    assert _organisaties(gemeenten) == ["Almelo"]
    assert _organisaties(inrichtingen) == ["PI Almelo"]
    assert set(_organisaties(onzin)) == {"Almelo", "PI Almelo"}  # unknown kind: ignored


def test_inactive_organisations_and_teams_are_hidden(ingelogd):
    enschede = Organisatie.objects.get(code="GM0153")
    enschede.actief = False
    enschede.save()
    Team.objects.filter(organisatie__code="RN", naam="Oost").update(actief=False)

    assert "Enschede" not in _organisaties(ingelogd.get(URL, {"q": "Enschede"}))
    html = ingelogd.get(URL, {"q": "Reclassering Nederland"}).content.decode()
    assert "Adviesunit Oost" not in html


def test_an_organisation_without_contact_point_says_so(ingelogd):
    html = ingelogd.get(URL, {"q": "Tubbergen"}).content.decode()

    assert "Tubbergen" in html
    assert "geen contactpunt bekend" in html


def test_pages_of_50_and_the_search_is_kept(ingelogd):
    totaal = Organisatie.objects.actief().gemeenten().count()
    eerste = ingelogd.get(URL, {"soort": "gemeente"})
    tweede = ingelogd.get(URL, {"soort": "gemeente", "pagina": "2"})
    onzin = ingelogd.get(URL, {"soort": "gemeente", "pagina": "abc"})

    assert totaal > 100
    assert eerste.context["pagina"].paginator.count == totaal
    assert len(_organisaties(eerste)) == 50
    assert len(_organisaties(tweede)) == 50
    assert set(_organisaties(eerste)).isdisjoint(_organisaties(tweede))
    assert _organisaties(onzin) == _organisaties(eerste)
    assert "?soort=gemeente&amp;pagina=2" in eerste.content.decode()
    assert "?soort=gemeente&amp;pagina=1" in tweede.content.decode()


def _maak_contactpunten(van: int, tot: int) -> None:
    """Contact points spread over the first ten gemeenten (page 1), some of them for a team."""
    gemeenten = list(Organisatie.objects.actief().gemeenten().order_by("naam")[:10])
    team = Team.objects.get(organisatie__code="RN", naam="Oost")
    for i in range(van, tot):
        Contactpunt.objects.create(
            organisatie=gemeenten[i % len(gemeenten)],
            naam=f"Loket {i}",
            telefoon=f"0800-{i:04d}",
            bereikbaarheid="ma–vr",
        )
        if i % 5 == 0:
            Contactpunt.objects.create(
                organisatie=team.organisatie, team=team, naam=f"Team {i}", email=f"t{i}@rn.example"
            )


@pytest.mark.parametrize("soort", ["", "gemeente", "reclassering"])
def test_query_count_does_not_grow_with_the_contact_points(client, demo, soort):
    client.force_login(demo["nazorg1"])

    def tel() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL, {"soort": soort})
        assert response.status_code == 200
        return len(queries)

    _maak_contactpunten(0, 5)
    bij_5 = tel()
    _maak_contactpunten(5, 30)
    bij_30 = tel()

    assert Contactpunt.objects.filter(naam__startswith="Loket").count() == 30
    assert bij_5 == bij_30
    assert bij_30 <= 9  # session, user, count, page, contact points, sites, "Mijn acties" count


@pytest.mark.parametrize("wie", ["casemanager1", "nazorg2", "reclassering1", "staf1", "beheer1"])
def test_every_role_may_use_it_and_it_shows_no_case_data(client, demo, traject, wie):
    client.force_login(demo[wie])
    html = client.get(URL, {"q": "Enschede"}).content.decode()

    assert "Nazorg gedetineerden" in html
    assert "Vries" not in html
    assert "Jan Pieter" not in html


def test_anonymous_visitors_are_sent_to_the_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]
