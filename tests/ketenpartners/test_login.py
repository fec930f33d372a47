import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

HEADINGS = {
    "casemanager1": "Mijn caseload",
    "casemanager2": "Mijn caseload",
    "mentor1": "Trajecten PI Almelo",
    "reclassering1": "Mijn cliënten",
    "nazorg1": "Binnenkomende detenties — Enschede",
    "nazorg2": "Binnenkomende detenties — Rotterdam",
    "staf1": "Regionaal overzicht",
    "beheer1": "Beheer",
}


@pytest.mark.parametrize("username", HEADINGS)
def test_every_demo_account_logs_in_and_lands_on_its_own_home_page(client, demo, username):
    response = client.post(
        reverse("login"), {"username": username, "password": "demo"}, follow=True
    )
    assert response.redirect_chain[0] == (reverse("home"), 302)
    html = response.content.decode()
    assert f'<h1 class="utrecht-heading-1">{HEADINGS[username]}' in html
    assert demo[username].get_full_name() in html


def test_home_shows_the_own_organisations_contact_point(client, demo):
    client.force_login(demo["staf1"])
    html = client.get(reverse("home")).content.decode()
    assert "Casemanagement" in html
    assert "0546-123 400" in html
    assert "casemanagement.almelo@dji.example" in html


def test_a_wrong_password_says_so_in_dutch_and_does_not_log_in(client, demo):
    response = client.post(reverse("login"), {"username": "nazorg1", "password": "fout"})
    assert response.status_code == 200
    assert "Inloggen is niet gelukt" in response.content.decode()
    assert client.get(reverse("home")).status_code == 302


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next=/"


def test_a_deactivated_account_is_out_at_the_next_request(client, demo):
    client.force_login(demo["casemanager1"])
    assert client.get(reverse("trajecten:caseload")).status_code == 200
    demo["casemanager1"].is_active = False
    demo["casemanager1"].save()
    response = client.get(reverse("trajecten:caseload"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_logout_ends_the_session(client, demo):
    client.force_login(demo["staf1"])
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_pages_are_dutch_and_carry_a_content_security_policy(client):
    response = client.get(reverse("login"))
    assert '<html lang="nl"' in response.content.decode()
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
