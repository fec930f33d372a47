import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from trajecten.models import DRAdvies

pytestmark = pytest.mark.django_db


def test_the_client_list_shows_assigned_cases_with_the_casemanager(client, demo, traject):
    client.force_login(demo["reclassering1"])
    html = client.get(reverse("reclassering:clienten")).content.decode()
    assert "J.P. de Vries" in html and "0546-123 401" in html
    assert "Mijn cliënten" in html


def test_advice_stands_beside_the_plan_for_pi_and_reclassering_not_for_the_gemeente(
    client, demo, traject
):
    client.force_login(demo["reclassering1"])
    fout = client.post(reverse("reclassering:advies", args=[traject.pk]), {"tekst": " "})
    assert fout.status_code == 400
    client.post(
        reverse("reclassering:advies", args=[traject.pk]),
        {"tekst": "Advies: begeleid wonen, meldplicht."},
    )
    assert DRAdvies.objects.get().opgesteld_door == demo["reclassering1"]
    for wie, ziet in (("casemanager1", True), ("reclassering1", True), ("nazorg1", False)):
        client.force_login(demo[wie])
        assert (
            "begeleid wonen, meldplicht" in client.get(traject.get_absolute_url()).content.decode()
        ) is ziet


def test_only_the_reclassering_writes_advice(client, demo, traject):
    client.force_login(demo["casemanager1"])
    assert (
        client.post(reverse("reclassering:advies", args=[traject.pk]), {"tekst": "x"}).status_code
        == 403
    )


def test_client_list_queries_are_constant(client, demo, traject):
    client.force_login(demo["reclassering1"])
    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse("reclassering:clienten"), {"alle": "1"})
    assert len(ctx.captured_queries) <= 8
