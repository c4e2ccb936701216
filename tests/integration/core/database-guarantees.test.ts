import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/core/db";
import { createScene } from "../../fixtures/factory";

describe("database guarantees", () => {
  it("refuses UPDATE, DELETE and TRUNCATE on the audit trail", async () => {
    const row = await db().auditEvent.create({ data: { action: "test.write", outcome: "OK" } });
    await expect(
      db().auditEvent.update({ where: { id: row.id }, data: { action: "tampered" } }),
    ).rejects.toThrow(/append-only/);
    await expect(db().auditEvent.delete({ where: { id: row.id } })).rejects.toThrow(/append-only/);
    await expect(
      db().$executeRawUnsafe('UPDATE "AuditEvent" SET action = $1 WHERE id = $2', "x", row.id),
    ).rejects.toThrow(/append-only/);
    await expect(db().$executeRawUnsafe('TRUNCATE "AuditEvent"')).rejects.toThrow(/append-only/);
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
    await expect(db().client.delete({ where: { id: s.clientB.id } })).rejects.toThrow(/soft-deleted/);
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
