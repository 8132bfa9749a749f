-- An instance running as compliance_app with Database:MigrateOnStart=false checks, before it
-- serves, that the schema is the one its build expects: it reads the migration ledger, nothing more.
GRANT SELECT ON schema_migrations TO compliance_app;
