"""Issue 17, item 8: with the database down, /healthz/ answers 503 (not 500), with or without a
session cookie, and pages are a Dutch 503/500 - never a bare English error."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_weg(monkeypatch):
    """The real connection, pointed at a port where nothing listens."""
    connection.close()
    monkeypatch.setitem(connection.settings_dict, "PORT", "1")
    monkeypatch.setitem(connection.settings_dict, "HOST", "127.0.0.1")
    yield
    connection.close()
    monkeypatch.undo()


@pytest.mark.parametrize("cookie", [None, "sessionid", "__Host-sessionid"])
def test_healthz_is_503_when_the_database_is_down_whatever_cookie(database_weg, settings, cookie):
    client = Client(raise_request_exception=False)
    if cookie:
        settings.SESSION_COOKIE_NAME = cookie
        client.cookies[cookie] = "eenbestaandesessiesleutelvan32tekensxx"
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "onbereikbaar"


def test_a_page_with_the_database_down_is_a_dutch_503(database_weg):
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "eenbestaandesessiesleutelvan32tekensxx"
    response = client.get("/caseload/")
    assert response.status_code == 503
    tekst = response.content.decode()
    assert '<html lang="nl"' in tekst
    assert "Tijdelijk niet beschikbaar" in tekst
    assert "Traceback" not in tekst and "OperationalError" not in tekst


def test_the_api_with_the_database_down_is_a_503_problem(database_weg):
    client = Client(raise_request_exception=False)
    response = client.get("/api/v1/trajecten/", HTTP_AUTHORIZATION="Bearer rt_x_y")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "Tijdelijk niet beschikbaar"


def test_another_unexpected_error_is_a_dutch_500():
    from django.test import RequestFactory

    from reintegratie import urls
    from reintegratie.fouten import serverfout

    assert urls.handler500 == "reintegratie.fouten.serverfout"
    try:
        raise RuntimeError("onverwacht")
    except RuntimeError:
        pagina = serverfout(RequestFactory().get("/caseload/"))
    assert pagina.status_code == 500
    tekst = pagina.content.decode()
    assert '<html lang="nl"' in tekst and "Er ging iets mis" in tekst
    assert "onverwacht" not in tekst
