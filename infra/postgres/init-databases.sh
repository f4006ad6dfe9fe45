#!/bin/bash
# Runs once, when the PostgreSQL container initialises an empty data directory
# (/docker-entrypoint-initdb.d): one database per service, owned by the application user.
# Each service creates its own tables with Flyway on start.
set -euo pipefail

for db in budget_command budget_query budget_scoring; do
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
SELECT 'CREATE DATABASE $db OWNER "$POSTGRES_USER"'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$db')\gexec
SQL
done

# command-service runs as budget_command_app, not as the owner of its tables: the owner ($POSTGRES_USER)
# runs the Flyway migrations (SPRING_FLYWAY_USER), the service gets plain DML on the tables the owner
# creates, and migration V4 revokes UPDATE, DELETE and TRUNCATE on the event store (domain_event_entry)
# from every role. So the service's own connection cannot change a stored event, and cannot disable the
# table's append-only trigger either (only an owner can). Tamper evidence: docs/decisions.md.
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
     -v app_password="$BUDGET_COMMAND_APP_PASSWORD" <<'SQL'
SELECT 'CREATE ROLE budget_command_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE'
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'budget_command_app')\gexec
ALTER ROLE budget_command_app PASSWORD :'app_password';
GRANT CONNECT ON DATABASE budget_command TO budget_command_app;
SQL
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname budget_command <<SQL
GRANT USAGE ON SCHEMA public TO budget_command_app;
ALTER DEFAULT PRIVILEGES FOR ROLE "$POSTGRES_USER" IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO budget_command_app;
ALTER DEFAULT PRIVILEGES FOR ROLE "$POSTGRES_USER" IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO budget_command_app;
SQL
