"""Wrong second-factor codes count toward the lockout (issue 17, ADR 0019): after the password,
five wrong codes lock the account; the session ends, and even the right password and the right
code are refused while the lock lasts."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import Auditactie, Auditregel
from ketenpartners.models import Inlogteller

from .test_accounts import MELDING, code_voor, ingeschreven, inloggen

pytestmark = pytest.mark.django_db


def _ontdooi():
    """django-otp's own throttle would slow the test down; it is not what is tested here."""
    TOTPDevice.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)


def test_five_wrong_codes_lock_the_account_and_end_the_session(client, demo, settings):
    settings.MFA_VEREIST = True
    _device, _codes = ingeschreven(demo["nazorg1"])
    assert inloggen(client, "nazorg1").url == reverse("mfa_code")
    for _i in range(4):
        _ontdooi()
        antwoord = client.post(reverse("mfa_code"), {"code": "000000"})
        assert antwoord.status_code == 200 and "klopt niet" in antwoord.content.decode()
    _ontdooi()
    antwoord = client.post(reverse("mfa_code"), {"code": "000000"})
    assert antwoord.status_code == 302 and antwoord.url == reverse("login")
    assert MELDING in client.get(reverse("login")).content.decode()
    assert client.get(reverse("nazorg:inbox")).status_code == 302  # logged out
    assert Inlogteller.objects.get(sleutel="account:nazorg1").geblokkeerd_tot is not None
    [blokkade] = Auditregel.objects.filter(actie=Auditactie.ACCOUNT_GEBLOKKEERD)
    assert "account:nazorg1" in blokkade.toelichting

    # Locked: the right password is refused, the right code would not be asked for.
    antwoord = inloggen(client, "nazorg1")
    assert antwoord.status_code == 200 and MELDING in antwoord.content.decode()


def test_a_right_code_clears_the_count(client, demo, settings):
    settings.MFA_VEREIST = True
    device, _codes = ingeschreven(demo["nazorg1"])
    inloggen(client, "nazorg1")
    client.post(reverse("mfa_code"), {"code": "000000"})
    assert Inlogteller.objects.get(sleutel="account:nazorg1").aantal == 1
    _ontdooi()
    assert client.post(reverse("mfa_code"), {"code": code_voor(device, 30)}).status_code == 302
    assert not Inlogteller.objects.filter(sleutel="account:nazorg1").exists()
