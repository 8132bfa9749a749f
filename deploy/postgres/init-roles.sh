#!/usr/bin/env bash
# Runs once, when the PostgreSQL container initialises an empty data directory (docker-entrypoint-initdb.d).
# The service logs in as compliance_api, a member of compliance_app: the role the migrations grant
# table rights to (read and append the audit log, never change it). Only compliance_owner changes the schema.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v api_password="$COMPLIANCE_API_PASSWORD" <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'compliance_app') THEN
    CREATE ROLE compliance_app NOLOGIN;
  END IF;
END $$;
CREATE ROLE compliance_api LOGIN IN ROLE compliance_app PASSWORD :'api_password';
SQL
