"""The audit trail cannot be emptied or its guard switched off by replication mode (issue 17).

- `audit_niet_legen`: a BEFORE TRUNCATE guard (TRUNCATE fires no row triggers, so the
  UPDATE/DELETE guard did not see it). Only a superuser passes - he can drop any trigger anyway;
  the test suite's flush runs as one. Written in plain SQL, not pgtrigger, so that the
  `pgtrigger.ignore` session variable (settable by any role) cannot switch it off.
- Both guards are `ENABLE ALWAYS`: they fire also under `session_replication_role = replica`.
  Note: pgtrigger re-creates its trigger only when its definition changes; a migration that
  does so must repeat the `ENABLE ALWAYS` (tests/audit/test_databaserollen.py checks it).
"""

from django.db import migrations

VOORUIT = """
CREATE OR REPLACE FUNCTION audit_weiger_legen() RETURNS trigger AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND rolsuper) THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'Het audittrail (%) kan niet worden geleegd', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS audit_niet_legen ON audit_auditregel;
CREATE TRIGGER audit_niet_legen BEFORE TRUNCATE ON audit_auditregel
    FOR EACH STATEMENT EXECUTE FUNCTION audit_weiger_legen();

ALTER TABLE audit_auditregel ENABLE ALWAYS TRIGGER audit_niet_legen;
ALTER TABLE audit_auditregel ENABLE ALWAYS TRIGGER pgtrigger_audit_alleen_toevoegen_5f073;
"""

ACHTERUIT = """
ALTER TABLE audit_auditregel ENABLE TRIGGER pgtrigger_audit_alleen_toevoegen_5f073;
DROP TRIGGER IF EXISTS audit_niet_legen ON audit_auditregel;
DROP FUNCTION IF EXISTS audit_weiger_legen();
"""


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_bsn_gezocht")]

    operations = [migrations.RunSQL(VOORUIT, ACHTERUIT)]
