"""Issue 12: the functional administrator invites a gemeente's first nazorgcoördinator. The
token is stored hashed, expires, is used once; unknown, used and expired links answer alike."""

import re
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from ketenpartners import services
from ketenpartners.models import Medewerker, Organisatie, Uitnodiging
from ketenpartners.rollen import Rol

WACHTWOORD = "lange-zin-voor-hengelo-42"


def _uitnodigen(client, beheerder, **extra):
    """Post the invitation form; the e-mail is sent after commit (run here)."""
    from django.test import TestCase

    client.force_login(beheerder)
    hengelo = Organisatie.objects.get(code="GM0164")
    gegevens = {"gemeente": hengelo.pk, "naam": "Sanne de Boer", "email": "s.deboer@hengelo.nl"}
    gegevens.update(extra)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("uitnodigingen"), gegevens)
    return response


def _token_uit_mail() -> str:
    assert len(mail.outbox) == 1
    gevonden = re.search(r"/uitnodiging/([^/\s]+)/", mail.outbox[0].body)
    assert gevonden, mail.outbox[0].body
    return gevonden.group(1)


@pytest.mark.django_db
def test_the_administrator_invites_and_the_link_is_mailed_with_the_token_stored_hashed(
    client, demo
):
    response = _uitnodigen(client, demo["beheer1"])
    assert response.status_code == 302
    uitnodiging = Uitnodiging.objects.get()
    token = _token_uit_mail()
    assert mail.outbox[0].to == ["s.deboer@hengelo.nl"]
    assert uitnodiging.token_hash == services.token_hash(token)
    assert token not in uitnodiging.token_hash
    # The token is nowhere in the database, not even in the history table.
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM ketenpartners_uitnodigingevent")
        assert cursor.fetchone()[0] >= 1
    pagina = client.get(reverse("uitnodigingen"))
    assert "Open, geldig tot" in pagina.content.decode()
    assert "Sanne de Boer" in pagina.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("wie", ["casemanager1", "nazorg1", "staf1"])
def test_only_the_functional_administrator_may_invite(client, demo, wie):
    client.force_login(demo[wie])
    hengelo = Organisatie.objects.get(code="GM0164")
    response = client.post(
        reverse("uitnodigingen"), {"gemeente": hengelo.pk, "naam": "X", "email": "x@h.nl"}
    )
    assert response.status_code == 403
    assert not Uitnodiging.objects.exists()
    with pytest.raises(PermissionDenied):
        services.nodig_uit(acting_user=demo[wie], gemeente=hengelo, naam="X", email="x@h.nl")


@pytest.mark.django_db
def test_accepting_creates_a_nazorgcoordinator_of_that_gemeente_once(client, demo):
    _uitnodigen(client, demo["beheer1"])
    token = _token_uit_mail()
    client.logout()
    url = reverse("uitnodiging_aannemen", args=[token])
    pagina = client.get(url)
    assert pagina.status_code == 200
    assert "nazorgcoördinator van gemeente Hengelo" in pagina.content.decode()
    response = client.post(url, {"wachtwoord": WACHTWOORD, "wachtwoord2": WACHTWOORD})
    assert response.status_code == 302
    nieuw = Medewerker.objects.get(username="s.deboer@hengelo.nl")
    assert nieuw.rol == Rol.NAZORGCOORDINATOR
    assert nieuw.organisatie.code == "GM0164"
    assert nieuw.check_password(WACHTWOORD)
    assert Uitnodiging.objects.get().medewerker == nieuw
    # Used: a second submit creates nothing and says the same as an unknown link.
    tweede = client.post(url, {"wachtwoord": WACHTWOORD, "wachtwoord2": WACHTWOORD})
    assert tweede.status_code == 410
    assert Medewerker.objects.filter(organisatie__code="GM0164").count() == 1
    assert client.login(username="s.deboer@hengelo.nl", password=WACHTWOORD)


@pytest.mark.django_db
def test_a_weak_or_mismatched_password_is_refused_at_the_field(client, demo):
    _uitnodigen(client, demo["beheer1"])
    url = reverse("uitnodiging_aannemen", args=[_token_uit_mail()])
    client.logout()
    kort = client.post(url, {"wachtwoord": "kort", "wachtwoord2": "kort"})
    assert kort.status_code == 400
    assert "minimaal 12 tekens" in kort.content.decode() or "12" in kort.content.decode()
    ongelijk = client.post(url, {"wachtwoord": WACHTWOORD, "wachtwoord2": WACHTWOORD + "x"})
    assert "De twee wachtwoorden zijn niet gelijk." in ongelijk.content.decode()
    assert not Medewerker.objects.filter(organisatie__code="GM0164").exists()
    assert Uitnodiging.objects.get().gebruikt_op is None


@pytest.mark.django_db
def test_unknown_used_and_expired_links_give_the_same_message(client, demo, settings):
    _uitnodigen(client, demo["beheer1"])
    token = _token_uit_mail()
    client.logout()
    onbekend = client.get(reverse("uitnodiging_aannemen", args=["niet-bestaand-token"]))

    Uitnodiging.objects.update(verloopt_op=timezone.now() - timedelta(seconds=1))
    verlopen = client.get(reverse("uitnodiging_aannemen", args=[token]))
    verlopen_post = client.post(
        reverse("uitnodiging_aannemen", args=[token]),
        {"wachtwoord": WACHTWOORD, "wachtwoord2": WACHTWOORD},
    )
    assert not Medewerker.objects.filter(organisatie__code="GM0164").exists()

    Uitnodiging.objects.update(verloopt_op=timezone.now() + timedelta(days=1))
    services.neem_uitnodiging_aan(token=token, wachtwoord=WACHTWOORD)
    gebruikt = client.get(reverse("uitnodiging_aannemen", args=[token]))

    teksten = set()
    for response in (onbekend, verlopen, verlopen_post, gebruikt):
        assert response.status_code == 410
        teksten.add(response.content.decode().split("<main", 1)[1])
    assert len(teksten) == 1
    assert "Deze uitnodiging is niet (meer) geldig" in teksten.pop()


@pytest.mark.django_db
def test_an_invitation_expires_after_the_configured_days(demo, settings):
    settings.UITNODIGING_GELDIG_DAGEN = 3
    uitnodiging, token = services.nodig_uit(
        acting_user=demo["beheer1"],
        gemeente=Organisatie.objects.get(code="GM0164"),
        naam="Sanne de Boer",
        email="s.deboer@hengelo.nl",
    )
    verschil = uitnodiging.verloopt_op - uitnodiging.aangemaakt_op
    assert timedelta(days=3) - timedelta(minutes=1) < verschil <= timedelta(days=3)
    assert services.geldige_uitnodiging(token) == uitnodiging
    # Past its time the service refuses too, not only the page.
    Uitnodiging.objects.update(verloopt_op=timezone.now() - timedelta(seconds=1))
    with pytest.raises(services.UitnodigingOngeldig):
        services.geldige_uitnodiging(token)
    with pytest.raises(services.UitnodigingOngeldig):
        services.neem_uitnodiging_aan(token=token, wachtwoord=WACHTWOORD)
    assert not Medewerker.objects.filter(username="s.deboer@hengelo.nl").exists()


@pytest.mark.django_db(transaction=True)
def test_two_accepts_at_once_create_one_account(demo):
    _uitnodiging, token = services.nodig_uit(
        acting_user=demo["beheer1"],
        gemeente=Organisatie.objects.get(code="GM0164"),
        naam="Sanne de Boer",
        email="s.deboer@hengelo.nl",
    )

    def aannemen(_):
        try:
            services.neem_uitnodiging_aan(token=token, wachtwoord=WACHTWOORD)
            return "ok"
        except services.UitnodigingOngeldig:
            return "ongeldig"
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        uitkomsten = sorted(pool.map(aannemen, range(2)))
    assert uitkomsten == ["ok", "ongeldig"]
    assert Medewerker.objects.filter(username="s.deboer@hengelo.nl").count() == 1


@pytest.mark.django_db
def test_the_accept_page_is_rate_limited(client, demo, settings):
    from django.core.cache import cache

    cache.clear()
    settings.UITNODIGING_POGINGEN_PER_10_MIN = 3
    url = reverse("uitnodiging_aannemen", args=["raden"])
    statussen = [client.get(url).status_code for _ in range(4)]
    assert statussen == [410, 410, 410, 429]
    cache.clear()


@pytest.mark.django_db
def test_an_existing_account_cannot_be_invited_again(client, demo):
    demo["nazorg1"].email = "a.yilmaz@enschede.nl"
    demo["nazorg1"].save()
    response = _uitnodigen(client, demo["beheer1"], email="A.Yilmaz@enschede.nl")
    assert response.status_code == 400
    assert "Er is al een account met dit e-mailadres." in response.content.decode()
    assert not Uitnodiging.objects.exists()
