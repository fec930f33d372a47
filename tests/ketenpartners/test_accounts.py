"""Issue 17 (slice G): the second factor, the lockout, sessions that end, and an administrator who
cannot help himself. Real PostgreSQL; MFA is switched on per test with the settings fixture."""

import logging
import re
import threading
import time

import pytest
from django.contrib.auth import authenticate
from django.core import mail
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import Auditactie, Auditregel
from ketenpartners import services
from ketenpartners.middleware import INGELOGD_OM, LAATST_ACTIEF
from ketenpartners.models import Inlogteller
from reintegratie.logboek import ZonderQueryString

MELDING = "Inloggen lukt niet. Controleer uw gegevens of probeer het over 15 minuten opnieuw."


def code_voor(device: TOTPDevice, verschuiving: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + verschuiving
    return f"{totp.token():06d}"


def inloggen(client, username, password="demo"):  # noqa: S107
    return client.post(reverse("login"), {"username": username, "password": password})


def ingeschreven(medewerker) -> tuple[TOTPDevice, list[str]]:
    device = services.begin_mfa_inschrijving(acting_user=medewerker)
    return services.bevestig_mfa_inschrijving(acting_user=medewerker, code=code_voor(device))


def acties(actie) -> list[Auditregel]:
    return list(Auditregel.objects.filter(actie=actie).order_by("pk"))


# --- The second factor ---------------------------------------------------------------------


@pytest.fixture
def mfa(settings):
    settings.MFA_VEREIST = True


@pytest.mark.django_db
def test_under_mfa_a_password_alone_opens_no_case_page_nor_the_admin_nor_the_api(client, demo, mfa):
    antwoord = inloggen(client, "casemanager1")
    assert antwoord.status_code == 302
    assert antwoord.url == reverse("mfa_instellen")
    for pad in [reverse("trajecten:caseload"), reverse("home"), "/beheer/"]:
        antwoord = client.get(pad)
        assert (antwoord.status_code, antwoord.url) == (302, reverse("mfa_instellen")), pad
    assert client.get("/api/v1/trajecten/").status_code == 403
    # What stays open: the second step itself, logout, the health check.
    assert client.get(reverse("mfa_instellen")).status_code == 200
    assert client.get(reverse("healthz")).status_code in (200, 503)


@pytest.mark.django_db
def test_enrolment_shows_qr_and_secret_then_ten_codes_once_then_the_case_pages(client, demo, mfa):
    inloggen(client, "casemanager1")
    html = client.get(reverse("mfa_instellen")).content.decode()
    assert "<svg" in html
    device = TOTPDevice.objects.get(user=demo["casemanager1"], confirmed=False)
    assert device.config_url.startswith("otpauth://totp/")

    fout = client.post(reverse("mfa_instellen"), {"code": "000000"})
    assert "Deze code klopt niet" in fout.content.decode()
    assert client.get(reverse("trajecten:caseload")).status_code == 302
    TOTPDevice.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)

    antwoord = client.post(reverse("mfa_instellen"), {"code": code_voor(device)})
    assert antwoord.url == reverse("mfa_herstelcodes")
    html = client.get(reverse("mfa_herstelcodes")).content.decode()
    codes = StaticDevice.objects.get(user=demo["casemanager1"]).token_set.all()
    assert len(codes) == 10
    assert all(c.token in html for c in codes)
    # Shown once: a second look sends you on.
    assert client.get(reverse("mfa_herstelcodes")).status_code == 302
    assert client.get(reverse("trajecten:caseload")).status_code == 200
    [rij] = acties(Auditactie.MFA_INGESCHREVEN)
    assert rij.gebruiker == demo["casemanager1"]


@pytest.mark.django_db
def test_an_enrolled_account_gives_its_code_and_a_recovery_code_works_once(client, demo, mfa):
    device, codes = ingeschreven(demo["nazorg1"])
    antwoord = inloggen(client, "nazorg1")
    assert antwoord.url == reverse("mfa_code")
    assert client.get(reverse("nazorg:inbox")).url == reverse("mfa_code")
    assert "klopt niet" in client.post(reverse("mfa_code"), {"code": "123456"}).content.decode()
    # django-otp slows down guessing: right after a wrong code even the right one waits.
    assert (
        "Wacht even"
        in client.post(reverse("mfa_code"), {"code": code_voor(device, 30)}).content.decode()
    )
    TOTPDevice.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)
    antwoord = client.post(reverse("mfa_code"), {"code": code_voor(device, 30)})
    assert antwoord.status_code == 302
    assert client.get(reverse("nazorg:inbox")).status_code == 200

    client.post(reverse("logout"))
    inloggen(client, "nazorg1")
    assert client.post(reverse("mfa_code"), {"code": codes[0]}).status_code == 302
    assert client.get(reverse("nazorg:inbox")).status_code == 200
    [rij] = acties(Auditactie.HERSTELCODE_GEBRUIKT)
    assert "nog 9" in rij.toelichting

    client.post(reverse("logout"))
    inloggen(client, "nazorg1")
    assert client.post(reverse("mfa_code"), {"code": codes[0]}).status_code == 200
    assert client.get(reverse("nazorg:inbox")).status_code == 302


@pytest.mark.django_db
def test_without_mfa_vereist_the_demo_logs_in_with_a_password(client, demo):
    inloggen(client, "casemanager1")
    assert client.get(reverse("trajecten:caseload")).status_code == 200


# --- Lockout ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_sixth_attempt_is_refused_even_with_the_right_password(client, demo):
    for _i in range(5):
        assert MELDING in inloggen(client, "mentor1", "fout").content.decode()
    antwoord = inloggen(client, "mentor1", "demo")
    assert antwoord.status_code == 200
    assert MELDING in antwoord.content.decode()
    assert client.get(reverse("home")).status_code == 302
    assert len(acties(Auditactie.INLOGGEN_MISLUKT)) == 6  # five wrong, one refused while locked
    [blokkade] = acties(Auditactie.ACCOUNT_GEBLOKKEERD)
    assert "account:mentor1" in blokkade.toelichting
    # Another account from another address is not affected.
    andere = Client(REMOTE_ADDR="10.0.0.9")
    assert inloggen(andere, "casemanager1").status_code == 302


@pytest.mark.django_db
def test_an_unknown_account_gets_the_same_answer_as_a_wrong_password(client, demo):
    bestaat = inloggen(client, "staf1", "fout").content.decode()
    bestaat_niet = inloggen(client, "staf99", "fout").content.decode()
    assert MELDING in bestaat and MELDING in bestaat_niet
    zonder_token = re.compile(r'(csrfmiddlewaretoken" value=|X-CSRFToken": )"[^"]+"')
    assert zonder_token.sub("", bestaat).replace("staf1", "X") == zonder_token.sub(
        "", bestaat_niet
    ).replace("staf99", "X")


@pytest.mark.django_db
def test_the_lock_ends_after_the_window(client, demo):
    for _i in range(5):
        inloggen(client, "mentor1", "fout")
    Inlogteller.objects.update(geblokkeerd_tot="2000-01-01T00:00:00Z")
    assert inloggen(client, "mentor1").status_code == 302


@pytest.mark.django_db
def test_one_address_trying_many_accounts_is_locked(client, demo, settings):
    settings.INLOG_MAX_POGINGEN_PER_IP = 3
    for naam in ["a1", "a2", "a3"]:
        inloggen(client, naam, "fout")
    assert MELDING in inloggen(client, "casemanager1").content.decode()
    assert (
        Client(REMOTE_ADDR="10.1.1.1")
        .post(reverse("login"), {"username": "casemanager1", "password": "demo"})
        .status_code
        == 302
    )


@pytest.mark.django_db
def test_the_admin_login_is_no_side_door(client, demo):
    antwoord = client.get("/beheer/login/?next=/beheer/ketenpartners/")
    assert antwoord.status_code == 302
    assert antwoord.url == f"{reverse('login')}?next=/beheer/ketenpartners/"
    antwoord = client.post("/beheer/login/", {"username": "beheer1", "password": "demo"})
    assert antwoord.status_code == 405  # only the one login page takes passwords
    client.force_login(demo["casemanager1"])
    assert client.get("/beheer/login/?next=/beheer/").status_code == 403  # no redirect loop


@pytest.mark.django_db(transaction=True)
def test_two_processes_share_the_count(demo):
    """Four failures in two threads with their own database connections, at the same moment;
    the fifth locks the account, and then the right password is refused in a third."""
    start = threading.Barrier(2)
    fouten: list[BaseException] = []

    def proces(adres: str) -> None:
        try:
            start.wait(timeout=30)
            for _i in range(2):
                verzoek = RequestFactory().post("/inloggen/", REMOTE_ADDR=adres)
                assert authenticate(verzoek, username="mentor1", password="fout") is None
        except BaseException as fout:  # pragma: no cover - reported below
            fouten.append(fout)
        finally:
            connection.close()

    draden = [threading.Thread(target=proces, args=(f"10.0.0.{i}",)) for i in (1, 2)]
    for d in draden:
        d.start()
    for d in draden:
        d.join(timeout=60)
    assert fouten == []
    assert Inlogteller.objects.get(sleutel="account:mentor1").aantal == 4
    verzoek = RequestFactory().post("/inloggen/", REMOTE_ADDR="10.0.0.3")
    assert authenticate(verzoek, username="mentor1", password="fout") is None
    assert authenticate(verzoek, username="mentor1", password="demo") is None
    assert (
        Client().post(reverse("login"), {"username": "mentor1", "password": "demo"}).status_code
        == 200
    )


# --- Sessions --------------------------------------------------------------------------------


def _zet(client, **waarden):
    sessie = client.session
    for sleutel, waarde in waarden.items():
        sessie[sleutel] = waarde
    sessie.save()


@pytest.mark.django_db
def test_an_idle_session_ends_with_a_message(client, demo, settings):
    settings.SESSIE_INACTIEF_MINUTEN = 30
    client.force_login(demo["casemanager1"])
    assert client.get(reverse("trajecten:caseload")).status_code == 200
    _zet(client, **{LAATST_ACTIEF: int(time.time()) - 31 * 60})
    antwoord = client.get(reverse("trajecten:caseload"), follow=True)
    assert antwoord.redirect_chain[0][0].startswith(reverse("login"))
    assert "niets heeft gedaan" in antwoord.content.decode()
    assert client.get(reverse("trajecten:caseload")).status_code == 302


@pytest.mark.django_db
def test_an_active_session_ends_after_one_working_day(client, demo):
    client.force_login(demo["casemanager1"])
    _zet(client, **{INGELOGD_OM: int(time.time()) - 8 * 3600 - 60})
    antwoord = client.get(reverse("trajecten:caseload"))
    assert antwoord.status_code == 302
    assert client.get(reverse("trajecten:caseload")).status_code == 302


@pytest.mark.django_db
def test_blijf_ingelogd_counts_as_activity(client, demo):
    client.force_login(demo["casemanager1"])
    _zet(client, **{LAATST_ACTIEF: int(time.time()) - 29 * 60})
    antwoord = client.post(reverse("sessie_verlengen"))
    assert antwoord.json()["resterend"] > 29 * 60
    assert client.get(reverse("trajecten:caseload")).status_code == 200
    # Within the 30 s in which a page view writes nothing, the button itself still counts.
    _zet(client, **{LAATST_ACTIEF: int(time.time()) - 20})
    assert client.post(reverse("sessie_verlengen")).json()["resterend"] >= 30 * 60 - 2


@pytest.mark.django_db
def test_the_page_carries_the_warning_dialog_for_the_script(client, demo):
    client.force_login(demo["casemanager1"])
    html = client.get(reverse("trajecten:caseload")).content.decode()
    assert 'id="rt-sessie"' in html
    assert "U wordt over 2 minuten uitgelogd" in html
    assert "Blijf ingelogd" in html
    assert "js/sessie.js" in html


@pytest.mark.django_db
def test_answers_to_a_logged_in_user_are_not_stored(client, demo):
    client.force_login(demo["casemanager1"])
    for pad in [reverse("trajecten:caseload"), reverse("adresboek"), reverse("home")]:
        assert "no-store" in client.get(pad)["Cache-Control"], pad


@pytest.mark.django_db
def test_messages_stay_on_the_server(client, demo):
    client.force_login(demo["casemanager1"])
    _zet(client, **{LAATST_ACTIEF: int(time.time()) - 31 * 60})
    antwoord = client.get(reverse("trajecten:caseload"))
    assert "messages" not in antwoord.cookies


def test_log_lines_carry_no_query_string(caplog):
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        ("GET /caseload/?zoek=Jansen HTTP/1.1", "200", "123"),
        None,
    )
    assert ZonderQueryString().filter(record)
    assert record.getMessage() == '"GET /caseload/ HTTP/1.1" 200 123'


def test_the_gunicorn_access_log_has_no_query_string_nor_referer():
    from pathlib import Path

    instellingen: dict = {}
    exec(Path("gunicorn.conf.py").read_text(), instellingen)  # noqa: S102
    formaat = instellingen["access_log_format"]
    assert "%(U)s" in formaat
    for met_query in ("%(r)s", "%(q)s", "%(f)s"):
        assert met_query not in formaat


# --- The administrator -----------------------------------------------------------------------


@pytest.fixture
def staf_mail(demo):
    demo["staf1"].email = "staf1@almelo.example"
    demo["staf1"].save(update_fields=["email"])
    return demo


def _wijzig_data(medewerker, **anders):
    data = {
        "username": medewerker.username,
        "first_name": medewerker.first_name,
        "last_name": medewerker.last_name,
        "email": medewerker.email,
        "rol": medewerker.rol,
        "organisatie": medewerker.organisatie_id,
        "team": medewerker.team_id or "",
        "telefoon": medewerker.telefoon,
        "is_active": "on",
    }
    data.update(anders)
    return data


@pytest.mark.django_db
def test_the_administrator_cannot_change_his_own_account(client, demo):
    beheer = demo["beheer1"]
    client.force_login(beheer)
    url = reverse("admin:ketenpartners_medewerker_change", args=[beheer.pk])
    html = client.get(url).content.decode()
    assert "U kunt uw eigen account niet wijzigen" in html
    antwoord = client.post(url, _wijzig_data(beheer, rol="casemanager"), follow=True)
    assert "U kunt uw eigen account niet wijzigen" in antwoord.content.decode()
    beheer.refresh_from_db()
    assert beheer.rol == "functioneel_beheerder"
    wachtwoord = reverse("admin:auth_user_password_change", args=[beheer.pk])
    antwoord = client.post(
        wachtwoord, {"password1": "Nieuw-wachtwoord-123", "password2": "Nieuw-wachtwoord-123"}
    )
    assert antwoord.status_code == 302
    beheer.refresh_from_db()
    assert beheer.check_password("demo")
    client.post(
        reverse("admin:ketenpartners_medewerker_changelist"),
        {"action": "reset_tweede_factor", "_selected_action": [beheer.pk]},
    )
    assert acties(Auditactie.MFA_GERESET) == []
    assert acties(Auditactie.ACCOUNT_GEWIJZIGD) == []


@pytest.mark.django_db
def test_a_role_change_of_another_account_is_audited_and_told_to_the_staffunctionaris(
    client, staf_mail, django_capture_on_commit_callbacks
):
    demo = staf_mail
    client.force_login(demo["beheer1"])
    mentor = demo["mentor1"]
    url = reverse("admin:ketenpartners_medewerker_change", args=[mentor.pk])
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(url, _wijzig_data(mentor, rol="casemanager"))
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    mentor.refresh_from_db()
    assert mentor.rol == "casemanager"
    [rij] = acties(Auditactie.ACCOUNT_GEWIJZIGD)
    assert rij.gebruiker == demo["beheer1"]
    assert rij.object_id == str(mentor.pk)
    assert "rol: mentor → casemanager" in rij.toelichting
    [bericht] = mail.outbox
    assert bericht.to == ["staf1@almelo.example"]
    assert "mentor1" in bericht.subject


@pytest.mark.django_db
def test_a_password_set_by_the_administrator_is_audited(
    client, staf_mail, django_capture_on_commit_callbacks
):
    demo = staf_mail
    client.force_login(demo["beheer1"])
    url = reverse("admin:auth_user_password_change", args=[demo["casemanager1"].pk])
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(
            url, {"password1": "Een-lang-wachtwoord-42", "password2": "Een-lang-wachtwoord-42"}
        )
    assert antwoord.status_code == 302
    [rij] = acties(Auditactie.ACCOUNT_GEWIJZIGD)
    assert rij.toelichting == "account casemanager1: wachtwoord"
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_the_administrator_resets_someones_second_factor(
    client, staf_mail, mfa, django_capture_on_commit_callbacks
):
    demo = staf_mail
    ingeschreven(demo["casemanager1"])
    ingeschreven(demo["beheer1"])
    client.force_login(demo["beheer1"])
    # The admin needs the second factor too.
    assert client.get("/beheer/").url == reverse("mfa_code")
    beheer_device = TOTPDevice.objects.get(user=demo["beheer1"])
    client.post(reverse("mfa_code"), {"code": code_voor(beheer_device, 30)})
    assert client.get("/beheer/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:ketenpartners_medewerker_changelist"),
            {"action": "reset_tweede_factor", "_selected_action": [demo["casemanager1"].pk]},
        )
    assert not TOTPDevice.objects.filter(user=demo["casemanager1"]).exists()
    assert not StaticDevice.objects.filter(user=demo["casemanager1"]).exists()
    [rij] = acties(Auditactie.MFA_GERESET)
    assert (rij.gebruiker, rij.object_id) == (demo["beheer1"], str(demo["casemanager1"].pk))
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_the_admin_can_sit_on_its_own_host_name(client, demo, settings):
    settings.ADMIN_HOST = "beheer.reintegratie.example"
    settings.ALLOWED_HOSTS = ["testserver", "beheer.reintegratie.example"]
    client.force_login(demo["beheer1"])
    assert client.get("/beheer/").status_code == 404
    assert client.get("/beheer/", HTTP_HOST="beheer.reintegratie.example").status_code == 200
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.django_db
def test_the_account_list_shows_who_has_a_second_factor_in_a_fixed_number_of_queries(client, demo):
    from django.db import connection as verbinding
    from django.test.utils import CaptureQueriesContext

    client.force_login(demo["beheer1"])
    lijst = reverse("admin:ketenpartners_medewerker_changelist")
    with CaptureQueriesContext(verbinding) as eerst:
        voor = client.get(lijst).content.decode()
    for naam in ["casemanager1", "casemanager2", "mentor1", "nazorg1", "nazorg2"]:
        ingeschreven(demo[naam])
    with CaptureQueriesContext(verbinding) as daarna:
        html = client.get(lijst).content.decode()
    assert "Tweede stap" in html
    assert html.count('alt="True"') == voor.count('alt="True"') + 5  # five apps, next to "actief"
    assert len(daarna) <= len(eerst)
