#!/bin/sh
# One-shot service `migrate` of docker-compose.yml (issue 17, docs/security.md "Databaserollen"):
#   1. as the PostgreSQL superuser: create or update the owner and the application role, hand
#      every existing table to the owner;
#   2. as the owner: run the migrations (the tables they create belong to the owner);
#   3. as the superuser again: rights for the new tables; the audit trail stays
#      SELECT/INSERT only for the application.
# web, worker and beat then log in as the application role, which owns nothing.
set -eu
: "${DATABASE_URL_BEHEER:?zet DATABASE_URL_BEHEER (superuser)}"
: "${DATABASE_URL_EIGENAAR:?zet DATABASE_URL_EIGENAAR (eigenaarsrol)}"
DATABASE_URL="$DATABASE_URL_BEHEER" python manage.py maak_databaserollen
DATABASE_URL="$DATABASE_URL_EIGENAAR" python manage.py migrate --no-input
DATABASE_URL="$DATABASE_URL_BEHEER" python manage.py maak_databaserollen
