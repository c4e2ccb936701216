import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/core/db";
import { completeRecord } from "@/lib/server/dosing/record-closing";
import { dosingScene } from "../../fixtures/journey";

describe("completing the last record completes the session", () => {
  it("writes an audit row for the session it completes", async () => {
    const { s, session, records } = await dosingScene();
    const [open] = records;
    if (!open) throw new Error("no record");
    await completeRecord(s.actors.therapist, { recordId: open.id, version: open.version });
    expect((await db().session.findUniqueOrThrow({ where: { id: session.id } })).status).toBe("COMPLETED");
    const rows = await db().auditEvent.findMany({
      where: { recordId: session.id, action: "session.complete" },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      recordType: "Session",
      clientId: s.clientA.id,
      actorUserId: s.therapist.id,
      actorRole: "THERAPIST",
      outcome: "OK",
    });
  });

  it("for a couple, completes the session (and audits it for both) only when both records are complete", async () => {
    const { s, session, records } = await dosingScene("COUPLE");
    const [a, b] = records;
    if (!a || !b) throw new Error("no records");
    await completeRecord(s.actors.therapist, { recordId: a.id, version: a.version });
    expect((await db().session.findUniqueOrThrow({ where: { id: session.id } })).status).toBe("IN_PROGRESS");
    expect(await db().auditEvent.count({ where: { recordId: session.id, action: "session.complete" } })).toBe(
      0,
    );
    await completeRecord(s.actors.therapist, { recordId: b.id, version: b.version });
    expect((await db().session.findUniqueOrThrow({ where: { id: session.id } })).status).toBe("COMPLETED");
    const rows = await db().auditEvent.findMany({
      where: { recordId: session.id, action: "session.complete" },
    });
    expect(rows.map((r) => r.clientId).sort()).toEqual([s.clientA.id, s.clientB.id].sort());
  });

  it("for a couple whose records are completed at the same moment, still completes the session", async () => {
    for (let i = 0; i < 8; i++) {
      const { s, session, records } = await dosingScene("COUPLE");
      await Promise.all(
        records.map((r) => completeRecord(s.actors.therapist, { recordId: r.id, version: r.version })),
      );
      expect((await db().session.findUniqueOrThrow({ where: { id: session.id } })).status).toBe("COMPLETED");
    }
  });
});
