"""Issue 18 item 7 (ADR 0023): the audit trail is partitioned by month; retention drops whole
months through the owner's function; the application role cannot touch a partition, and
cannot drop a month younger than 24 months."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection

from audit.models import Auditactie, Auditregel
from audit.services import vastleggen
from bewaring import services

from .test_databaserollen import geweigerd, rollen, verbind  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db(transaction=True)


def partitie_van(pk: int) -> str:
    with connection.cursor() as c:
        c.execute("SELECT tableoid::regclass::text FROM audit_auditregel WHERE id = %s", [pk])
        return c.fetchone()[0]


def test_a_row_lands_in_its_months_partition(demo):
    services.maak_auditpartities(vanaf=date.today())
    vastleggen(gebruiker=demo["casemanager1"], actie=Auditactie.LEZEN, traject_ids=[7])
    regel = Auditregel.objects.get(traject_id=7)
    assert partitie_van(regel.pk) == f"audit_auditregel_p{regel.op:%Y%m}"


def test_old_months_are_dropped_recent_ones_refused_for_the_application(rollen):  # noqa: F811
    _eigenaar, app = rollen
    services.maak_auditpartities(vanaf=date(2020, 1, 1), maanden=1)
    with connection.cursor() as c:
        c.execute(
            "INSERT INTO audit_auditregel (op, gebruikersnaam, organisatie, rol, actie, "
            "object_type, object_id, categorieen, grondslag, url, toelichting) VALUES "
            "('2020-01-15', 'oud', '', '', 'lezen', 'traject', '1', '{}', '', '', '')"
        )
    # After the next migrate the command runs again (scripts/docker-migreer.sh): the month that
    # exists now is handed to the owner and the application keeps no right on it.
    call_command("maak_databaserollen", eigenaar=_eigenaar, app=app)
    with verbind(app) as db:
        assert "permission denied" in geweigerd(db, "DELETE FROM audit_auditregel_p202001")
        assert "permission denied" in geweigerd(db, "TRUNCATE audit_auditregel_p202001")
        assert "must be owner" in geweigerd(db, "DROP TABLE audit_auditregel_p202001")
        assert "24 maanden" in geweigerd(
            db, f"SELECT audit_verwijder_partities('{date.today():%Y-%m-01}')"
        )
        # a month of the coming year made by the application has no rights for it either
        db.execute("SELECT audit_maak_partities('2031-01-01', '2031-01-01')")
        assert "permission denied" in geweigerd(db, "DELETE FROM audit_auditregel_p203101")
        weg = db.execute("SELECT audit_verwijder_partities('2020-03-01')").fetchall()
        assert ("audit_auditregel_p202001",) in weg
    with connection.cursor() as c:
        c.execute("SELECT count(*) FROM audit_auditregel WHERE gebruikersnaam = 'oud'")
        assert c.fetchone()[0] == 0
        c.execute("SELECT audit_verwijder_partities('2031-03-01')")  # superuser: clean up


def test_every_partition_keeps_both_guards_enabled_always():
    services.maak_auditpartities(vanaf=date.today())
    with connection.cursor() as c:
        c.execute(
            "SELECT c.relname, t.tgname, t.tgenabled FROM pg_inherits i "
            "JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_trigger t ON t.tgrelid = c.oid "
            "WHERE i.inhparent = 'audit_auditregel'::regclass AND NOT t.tgisinternal"
        )
        rijen = c.fetchall()
    partities = {r[0] for r in rijen}
    assert "audit_auditregel_standaard" in partities and len(partities) > 1
    assert {(p, "audit_niet_legen", "A") for p in partities} <= set(rijen)
    assert {(p, "pgtrigger_audit_alleen_toevoegen_5f073", "A") for p in partities} <= set(rijen)


def test_rows_in_the_default_partition_are_reported_by_the_retention_run(demo):
    """A month without its own partition lands in the DEFAULT partition, which is never
    dropped: the nightly retention run counts those rows and reports them (ADR 0023)."""
    with connection.cursor() as c:
        c.execute(
            "INSERT INTO audit_auditregel (op, gebruikersnaam, organisatie, rol, actie, "
            "object_type, object_id, categorieen, grondslag, url, toelichting) VALUES "
            "('2045-03-15', 'ver', '', '', 'lezen', 'traject', '1', '{}', '', '', '')"
        )
    verslag = services.pas_bewaartermijnen_toe(peildatum=date.today())
    assert verslag.in_standaardpartitie == 1
