""" "Mijn acties" in the navigation from the shared cache (issue 18, trajecten.navigatie): counted
once, counted again as soon as an action of the organisation changes (also a colleague's),
right after two requests race, and from the database when Redis is down."""

import threading

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from trajecten import navigatie, services
from trajecten.keuzes import Domein
from trajecten.models import Actie

from .test_acties import actie, zet

DOOD = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@pytest.fixture(autouse=True)
def cache_aan(settings):
    """As in production (the test settings count on every page)."""
    settings.NAVIGATIE_CACHE_SECONDEN = 60


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _telling(client) -> str:
    html = client.get(reverse("adresboek")).content.decode()
    begin = html.index('Mijn acties <span class="rt-nav__aantal">') + 41
    return html[begin : html.index("</span>", begin)]


def _telt_acties(ctx) -> bool:
    return any('FROM "trajecten_actie"' in q["sql"] for q in ctx.captured_queries)


@pytest.mark.django_db
def test_the_next_page_shows_the_count_without_counting_again(demo, traject):
    actie(traject, demo, "gemeente")
    nazorg = _client(demo["nazorg1"])
    assert _telling(nazorg) == "1"
    with CaptureQueriesContext(connection) as ctx:
        assert _telling(nazorg) == "1"
    assert not _telt_acties(ctx)


@pytest.mark.django_db
def test_a_colleagues_change_is_in_my_count_at_my_next_page(demo, traject):
    eerste = actie(traject, demo, "gemeente")
    nazorg = _client(demo["nazorg1"])
    assert _telling(nazorg) == "1"
    actie(traject, demo, "gemeente")  # added by the casemanager of the PI
    assert _telling(nazorg) == "2"
    zet(demo["nazorg1"], eerste, "gedaan")
    assert _telling(nazorg) == "1"
    assert _telling(_client(demo["casemanager1"])) == "0"  # the PI's own count is its own


@pytest.mark.django_db
def test_with_the_cache_off_every_page_counts(demo, traject, settings):
    settings.NAVIGATIE_CACHE_SECONDEN = 0
    actie(traject, demo, "gemeente")
    nazorg = _client(demo["nazorg1"])
    _telling(nazorg)
    with CaptureQueriesContext(connection) as ctx:
        assert _telling(nazorg) == "1"
    assert _telt_acties(ctx)


@pytest.mark.django_db
def test_with_redis_down_the_count_comes_from_the_database(demo, traject, settings):
    settings.CACHES = {
        **settings.CACHES,
        "gedeeld": {**settings.CACHES["gedeeld"], "LOCATION": DOOD},
    }
    eerste = actie(traject, demo, "gemeente")  # the version cannot be written: saved anyway
    nazorg = _client(demo["nazorg1"])
    assert _telling(nazorg) == "1"
    zet(demo["nazorg1"], eerste, "gedaan")
    assert Actie.objects.get(pk=eerste.pk).status == "gedaan"
    assert _telling(nazorg) == "0"


@pytest.mark.django_db(transaction=True)
def test_a_page_that_counted_during_the_change_does_not_keep_the_old_count(demo, traject):
    """Real threads on PostgreSQL: the casemanager adds an action for the gemeente; before it
    commits, nazorg1 opens a page (and counts 0, under the version the change already set).
    After the commit nazorg1's next page shows 1: the version changed once more on commit."""
    bewaard, verder = threading.Event(), threading.Event()
    fouten: list[BaseException] = []

    def voeg_toe():
        try:
            with transaction.atomic():
                services.voeg_actie_toe(
                    acting_user=demo["casemanager1"],
                    basisvoorwaarde=traject.basisvoorwaarden.get(domein=Domein.HUISVESTING),
                    omschrijving="Opvang regelen",
                    organisatie=traject.gemelde_gemeente,
                )
                bewaard.set()
                verder.wait(timeout=30)
        except BaseException as fout:
            fouten.append(fout)
            bewaard.set()
        finally:
            connection.close()

    nazorg = _client(demo["nazorg1"])
    assert _telling(nazorg) == "0"
    draad = threading.Thread(target=voeg_toe)
    draad.start()
    assert bewaard.wait(timeout=30)
    assert _telling(nazorg) == "0"  # not committed yet
    verder.set()
    draad.join(timeout=30)
    assert not fouten
    assert _telling(nazorg) == "1"


@pytest.mark.django_db
def test_a_version_is_new_each_time(demo):
    org = demo["nazorg1"].organisatie_id
    cache = caches[navigatie.CACHE]
    navigatie.acties_gewijzigd(org)
    eerste = cache.get(f"acties:versie:{org}")
    navigatie.acties_gewijzigd(org)
    assert cache.get(f"acties:versie:{org}") not in (None, eerste)
