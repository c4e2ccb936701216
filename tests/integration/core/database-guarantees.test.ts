import { PrismaPg } from "@prisma/adapter-pg";
import { describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseRoleWarnings } from "@/lib/server/core/database-role";
import { db } from "@/lib/server/core/db";
import { createScene, sql } from "../../fixtures/factory";
import { ownerSql } from "../../fixtures/owner";

/**
 * Tables that hold no clinical record (docs/security.md S11). Every other table is clinical: it
 * refuses TRUNCATE by trigger, and the app's role may not delete from it. A new table is
 * clinical until it is added here on purpose.
 */
const NON_CLINICAL = [
  "_prisma_migrations",
  "AuthSession",
  "CalendarFeed",
  "DenialThrottle",
  "Invitation",
  "MfaRecoveryCode",
  "NoteTemplate",
  "OutboxMessage",
  "PasswordReset",
  "Practice",
  "ProtocolTemplate",
  "SignInThrottle",
  "StaffLicence",
  "StaffProfile",
  "User",
];
/** The only tables the app deletes from (lib/server/auth/sign-in.ts, lib/server/admin/staff-licences.ts). */
const APP_DELETES_FROM = ["MfaRecoveryCode", "SignInThrottle", "StaffLicence"];

async function publicTables() {
  const { rows } = await ownerSql(
    "SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  return rows.map((r: { name: string }) => r.name);
}

describe("database guarantees", () => {
  it("refuses UPDATE, DELETE and TRUNCATE on the audit trail, to the app's role and to the owner", async () => {
    const row = await db().auditEvent.create({ data: { action: "test.write", outcome: "OK" } });
    await expect(
      db().auditEvent.update({ where: { id: row.id }, data: { action: "tampered" } }),
    ).rejects.toThrow(/append-only/);
    await expect(db().auditEvent.delete({ where: { id: row.id } })).rejects.toThrow(/permission denied/);
    await expect(
      db().$executeRawUnsafe('UPDATE "AuditEvent" SET action = $1 WHERE id = $2', "x", row.id),
    ).rejects.toThrow(/append-only/);
    await expect(db().$executeRawUnsafe('TRUNCATE "AuditEvent"')).rejects.toThrow(/permission denied/);
    for (const statement of [
      `UPDATE "AuditEvent" SET action = 'tampered' WHERE id = $1`,
      'DELETE FROM "AuditEvent" WHERE id = $1',
    ]) {
      await expect(ownerSql(statement, row.id)).rejects.toThrow(/append-only/);
    }
    await expect(ownerSql('TRUNCATE "AuditEvent"')).rejects.toThrow(/append-only/);
    const again = await db().auditEvent.findUniqueOrThrow({ where: { id: row.id } });
    expect(again.action).toBe("test.write");
  });

  it("keeps a signed screening fixed", async () => {
    const s = await createScene();
    const screening = await db().screening.create({
      data: {
        practiceId: s.practice.id,
        clientId: s.clientA.id,
        status: "SIGNED",
        decision: "ELIGIBLE",
        rationale: "ok",
        prescriberId: s.prescriber.id,
        signedAt: new Date(),
      },
    });
    await expect(
      db().screening.update({ where: { id: screening.id }, data: { rationale: "changed" } }),
    ).rejects.toThrow(/fixed/);
  });

  it("never hard-deletes clinical records", async () => {
    const s = await createScene();
    await expect(db().client.delete({ where: { id: s.clientB.id } })).rejects.toThrow(/permission denied/);
    await expect(ownerSql('DELETE FROM "Client" WHERE id = $1', s.clientB.id)).rejects.toThrow(
      /soft-deleted/,
    );
    const soft = await db().client.update({
      where: { id: s.clientB.id },
      data: { deletedAt: new Date(), deletedById: s.admin.id, deleteReason: "duplicate record" },
    });
    expect(soft.deletedAt).not.toBeNull();
  });

  it("rejects a session that ends before it starts", async () => {
    const s = await createScene();
    const series = await db().series.create({
      data: { practiceId: s.practice.id, kind: "INDIVIDUAL", therapistId: s.therapist.id },
    });
    const start = new Date("2027-01-01T17:00:00Z");
    await expect(
      db().session.create({
        data: {
          seriesId: series.id,
          kind: "PREPARATION",
          startsAt: start,
          endsAt: start,
          clinicianId: s.therapist.id,
        },
      }),
    ).rejects.toThrow();
  });
});

describe("the app's database role (docs/security.md S11)", () => {
  it("is kapstone_app: no superuser, no role or database creation, owner of nothing", async () => {
    const [me] = await db().$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT current_user::text AS name, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls,
              (SELECT count(*)::int FROM pg_class WHERE relowner = r.oid) AS owns_relations,
              (SELECT count(*)::int FROM pg_namespace WHERE nspowner = r.oid) AS owns_schemas,
              (SELECT count(*)::int FROM pg_proc WHERE proowner = r.oid) AS owns_functions
         FROM pg_roles r WHERE rolname = current_user`,
    );
    expect(me).toEqual({
      name: "kapstone_app",
      rolsuper: false,
      rolcreaterole: false,
      rolcreatedb: false,
      rolbypassrls: false,
      owns_relations: 0,
      owns_schemas: 0,
      owns_functions: 0,
    });
  });

  it("is not warned about at start-up; an app connected as the owner is", async () => {
    expect(await databaseRoleWarnings()).toEqual([]);
    const asOwner = new PrismaClient({
      adapter: new PrismaPg({ connectionString: process.env.KAPSTONE_TEST_OWNER_DATABASE_URL, max: 1 }),
    });
    try {
      const [warning] = await databaseRoleWarnings(asOwner);
      expect(warning).toMatch(/"kapstone_owner" owns \d+ of Kapstone's tables.*could disable the triggers/);
    } finally {
      await asOwner.$disconnect();
    }
  });

  it("cannot disable the audit trigger or set triggers aside for its session", async () => {
    for (const statement of [
      'ALTER TABLE "AuditEvent" DISABLE TRIGGER audit_event_append_only',
      'ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL',
      'DROP TRIGGER audit_event_append_only ON "AuditEvent"',
    ]) {
      await expect(sql(statement), statement).rejects.toThrow(/must be owner/);
    }
    await expect(
      db().$transaction(async (tx) => {
        await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
      }),
    ).rejects.toThrow(/permission denied/);
    const [trigger] = await db().$queryRawUnsafe<{ tgenabled: string }[]>(
      `SELECT tgenabled::text AS tgenabled FROM pg_trigger WHERE tgname = 'audit_event_append_only'`,
    );
    expect(trigger?.tgenabled).toBe("O");
  });

  it("cannot delete audit rows or truncate notes; the owner meets the triggers instead", async () => {
    const row = await db().auditEvent.create({ data: { action: "test.role", outcome: "OK" } });
    await expect(sql('DELETE FROM "AuditEvent" WHERE id = $1', row.id)).rejects.toThrow(/permission denied/);
    await expect(sql('TRUNCATE "Note"')).rejects.toThrow(/permission denied/);
    await expect(sql('TRUNCATE "Note" CASCADE')).rejects.toThrow(/permission denied/);
    await expect(ownerSql('TRUNCATE "Note" CASCADE')).rejects.toThrow(/never deleted/);
    expect(await db().auditEvent.count({ where: { id: row.id } })).toBe(1);
  });

  it("cannot create a table, a function, a schema or a temporary table", async () => {
    for (const statement of [
      "CREATE TABLE app_made (id int)",
      "CREATE TABLE pgboss.app_made (id int)",
      "CREATE FUNCTION app_made() RETURNS int LANGUAGE sql AS 'SELECT 1'",
      "CREATE SCHEMA app_made",
      "CREATE TEMPORARY TABLE app_made (id int)",
      'ALTER TABLE "Note" ADD COLUMN app_made int',
      'CREATE INDEX app_made ON "Note" (id)',
    ]) {
      await expect(sql(statement), statement).rejects.toThrow(/permission denied|must be owner/);
    }
  });

  it("cannot delete from or truncate any clinical table, nor read the migrations' record", async () => {
    const clinical = (await publicTables()).filter((t) => !NON_CLINICAL.includes(t));
    expect(clinical).toEqual(expect.arrayContaining(["Client", "Note", "AuditEvent", "DosingRecord"]));
    for (const table of clinical) {
      await expect(sql(`DELETE FROM "${table}" WHERE false`), table).rejects.toThrow(/permission denied/);
      await expect(sql(`TRUNCATE "${table}"`), table).rejects.toThrow(/permission denied/);
    }
    await expect(sql('SELECT 1 FROM "_prisma_migrations"')).rejects.toThrow(/permission denied/);
  });

  it("may delete only from the non-clinical tables the code clears, and truncate none", async () => {
    const rows = await db().$queryRawUnsafe<{ table: string; privilege: string }[]>(
      `SELECT table_name::text AS table, privilege_type::text AS privilege
         FROM information_schema.role_table_grants
        WHERE grantee = 'kapstone_app' AND table_schema = 'public'
          AND privilege_type NOT IN ('SELECT', 'INSERT', 'UPDATE')`,
    );
    expect(rows.filter((r) => r.privilege !== "DELETE")).toEqual([]);
    expect(rows.map((r) => r.table).sort()).toEqual(APP_DELETES_FROM);
  });

  it("every clinical table refuses TRUNCATE by trigger, so the owner cannot empty it either", async () => {
    const clinical = (await publicTables()).filter((t) => !NON_CLINICAL.includes(t));
    const { rows } = await ownerSql(
      // tgtype bit 5 (32): a TRUNCATE trigger.
      `SELECT DISTINCT c.relname::text AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        WHERE NOT t.tgisinternal AND t.tgenabled = 'O' AND (t.tgtype & 32) <> 0`,
    );
    const guarded = rows.map((r: { name: string }) => r.name);
    expect(clinical.filter((t) => !guarded.includes(t))).toEqual([]);
    for (const table of ["Note", "Client", "Screening", "Session", "ConsentSignature"]) {
      await expect(ownerSql(`TRUNCATE "${table}" CASCADE`), table).rejects.toThrow(
        /never deleted|not allowed/,
      );
    }
  });
});
