#!/bin/bash
# Runs once, when the postgres container initialises an empty data volume (docker-entrypoint-initdb.d): creates the
# role `ticker` with the password from TICKER_DB_PASSWORD and one database per service, owned by it. Each service
# creates its own schema with Flyway at start-up.
set -euo pipefail
: "${TICKER_DB_PASSWORD:?TICKER_DB_PASSWORD must be set}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  --set=ticker_password="$TICKER_DB_PASSWORD" <<'SQL'
CREATE ROLE ticker LOGIN PASSWORD :'ticker_password';
CREATE DATABASE ingest OWNER ticker;
CREATE DATABASE timeline OWNER ticker;
CREATE DATABASE analysis OWNER ticker;
REVOKE ALL ON DATABASE ingest, timeline, analysis FROM PUBLIC;
SQL
