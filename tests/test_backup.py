"""Issue 17, item 8: the backup and restore of the README work - a `pg_dump -Fc` of the database,
restored with `pg_restore` into a fresh database, holds what was there."""

import secrets
import shutil
import subprocess

import pytest
from django.db import connection

from ketenpartners.models import Organisatie

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not all(shutil.which(p) for p in ("pg_dump", "pg_restore", "psql")),
        reason="pg_dump/pg_restore ontbreken (apt-get install postgresql-client)",
    ),
]


def test_a_dump_restores_into_a_fresh_database_with_its_rows(tmp_path):
    Organisatie.objects.create(soort="zvh", code="ZVH-BACKUP", naam="ZVH Terugzetproef")
    instellingen = connection.settings_dict
    verbinding = [
        "-h", instellingen["HOST"] or "127.0.0.1",
        "-p", str(instellingen["PORT"] or 5432),
        "-U", instellingen["USER"] or "postgres",
    ]  # fmt: skip
    omgeving = {"PGPASSWORD": instellingen["PASSWORD"] or "", "PATH": "/usr/bin:/bin"}
    dump = tmp_path / "reintegratie.dump"
    subprocess.run(
        ["pg_dump", "-Fc", *verbinding, "-f", str(dump), instellingen["NAME"]],
        check=True,
        env=omgeving,
    )
    nieuw = f"{instellingen['NAME']}_herstel_{secrets.token_hex(3)}"
    psql = ["psql", *verbinding, "-v", "ON_ERROR_STOP=1", "-tA"]
    subprocess.run(
        [*psql, "-d", "postgres", "-c", f"CREATE DATABASE {nieuw}"], check=True, env=omgeving
    )
    try:
        subprocess.run(
            ["pg_restore", *verbinding, "--no-owner", "--exit-on-error", "-d", nieuw, str(dump)],
            check=True,
            env=omgeving,
        )
        gevonden = subprocess.run(
            [
                *psql,
                "-d",
                nieuw,
                "-c",
                "SELECT naam FROM ketenpartners_organisatie WHERE code = 'ZVH-BACKUP'",
            ],
            check=True,
            env=omgeving,
            capture_output=True,
            text=True,
        ).stdout.strip()
        assert gevonden == "ZVH Terugzetproef"
        # The audit trail's guards come along: the restored trail is append-only too.
        triggervlaggen = (
            "SELECT tgname::text || ':' || tgenabled::text FROM pg_trigger "
            "WHERE tgrelid = 'audit_auditregel'::regclass AND NOT tgisinternal ORDER BY 1"
        )
        triggers = subprocess.run(
            [*psql, "-d", nieuw, "-c", triggervlaggen],
            check=True,
            env=omgeving,
            capture_output=True,
            text=True,
        ).stdout.split()
        assert triggers == ["audit_niet_legen:A", "pgtrigger_audit_alleen_toevoegen_5f073:A"]
    finally:
        subprocess.run(
            [*psql, "-d", "postgres", "-c", f"DROP DATABASE IF EXISTS {nieuw} WITH (FORCE)"],
            check=True,
            env=omgeving,
        )
