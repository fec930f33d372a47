"""Issue 17, item 8: the functional administrator deactivates accounts and cancels outbox
messages; nothing is hard-deleted from the admin."""

import pytest
from django.utils import timezone

from ketenpartners.models import Medewerker
from signalering.models import Bericht, Berichtstatus
from signalering.services import verstuur

pytestmark = pytest.mark.django_db


def test_an_account_cannot_be_deleted_only_deactivated(client, demo):
    client.force_login(demo["beheer1"])
    staf = demo["staf1"]
    lijst = client.get("/beheer/ketenpartners/medewerker/").content.decode()
    assert "delete_selected" not in lijst and "Deactiveren" in lijst
    assert client.get(f"/beheer/ketenpartners/medewerker/{staf.pk}/delete/").status_code == 403
    response = client.post(
        "/beheer/ketenpartners/medewerker/",
        {"action": "deactiveren", "_selected_action": [staf.pk, demo["beheer1"].pk]},
        follow=True,
    )
    assert "1 account(s) gedeactiveerd." in response.content.decode()
    assert Medewerker.objects.get(pk=staf.pk).is_active is False
    assert Medewerker.objects.get(pk=demo["beheer1"].pk).is_active is True  # not himself


def test_an_outbox_message_is_cancelled_not_deleted_and_never_sent(client, demo, mailoutbox):
    bericht = Bericht.objects.create(
        aan="staf1@example.org", datum=timezone.localdate(), onderwerp="Digest", tekst="x"
    )
    client.force_login(demo["beheer1"])
    lijst = client.get("/beheer/signalering/bericht/").content.decode()
    assert "delete_selected" not in lijst and "Annuleren" in lijst
    assert client.get(f"/beheer/signalering/bericht/{bericht.pk}/delete/").status_code == 403
    client.post(
        "/beheer/signalering/bericht/", {"action": "annuleren", "_selected_action": [bericht.pk]}
    )
    bericht.refresh_from_db()
    assert bericht.status == Berichtstatus.GEANNULEERD
    assert verstuur(bericht_id=bericht.pk) is True and mailoutbox == []
