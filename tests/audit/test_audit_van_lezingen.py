"""Issue 17, item 8: looking at the audit trail itself and the signaleringen API list are
recorded in the audit trail."""

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import Auditactie, Auditregel
from signalering.models import Signalering, Signaleringssoort

pytestmark = pytest.mark.django_db


def test_looking_at_the_audit_trail_is_recorded_with_its_filter(client, demo, traject):
    client.force_login(demo["beheer1"])
    response = client.get(
        reverse("audit:overzicht"), {"gebruiker": "nazorg1", "traject": traject.pk}
    )
    assert response.status_code == 200
    regel = Auditregel.objects.get(actie=Auditactie.AUDIT_INGEZIEN)
    assert (regel.gebruikersnaam, regel.traject_id) == ("beheer1", traject.pk)
    assert "gebruiker=nazorg1" in regel.toelichting and f"traject={traject.pk}" in regel.toelichting
    assert regel.url == reverse("audit:overzicht")
    client.get(reverse("audit:overzicht"))
    zonder = Auditregel.objects.filter(actie=Auditactie.AUDIT_INGEZIEN, traject_id=None).get()
    assert "gebruiker=*" in zonder.toelichting
    # The row is shown in the viewer the next time.
    assert "Audittrail ingezien" in client.get(reverse("audit:overzicht")).content.decode()


def test_the_signaleringen_api_list_records_the_trajectories_shown(
    client, demo, traject, django_assert_max_num_queries
):
    vandaag = timezone.localdate()
    for soort in (Signaleringssoort.values[0], Signaleringssoort.values[1]):
        Signalering.objects.create(
            traject=traject, soort=soort, uiterlijk=vandaag, gesignaleerd_datum=vandaag
        )
    client.force_login(demo["nazorg1"])
    voor = Auditregel.objects.count()
    with django_assert_max_num_queries(12):
        response = client.get("/api/v1/signaleringen/")
    assert response.status_code == 200 and len(response.json()["results"]) == 2
    nieuw = Auditregel.objects.order_by("-pk")[: Auditregel.objects.count() - voor]
    assert [(r.actie, r.traject_id, r.gebruikersnaam) for r in nieuw] == [
        (Auditactie.LIJST, traject.pk, "nazorg1")
    ]
    assert nieuw[0].url == "/api/v1/signaleringen/"
