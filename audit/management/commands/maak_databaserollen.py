"""Creates or updates the two database roles of a deployment (issue 17, docs/security.md):

- the owner (`reintegratie_eigenaar`): owns every table, sequence and function of the
  application's schema and runs the migrations; not a superuser.
- the application (`reintegratie_app`): logs in for web, worker and beat; owns nothing; may
  SELECT/INSERT/UPDATE/DELETE the application's tables and use their sequences, but on the
  audit trail only SELECT and INSERT.

Run as a superuser (or the database's owner with CREATEROLE), before and after `migrate`:
the second run gives the application its rights on tables the migrations just created and
takes UPDATE/DELETE on the audit trail away again. Idempotent: running it twice changes nothing.
"""

import os

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from psycopg import sql

from audit.models import Auditregel

# pg_class.relkind → the ALTER statement that changes its owner.
SOORTEN = {
    "r": "TABLE",
    "p": "TABLE",
    "v": "VIEW",
    "m": "MATERIALIZED VIEW",
    "f": "FOREIGN TABLE",
    "S": "SEQUENCE",
}
ROL_ATTRIBUTEN = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"


class Command(BaseCommand):
    help = (
        "Maakt of werkt de databaserollen bij: een eigenaar voor de migraties en een "
        "applicatierol met alleen de rechten die de applicatie nodig heeft (audittrail: "
        "alleen lezen en toevoegen)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--eigenaar",
            default=os.environ.get("DB_EIGENAAR_ROL", "reintegratie_eigenaar"),
            help="Naam van de eigenaarsrol (omgeving: DB_EIGENAAR_ROL)",
        )
        parser.add_argument(
            "--app",
            default=os.environ.get("DB_APP_ROL", "reintegratie_app"),
            help="Naam van de applicatierol (omgeving: DB_APP_ROL)",
        )
        parser.add_argument(
            "--eigenaar-wachtwoord",
            default=os.environ.get("DB_EIGENAAR_WACHTWOORD", ""),
            help="Wachtwoord van de eigenaar; liever via DB_EIGENAAR_WACHTWOORD",
        )
        parser.add_argument(
            "--app-wachtwoord",
            default=os.environ.get("DB_APP_WACHTWOORD", ""),
            help="Wachtwoord van de applicatierol; liever via DB_APP_WACHTWOORD",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, **opties):
        eigenaar, app = opties["eigenaar"], opties["app"]
        if not eigenaar or not app or eigenaar == app:
            raise CommandError("Geef twee verschillende rolnamen op (--eigenaar en --app).")
        verbinding = connections[opties["database"]]
        with transaction.atomic(using=opties["database"]), verbinding.cursor() as cursor:
            ruw = verbinding.connection

            def uitvoeren(sjabloon: str, **delen) -> None:
                opdracht = sql.SQL(sjabloon).format(**delen).as_string(ruw)
                cursor.execute(opdracht)

            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            if not cursor.fetchone()[0]:
                self.stderr.write(
                    "Let op: u bent geen superuser; eigendom overdragen kan mislukken."
                )
            for naam, wachtwoord, extra in (
                (eigenaar, opties["eigenaar_wachtwoord"], ""),
                (app, opties["app_wachtwoord"], " NOINHERIT"),
            ):
                cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [naam])
                actie = "ALTER" if cursor.fetchone() else "CREATE"
                uitvoeren(f"{actie} ROLE {{rol}} {ROL_ATTRIBUTEN}{extra}", rol=sql.Identifier(naam))
                if wachtwoord:
                    uitvoeren(
                        "ALTER ROLE {rol} PASSWORD {ww}",
                        rol=sql.Identifier(naam),
                        ww=sql.Literal(wachtwoord),
                    )
                self.stdout.write(f"Rol {naam}: {'bijgewerkt' if actie == 'ALTER' else 'gemaakt'}")

            e, a = sql.Identifier(eigenaar), sql.Identifier(app)
            cursor.execute("SELECT current_database(), current_schema()")
            database, schema = cursor.fetchone()
            db, sch = sql.Identifier(database), sql.Identifier(schema)
            # The application is no member of the owner and inherits nothing from it.
            cursor.execute(
                "SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid "
                "JOIN pg_roles l ON l.oid = m.member WHERE r.rolname = %s AND l.rolname = %s",
                [eigenaar, app],
            )
            if cursor.fetchone():
                uitvoeren("REVOKE {e} FROM {a}", e=e, a=a)
            uitvoeren("GRANT CONNECT ON DATABASE {db} TO {e}, {a}", db=db, e=e, a=a)
            uitvoeren("GRANT USAGE, CREATE ON SCHEMA {sch} TO {e}", sch=sch, e=e)
            uitvoeren("GRANT USAGE ON SCHEMA {sch} TO {a}", sch=sch, a=a)
            uitvoeren("REVOKE CREATE ON SCHEMA {sch} FROM {a}", sch=sch, a=a)

            overgedragen = self._draag_eigendom_over(cursor, uitvoeren, schema, eigenaar)

            uitvoeren(
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {sch} TO {a}",
                sch=sch,
                a=a,
            )
            uitvoeren(
                "REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA {sch} FROM {a}",
                sch=sch,
                a=a,
            )
            uitvoeren("GRANT USAGE ON ALL SEQUENCES IN SCHEMA {sch} TO {a}", sch=sch, a=a)
            # The audit trail: read and append, nothing else (the trigger is the first lock).
            audit = sql.Identifier(schema, Auditregel._meta.db_table)
            cursor.execute("SELECT to_regclass(%s)", [f"{schema}.{Auditregel._meta.db_table}"])
            if cursor.fetchone()[0] is not None:
                uitvoeren("REVOKE ALL ON {t} FROM {a}", t=audit, a=a)
                uitvoeren("GRANT SELECT, INSERT ON {t} TO {a}", t=audit, a=a)
                # Its monthly partitions (ADR 0023): no rights at all, queries go through the
                # parent; creating and dropping them only through the two owner's functions.
                cursor.execute(
                    "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                    "WHERE i.inhparent = %s::regclass",
                    [f"{schema}.{Auditregel._meta.db_table}"],
                )
                for (partitie,) in cursor.fetchall():
                    uitvoeren("REVOKE ALL ON {t} FROM {a}", t=sql.Identifier(schema, partitie), a=a)
                for functie in (
                    "audit_maak_partities(date, date)",
                    "audit_verwijder_partities(date)",
                ):
                    cursor.execute("SELECT to_regprocedure(%s)", [f"{schema}.{functie}"])
                    if cursor.fetchone()[0] is not None:
                        uitvoeren(f"GRANT EXECUTE ON FUNCTION {{s}}.{functie} TO {{a}}", s=sch, a=a)
            # Tables the owner's migrations create later: DML for the application straight away.
            # (The audit table exists before any later migration, so this never reaches it.)
            uitvoeren(
                "ALTER DEFAULT PRIVILEGES FOR ROLE {e} IN SCHEMA {sch} "
                "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {a}",
                e=e,
                sch=sch,
                a=a,
            )
            uitvoeren(
                "ALTER DEFAULT PRIVILEGES FOR ROLE {e} IN SCHEMA {sch} "
                "GRANT USAGE ON SEQUENCES TO {a}",
                e=e,
                sch=sch,
                a=a,
            )
        self.stdout.write(
            f"Eigenaar {eigenaar}: {overgedragen} object(en) overgedragen. "
            f"Applicatierol {app}: bezit niets; audittrail alleen lezen en toevoegen."
        )

    def _draag_eigendom_over(self, cursor, uitvoeren, schema: str, eigenaar: str) -> int:
        """Every relation and function of the schema that does not belong to an extension
        (and is not a sequence owned by a column, which follows its table) goes to the owner,
        partitions of the audit trail included."""
        cursor.execute(
            """
            SELECT c.relkind, c.relname FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = %s AND c.relkind = ANY(%s)
              AND pg_get_userbyid(c.relowner) <> %s
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                              AND d.objid = c.oid AND d.objsubid = 0
                              AND d.deptype IN ('e', 'a', 'i')
                              -- (a partition key column depends 'internal' on its table)
                              -- a partition depends 'auto' on its parent, yet is a table
                              AND NOT (d.deptype = 'a' AND c.relispartition))
            ORDER BY c.relkind DESC, c.relname
            """,
            [schema, list(SOORTEN), eigenaar],
        )
        relaties = cursor.fetchall()
        for soort, naam in relaties:
            uitvoeren(
                f"ALTER {SOORTEN[soort]} {{t}} OWNER TO {{e}}",
                t=sql.Identifier(schema, naam),
                e=sql.Identifier(eigenaar),
            )
        cursor.execute(
            """
            SELECT p.oid::regprocedure::text FROM pg_proc p
            JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = %s AND pg_get_userbyid(p.proowner) <> %s
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                              AND d.objid = p.oid AND d.deptype = 'e')
            """,
            [schema, eigenaar],
        )
        functies = [rij[0] for rij in cursor.fetchall()]
        for functie in functies:
            # regprocedure text is already a quoted, schema-qualified signature.
            uitvoeren(
                "ALTER ROUTINE {f} OWNER TO {e}", f=sql.SQL(functie), e=sql.Identifier(eigenaar)
            )
        return len(relaties) + len(functies)
