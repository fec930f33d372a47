"""Issue 18 item 6 (ADR 0024): the audit rows of a request's reads are written in one INSERT
when the view is done, and a read stays recorded when the page fails after it."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.db.utils import DataError, IntegrityError
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import include, path, reverse
from django.utils import timezone

from audit.models import Auditactie, Auditregel
from audit.services import per_verzoek, schrijfactie, vastleggen
from trajecten import access, services

pytestmark = pytest.mark.django_db

TABEL = Auditregel._meta.db_table


class Kapot(Exception):
    pass


def drie_lezingen(request, a, b):
    """Three separate audited reads in one request: two case reads and a list."""
    access.traject_voor_of_404(request.user, a, url=request.path)
    access.traject_voor_of_404(request.user, b, url=request.path)
    access.registreer_lijst(request.user, [a, b], url=request.path)
    return HttpResponse("ok")


def leest_en_faalt(request, a):
    access.traject_voor_of_404(request.user, a, url=request.path)
    raise Kapot("na het lezen")


urlpatterns = [
    path("test/drie/<int:a>/<int:b>/", drie_lezingen),
    path("test/faalt/<int:a>/", leest_en_faalt),
    path("", include("reintegratie.urls")),  # the fixtures link to the case pages
]


def inserts(context) -> list[str]:
    return [
        q["sql"] for q in context.captured_queries if q["sql"].startswith(f'INSERT INTO "{TABEL}"')
    ]


@pytest.fixture
def tweede(demo, traject):
    return services.neem_op(
        acting_user=demo["casemanager1"],
        voornamen="Kees",
        achternaam="Tweede",
        geboortedatum=timezone.localdate().replace(year=1985),
        binnenkomst_datum=timezone.localdate() - timedelta(days=1),
    )


@pytest.mark.urls(__name__)
def test_the_reads_of_one_request_are_one_insert(client, demo, traject, tweede):
    from django.db import connection

    client.force_login(demo["casemanager1"])
    voor = Auditregel.objects.count()
    with CaptureQueriesContext(connection) as context:
        antwoord = client.get(f"/test/drie/{traject.pk}/{tweede.pk}/")
    assert antwoord.status_code == 200
    assert len(inserts(context)) == 1
    nieuw = Auditregel.objects.order_by("pk")[voor:]
    assert [(r.actie, r.traject_id) for r in nieuw] == [
        (Auditactie.LEZEN, traject.pk),
        (Auditactie.LEZEN, tweede.pk),
        (Auditactie.LIJST, traject.pk),
        (Auditactie.LIJST, tweede.pk),
    ]


@pytest.mark.urls(__name__)
def test_a_read_stays_recorded_when_the_page_fails_after_it(client, demo, traject):
    client.force_login(demo["nazorg1"])
    with pytest.raises(Kapot):
        client.get(f"/test/faalt/{traject.pk}/")
    assert Auditregel.objects.filter(
        gebruikersnaam="nazorg1", actie=Auditactie.LEZEN, traject_id=traject.pk
    ).exists()


def test_a_case_list_writes_one_insert_at_two_volumes(client, demo, traject, tweede):
    from django.db import connection

    client.force_login(demo["casemanager1"])
    with CaptureQueriesContext(connection) as klein:
        assert client.get(reverse("trajecten:caseload")).status_code == 200
    for nummer in range(4):
        services.neem_op(
            acting_user=demo["casemanager1"],
            voornamen="Extra",
            achternaam=f"Persoon{nummer}",
            geboortedatum=timezone.localdate().replace(year=1980 + nummer),
            binnenkomst_datum=timezone.localdate() - timedelta(days=1),
        )
    with CaptureQueriesContext(connection) as groot:
        assert client.get(reverse("trajecten:caseload")).status_code == 200
    assert len(inserts(klein)) == len(inserts(groot)) == 1
    assert len(groot.captured_queries) == len(klein.captured_queries)


def test_a_write_keeps_its_row_atomic_with_the_write_inside_a_request():
    """A service's own transaction writes its row at once; rolled back, the row is gone too,
    and it is not written again at the end of the request."""
    voor = Auditregel.objects.count()
    with per_verzoek():
        with pytest.raises(IntegrityError), transaction.atomic():
            schrijfactie(gebruiker=None, traject_id=0, object_type="test")
            assert Auditregel.objects.count() == voor + 1  # in the transaction, at once
            raise IntegrityError("de schrijfactie faalt")
        vastleggen(gebruiker=None, actie=Auditactie.LEZEN, traject_ids=[])
    assert Auditregel.objects.count() == voor


def test_without_a_request_a_row_is_written_at_once(demo, traject):
    voor = Auditregel.objects.count()
    access.traject_voor_of_404(demo["casemanager1"], traject.pk)
    assert Auditregel.objects.count() == voor + 1


def test_a_failing_flush_fails_the_answer(demo, traject):
    """Nothing read is shown without its row: a write that fails at the end raises."""
    with pytest.raises(DataError), per_verzoek():
        vastleggen(
            gebruiker=demo["casemanager1"], actie="x" * 500, traject_ids=[traject.pk]
        )  # too long for the column: the INSERT at the end fails


def test_the_rows_are_written_when_the_block_raises(demo, traject):
    """The `finally` of per_verzoek: an exception that reaches the middleware (not turned into
    a 500 page by Django first) still writes the rows read before it."""
    voor = Auditregel.objects.count()
    with pytest.raises(Kapot), per_verzoek():
        access.traject_voor_of_404(demo["casemanager1"], traject.pk)
        assert Auditregel.objects.count() == voor  # collected, not yet written
        raise Kapot("na het lezen")
    assert Auditregel.objects.count() == voor + 1
