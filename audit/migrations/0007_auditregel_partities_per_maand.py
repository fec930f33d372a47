"""The audit trail partitioned by month (issue 18 item 7, ADR 0023), so that retention drops
whole expired months instead of deleting rows the trail refuses to delete.

The table is swapped in SQL: `audit_auditregel` becomes a partitioned table on `op` with the
primary key (id, op) as PostgreSQL requires; Django keeps `id` as its primary key in Python
(`state_operations=[]`: the model state does not change). The rows are copied over, the guards
come back on the parent (cloned by PostgreSQL onto every partition) and stay ENABLE ALWAYS.

Two functions, SECURITY DEFINER, owned by the owner role after `maak_databaserollen` (which
grants EXECUTE to the application role only; PUBLIC has none):

- `audit_maak_partities(van date, tot date)`: creates the monthly partitions (UTC months) of
  that range that do not exist, each with its own TRUNCATE guard, both guards ENABLE ALWAYS,
  and no rights for any other role (the parent's rights are what counts for queries).
- `audit_verwijder_partities(grens date)`: drops every monthly partition that ends on or before
  `grens`. The application role may not pass a `grens` later than 24 months ago (a hard floor:
  a compromised application cannot shorten the trail below it); a superuser may (tests).

A DEFAULT partition catches rows of a month whose partition is missing; it is never dropped.
"""

from django.db import migrations

VOORUIT = r"""
ALTER TABLE audit_auditregel RENAME TO audit_auditregel_oud;
ALTER TABLE audit_auditregel_oud DISABLE TRIGGER pgtrigger_audit_alleen_toevoegen_5f073;
DROP TRIGGER audit_niet_legen ON audit_auditregel_oud;
-- The new table gets the names Django gave (later migrations may refer to them).
ALTER TABLE audit_auditregel_oud RENAME CONSTRAINT audit_auditregel_pkey TO audit_auditregel_oud_pkey;
ALTER TABLE audit_auditregel_oud
    DROP CONSTRAINT audit_auditregel_gebruiker_id_bdca02c6_fk_ketenpart;
DROP INDEX audit_audit_gebruik_314580_idx;
DROP INDEX audit_auditregel_gebruiker_id_bdca02c6;
DROP INDEX audit_auditregel_op_431ada7f;
DROP INDEX audit_auditregel_traject_id_a426d4d2;

CREATE TABLE audit_auditregel (
    id bigint NOT NULL,
    op timestamp with time zone NOT NULL,
    gebruikersnaam varchar(150) NOT NULL,
    organisatie varchar(200) NOT NULL,
    rol varchar(30) NOT NULL,
    actie varchar(30) NOT NULL,
    traject_id bigint NULL,
    object_type varchar(60) NOT NULL,
    object_id varchar(40) NOT NULL,
    categorieen varchar(40)[] NOT NULL,
    grondslag varchar(300) NOT NULL,
    url varchar(300) NOT NULL,
    toelichting varchar(500) NOT NULL,
    gebruiker_id bigint NULL,
    PRIMARY KEY (id, op)
) PARTITION BY RANGE (op);

-- Identity columns cannot be on a partitioned table (PostgreSQL 15): a plain sequence, owned
-- by the column, that goes on counting where the old identity was.
ALTER TABLE audit_auditregel_oud ALTER COLUMN id DROP IDENTITY;
CREATE SEQUENCE audit_auditregel_id_seq OWNED BY audit_auditregel.id;
SELECT setval('audit_auditregel_id_seq', COALESCE((SELECT max(id) FROM audit_auditregel_oud), 0) + 1, false);
ALTER TABLE audit_auditregel ALTER COLUMN id SET DEFAULT nextval('audit_auditregel_id_seq');

CREATE TABLE audit_auditregel_standaard PARTITION OF audit_auditregel DEFAULT;

CREATE INDEX audit_auditregel_op_431ada7f ON audit_auditregel (op);
CREATE INDEX audit_auditregel_traject_id_a426d4d2 ON audit_auditregel (traject_id);
CREATE INDEX audit_auditregel_gebruiker_id_bdca02c6 ON audit_auditregel (gebruiker_id);
CREATE INDEX audit_audit_gebruik_314580_idx ON audit_auditregel (gebruiker_id, op);
ALTER TABLE audit_auditregel ADD CONSTRAINT audit_auditregel_gebruiker_id_bdca02c6_fk_ketenpart
    FOREIGN KEY (gebruiker_id) REFERENCES ketenpartners_medewerker (id)
    DEFERRABLE INITIALLY DEFERRED;

CREATE TRIGGER pgtrigger_audit_alleen_toevoegen_5f073
    BEFORE UPDATE OR DELETE ON audit_auditregel
    FOR EACH ROW EXECUTE FUNCTION pgtrigger_audit_alleen_toevoegen_5f073();
CREATE TRIGGER audit_niet_legen BEFORE TRUNCATE ON audit_auditregel
    FOR EACH STATEMENT EXECUTE FUNCTION audit_weiger_legen();
CREATE TRIGGER audit_niet_legen BEFORE TRUNCATE ON audit_auditregel_standaard
    FOR EACH STATEMENT EXECUTE FUNCTION audit_weiger_legen();
-- pgtrigger knows its trigger by the hash in the comment.
COMMENT ON TRIGGER pgtrigger_audit_alleen_toevoegen_5f073 ON audit_auditregel
    IS 'cea68b8a727b3afb7d4acd2e22a3f822e9881e86';
ALTER TABLE audit_auditregel ENABLE ALWAYS TRIGGER audit_niet_legen;
ALTER TABLE audit_auditregel ENABLE ALWAYS TRIGGER pgtrigger_audit_alleen_toevoegen_5f073;
ALTER TABLE audit_auditregel_standaard ENABLE ALWAYS TRIGGER audit_niet_legen;
ALTER TABLE audit_auditregel_standaard
    ENABLE ALWAYS TRIGGER pgtrigger_audit_alleen_toevoegen_5f073;

CREATE OR REPLACE FUNCTION audit_maak_partities(van date, tot date) RETURNS SETOF text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    maand date := date_trunc('month', van)::date;
    naam text;
    rol name;
BEGIN
    IF tot - van > 3660 THEN
        RAISE EXCEPTION 'Hooguit tien jaar aan partities tegelijk';
    END IF;
    WHILE maand <= tot LOOP
        naam := format('audit_auditregel_p%s', to_char(maand, 'YYYYMM'));
        IF to_regclass(naam) IS NULL AND NOT EXISTS (
            SELECT 1 FROM audit_auditregel_standaard
            WHERE op >= (maand::timestamp AT TIME ZONE 'UTC')
              AND op < ((maand + interval '1 month')::timestamp AT TIME ZONE 'UTC')
        ) THEN
            EXECUTE format(
                'CREATE TABLE %I PARTITION OF audit_auditregel FOR VALUES FROM (%L) TO (%L)',
                naam,
                maand::timestamp AT TIME ZONE 'UTC',
                (maand + interval '1 month')::timestamp AT TIME ZONE 'UTC'
            );
            EXECUTE format('CREATE TRIGGER audit_niet_legen BEFORE TRUNCATE ON %I '
                           'FOR EACH STATEMENT EXECUTE FUNCTION audit_weiger_legen()', naam);
            EXECUTE format('ALTER TABLE %I ENABLE ALWAYS TRIGGER audit_niet_legen', naam);
            EXECUTE format('ALTER TABLE %I ENABLE ALWAYS TRIGGER '
                           'pgtrigger_audit_alleen_toevoegen_5f073', naam);
            -- Default privileges may have granted DML on the new table: nobody but its owner
            -- has any right on a partition (queries go through the parent's rights).
            FOR rol IN
                SELECT DISTINCT pg_get_userbyid(a.grantee) FROM pg_class c,
                       aclexplode(c.relacl) a
                WHERE c.oid = naam::regclass AND a.grantee <> c.relowner AND a.grantee <> 0
            LOOP
                EXECUTE format('REVOKE ALL ON %I FROM %I', naam, rol);
            END LOOP;
            EXECUTE format('REVOKE ALL ON %I FROM PUBLIC', naam);
            RETURN NEXT naam;
        END IF;
        maand := (maand + interval '1 month')::date;
    END LOOP;
END;
$$;

CREATE OR REPLACE FUNCTION audit_verwijder_partities(grens date) RETURNS SETOF text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    naam text;
    einde date;
BEGIN
    IF grens > (current_date - interval '24 months')::date
       AND NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = session_user AND rolsuper) THEN
        RAISE EXCEPTION 'Het audittrail wordt minstens 24 maanden bewaard (grens %)', grens
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    FOR naam IN
        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'audit_auditregel'::regclass
          AND c.relname ~ '^audit_auditregel_p[0-9]{6}$'
        ORDER BY c.relname
    LOOP
        einde := (to_date(right(naam, 6), 'YYYYMM') + interval '1 month')::date;
        IF einde <= grens THEN
            EXECUTE format('DROP TABLE %I', naam);
            RETURN NEXT naam;
        END IF;
    END LOOP;
END;
$$;

REVOKE ALL ON FUNCTION audit_maak_partities(date, date) FROM PUBLIC;
REVOKE ALL ON FUNCTION audit_verwijder_partities(date) FROM PUBLIC;

-- Partitions for every month that holds rows, and the coming year.
SELECT count(*) FROM audit_maak_partities(
    LEAST((SELECT min(op) FROM audit_auditregel_oud)::date, current_date),
    (current_date + interval '12 months')::date
);

INSERT INTO audit_auditregel (id, op, gebruikersnaam, organisatie, rol, actie, traject_id,
    object_type, object_id, categorieen, grondslag, url, toelichting, gebruiker_id)
SELECT id, op, gebruikersnaam, organisatie, rol, actie, traject_id, object_type, object_id,
    categorieen, grondslag, url, toelichting, gebruiker_id FROM audit_auditregel_oud;

DROP TABLE audit_auditregel_oud;

"""


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0006_auditacties_samengevoegd"),
        ("ketenpartners", "0005_inlogteller"),
    ]

    operations = [
        # No way back: a partitioned trail cannot be turned into one table without deleting.
        migrations.RunSQL(VOORUIT, migrations.RunSQL.noop, state_operations=[]),
    ]
