import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse

from audit.models import Auditactie, Auditregel
from trajecten import services
from trajecten.keuzes import BVStatus, Domein

pytestmark = pytest.mark.django_db


def test_the_audit_trail_is_append_only_in_the_database(demo, traject):
    regel = Auditregel.objects.filter(traject_id=traject.pk).first()
    with pytest.raises(DatabaseError, match="Cannot update or delete"), transaction.atomic():
        Auditregel.objects.filter(pk=regel.pk).update(gebruikersnaam="iemand anders")
    with pytest.raises(DatabaseError, match="Cannot update or delete"), transaction.atomic():
        Auditregel.objects.filter(pk=regel.pk).delete()
    with (
        pytest.raises(DatabaseError),
        transaction.atomic(),
        __import__("django").db.connection.cursor() as c,
    ):
        c.execute("DELETE FROM audit_auditregel")
    assert Auditregel.objects.filter(pk=regel.pk, gebruikersnaam=regel.gebruikersnaam).exists()


def test_a_page_read_is_recorded_with_who_what_when_and_why(client, demo, traject):
    client.force_login(demo["nazorg1"])
    client.get(traject.get_absolute_url())
    regel = Auditregel.objects.filter(actie=Auditactie.LEZEN, gebruikersnaam="nazorg1").get()
    assert regel.traject_id == traject.pk
    assert (regel.rol, regel.organisatie) == ("nazorgcoordinator", "gemeente Enschede")
    assert "basisvoorwaarden" in regel.categorieen and "plan" in regel.categorieen
    assert regel.grondslag.startswith("art. 18a Penitentiaire beginselenwet")
    assert regel.url == traject.get_absolute_url()


def test_lists_record_the_ids_shown(client, demo, traject):
    client.force_login(demo["casemanager1"])
    client.get(reverse("trajecten:caseload"))
    assert list(
        Auditregel.objects.filter(actie=Auditactie.LIJST).values_list("traject_id", flat=True)
    ) == [traject.pk]


def test_writes_are_recorded(demo, traject):
    services.werk_basisvoorwaarde_bij(
        acting_user=demo["mentor1"],
        basisvoorwaarde=(gelezen := traject.basisvoorwaarden.get(domein=Domein.HUISVESTING)),
        versie=gelezen.versie,
        status=BVStatus.OP_ORDE,
        hulpvraag="",
    )
    regel = Auditregel.objects.get(actie=Auditactie.SCHRIJVEN, gebruikersnaam="mentor1")
    assert (regel.traject_id, regel.object_type, regel.object_id) == (
        traject.pk,
        "basisvoorwaarden",
        "huisvesting",
    )


def test_the_casemanager_sees_who_read_the_file(client, demo, traject):
    client.force_login(demo["reclassering1"])
    client.get(traject.get_absolute_url())
    client.force_login(demo["casemanager1"])
    html = client.get(reverse("trajecten:inzage", args=[traject.pk])).content.decode()
    assert "reclassering1 (reclasseringswerker, Reclassering Nederland)" in html
    assert "Ingezien" in html


def test_the_functional_administrator_searches_the_trail_without_case_content(
    client, demo, traject
):
    client.force_login(demo["nazorg1"])
    client.get(traject.get_absolute_url())
    client.force_login(demo["beheer1"])
    html = client.get(reverse("audit:overzicht"), {"gebruiker": "nazorg1"}).content.decode()
    assert "nazorg1 (nazorgcoordinator, gemeente Enschede)" in html
    assert "Vries" not in html  # no names of detainees, only trajectory numbers
