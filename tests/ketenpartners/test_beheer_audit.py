"""Issue 17 item 8 leftovers: the administrator's deactivations and outbox cancellations are in
the audit trail, in the same transaction as the change."""

import pytest
from django.utils import timezone

from audit.models import Auditactie, Auditregel
from signalering.models import Bericht, Berichtstatus

pytestmark = pytest.mark.django_db


def test_deactivating_an_account_from_the_admin_is_audited(client, demo):
    client.force_login(demo["beheer1"])
    staf = demo["staf1"]
    client.post(
        "/beheer/ketenpartners/medewerker/",
        {"action": "deactiveren", "_selected_action": [staf.pk, demo["nazorg2"].pk]},
    )
    regels = Auditregel.objects.filter(
        actie=Auditactie.ACCOUNT_GEWIJZIGD, gebruikersnaam="beheer1", object_type="medewerker"
    ).order_by("object_id")
    assert {(r.object_id, r.toelichting) for r in regels} == {
        (str(staf.pk), "account staf1: gedeactiveerd"),
        (str(demo["nazorg2"].pk), "account nazorg2: gedeactiveerd"),
    }
    # Deactivating an already inactive account again writes nothing new.
    client.post(
        "/beheer/ketenpartners/medewerker/",
        {"action": "deactiveren", "_selected_action": [staf.pk]},
    )
    assert regels.count() == 2


def test_cancelling_an_outbox_message_is_audited(client, demo):
    wacht, verstuurd = (
        Bericht.objects.create(aan=aan, datum=timezone.localdate(), onderwerp="Digest", tekst="x")
        for aan in ("staf1@example.org", "mentor1@example.org")
    )
    Bericht.objects.filter(pk=verstuurd.pk).update(status=Berichtstatus.VERZONDEN)
    client.force_login(demo["beheer1"])
    client.post(
        "/beheer/signalering/bericht/",
        {"action": "annuleren", "_selected_action": [wacht.pk, verstuurd.pk]},
    )
    regels = Auditregel.objects.filter(object_type="bericht", gebruikersnaam="beheer1")
    assert [(r.actie, r.object_id, r.toelichting) for r in regels] == [
        (Auditactie.SCHRIJVEN, str(wacht.pk), "geannuleerd")
    ]
