-- The app's own database role, kapstone_app (docs/security.md S11). Migrations run as the owner
-- role (MIGRATION_DATABASE_URL), which owns every table, function and trigger; the app connects
-- as kapstone_app (DATABASE_URL) and may only read and write rows: no DDL, no TRUNCATE, no
-- trigger control, and DELETE only on the few non-clinical tables the code deletes from.
-- The README ("Running in production against a managed PostgreSQL") says how to create the roles.

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'kapstone_app') THEN
    BEGIN
      CREATE ROLE kapstone_app NOLOGIN;
    EXCEPTION
      WHEN insufficient_privilege THEN
        RAISE EXCEPTION 'kapstone: create the role kapstone_app before migrating (see the README)';
      WHEN duplicate_object OR unique_violation THEN
        NULL;
    END;
  END IF;
  IF current_user = 'kapstone_app' THEN
    RAISE EXCEPTION 'kapstone: run migrations as the owner role (MIGRATION_DATABASE_URL), not as kapstone_app';
  END IF;
  IF (SELECT rolsuper OR rolbypassrls OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = 'kapstone_app') THEN
    RAISE EXCEPTION 'kapstone: kapstone_app must not be a superuser or create roles or databases';
  END IF;
  IF pg_has_role('kapstone_app', current_user, 'MEMBER') THEN
    RAISE EXCEPTION 'kapstone: kapstone_app must not be a member of the owner role %', current_user;
  END IF;
END
$$;

-- Nobody but the owner creates objects in the schema or temporary tables in the database.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
DO $$
BEGIN
  EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
END
$$;

-- Rows: read, add and change on every table, now and (default privileges of the role that runs
-- the migrations) every table a later migration creates. No DELETE, no TRUNCATE.
GRANT USAGE ON SCHEMA public TO kapstone_app;
GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO kapstone_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO kapstone_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE ON TABLES TO kapstone_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO kapstone_app;
-- Prisma's record of applied migrations is the owner's alone.
REVOKE ALL ON "_prisma_migrations" FROM kapstone_app;

-- DELETE only where the code deletes, and never on a clinical table: sign-in throttles are
-- cleared after a good sign-in (lib/server/auth/sign-in.ts, lib/server/auth/two-step.ts), a
-- prescriber's licences are replaced as a set (lib/server/admin/staff-licences.ts).
GRANT DELETE ON "SignInThrottle", "StaffLicence" TO kapstone_app;

-- The job queue (prisma/migrations/20261204130300_job_queue_schema) is not clinical: pg-boss
-- deletes finished jobs and archives old ones, so the app may delete there.
GRANT USAGE ON SCHEMA pgboss TO kapstone_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO kapstone_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA pgboss GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO kapstone_app;
