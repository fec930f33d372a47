"""Issue 17, item 4: the application's database role cannot rewrite or empty the audit trail,
and the owner cannot empty it either; the guards fire even in replication mode."""

import secrets

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)

INSERT = (
    "INSERT INTO audit_auditregel (op, gebruikersnaam, organisatie, rol, actie, object_type, "
    "object_id, categorieen, grondslag, url, toelichting) VALUES "
    "(now(), 'app', '', '', 'lezen', 'traject', '1', '{}', '', '', '') RETURNING id"
)


@pytest.fixture
def rollen():
    """Both roles, made by the command against the test database; dropped afterwards. Role
    names are unique per run: roles belong to the whole PostgreSQL cluster."""
    achtervoegsel = secrets.token_hex(4)
    eigenaar, app = f"test_eigenaar_{achtervoegsel}", f"test_app_{achtervoegsel}"
    call_command("maak_databaserollen", eigenaar=eigenaar, app=app, app_wachtwoord="geheim-app")
    yield eigenaar, app
    with connection.cursor() as c:
        c.execute(f"REASSIGN OWNED BY {eigenaar} TO CURRENT_USER")
        for rol in (eigenaar, app):
            c.execute(f"DROP OWNED BY {rol}")
            c.execute(f"DROP ROLE {rol}")


def verbind(rol: str) -> psycopg.Connection:
    instellingen = connection.settings_dict
    return psycopg.connect(
        host=instellingen["HOST"] or "127.0.0.1",
        port=instellingen["PORT"] or 5432,
        dbname=instellingen["NAME"],
        user=rol,
        password="geheim-app",
        autocommit=True,
    )


def geweigerd(verbinding: psycopg.Connection, opdracht: str) -> str:
    with pytest.raises(psycopg.Error) as fout:
        verbinding.execute(opdracht)
    return str(fout.value)


def test_the_application_role_can_append_to_the_audit_trail_and_nothing_more(rollen):
    _eigenaar, app = rollen
    with verbind(app) as db:
        nieuw = db.execute(INSERT).fetchone()[0]
        assert db.execute("SELECT count(*) FROM audit_auditregel WHERE id = %s", [nieuw]).fetchone()
        assert "permission denied" in geweigerd(db, "TRUNCATE audit_auditregel")
        assert "permission denied" in geweigerd(db, "DELETE FROM audit_auditregel")
        assert "permission denied" in geweigerd(
            db, "UPDATE audit_auditregel SET gebruikersnaam = 'iemand anders'"
        )
        assert "must be owner" in geweigerd(db, "ALTER TABLE audit_auditregel DISABLE TRIGGER ALL")
        assert "must be owner" in geweigerd(db, "DROP TRIGGER audit_niet_legen ON audit_auditregel")
        assert "permission denied" in geweigerd(db, "SET session_replication_role = replica")
        # Everything else it needs: read and write ordinary tables, use their sequences.
        db.execute("SELECT count(*) FROM trajecten_traject").fetchone()
        db.execute("UPDATE ketenpartners_organisatie SET naam = naam WHERE false")
        assert "permission denied" in geweigerd(db, "TRUNCATE ketenpartners_organisatie")
        # It owns nothing and cannot create tables.
        bezit = db.execute(
            "SELECT count(*) FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles "
            "WHERE rolname = current_user)"
        ).fetchone()[0]
        assert bezit == 0
        assert "permission denied" in geweigerd(db, "CREATE TABLE eigen (id int)")
    with connection.cursor() as c:
        c.execute("SELECT count(*) FROM audit_auditregel WHERE id = %s", [nieuw])
        assert c.fetchone()[0] == 1


def test_the_owner_cannot_empty_the_audit_trail(rollen):
    eigenaar, _ = rollen
    with verbind(eigenaar) as db:
        db.execute(INSERT)
        assert "kan niet worden geleegd" in geweigerd(db, "TRUNCATE audit_auditregel")
        assert "Cannot update or delete" in geweigerd(db, "DELETE FROM audit_auditregel")
        assert "permission denied" in geweigerd(db, "SET session_replication_role = replica")
        assert db.execute("SELECT count(*) FROM audit_auditregel").fetchone()[0] == 1
        # It does own the tables: migrations run as this role.
        eigen = db.execute(
            "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'audit_auditregel'"
        ).fetchone()[0]
        assert eigen == eigenaar


def test_the_guards_fire_even_in_replication_mode():
    with connection.cursor() as c:
        c.execute(
            "SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = 'audit_auditregel'::regclass "
            "AND NOT tgisinternal ORDER BY tgname"
        )
        assert c.fetchall() == [
            ("audit_niet_legen", "A"),
            ("pgtrigger_audit_alleen_toevoegen_5f073", "A"),
        ]
        c.execute(INSERT)
        c.execute("SET session_replication_role = replica")
        try:
            with pytest.raises(Exception, match="Cannot update or delete"):
                c.execute("DELETE FROM audit_auditregel")
        finally:
            c.execute("RESET session_replication_role")


def test_running_the_command_twice_changes_nothing(rollen):
    eigenaar, app = rollen
    call_command("maak_databaserollen", eigenaar=eigenaar, app=app)
    with verbind(app) as db:
        db.execute(INSERT)
        assert "permission denied" in geweigerd(db, "DELETE FROM audit_auditregel")
