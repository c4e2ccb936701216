import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/core/db";
import { createScene } from "../../fixtures/factory";
import { insertDosingOrder } from "../../fixtures/journey";

/**
 * The database refuses what the app never does (prisma/migrations/*_more_record_guarantees):
 * raw SQL, as a script or a careless fix would send it, straight to the tables.
 */

const sql = (query: string, ...values: unknown[]) => db().$executeRawUnsafe(query, ...values);
const inAMonth = () => new Date(Date.now() + 30 * 86_400_000);

async function orderScene() {
  const s = await createScene();
  const order = await insertDosingOrder(s, { instructions: "Hold under the tongue for 15 minutes." });
  return { s, order };
}

/** A dosing session of client A with one open record. */
async function recordScene() {
  const s = await createScene();
  const series = await db().series.create({
    data: {
      practiceId: s.practice.id,
      kind: "INDIVIDUAL",
      therapistId: s.therapist.id,
      prescriberId: s.prescriber.id,
      participants: { create: { clientId: s.clientA.id } },
    },
  });
  const startsAt = new Date(Date.now() - 3_600_000);
  const session = await db().session.create({
    data: {
      seriesId: series.id,
      kind: "DOSING",
      sequence: 1,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3 * 3_600_000),
      status: "IN_PROGRESS",
      clinicianId: s.therapist.id,
    },
  });
  const record = await db().dosingRecord.create({ data: { sessionId: session.id, clientId: s.clientA.id } });
  const vital = await db().vitalSign.create({
    data: { dosingRecordId: record.id, takenAt: new Date(), systolic: 128, recordedById: s.therapist.id },
  });
  const event = await db().adverseEvent.create({
    data: {
      dosingRecordId: record.id,
      kind: "NAUSEA_VOMITING",
      severity: "MILD",
      occurredAt: new Date(),
      actionTaken: "Ondansetron given",
      recordedById: s.therapist.id,
    },
  });
  return { s, series, session, record, vital, event };
}

describe("a dosing order is fixed once written; it can only be revoked", () => {
  it("refuses any change to what was ordered", async () => {
    const { s, order } = await orderScene();
    const changes: [string, unknown][] = [
      ['"doseMg" = $1', 400],
      ['"doseMgPerKg" = $1', 0.5],
      ['"weightKg" = $1', 70],
      ['route = $1::"DosingRoute"', "INTRAMUSCULAR"],
      ['"maxDoses" = $1', 12],
      ['"validUntil" = $1', new Date(Date.now() + 365 * 86_400_000)],
      ['"clientId" = $1', s.clientB.id],
      ['"prescriberId" = $1', s.therapist.id],
      ["instructions = $1", "Take two."],
      ['"createdAt" = $1', new Date(0)],
    ];
    for (const [set, value] of changes) {
      await expect(sql(`UPDATE "DosingOrder" SET ${set} WHERE id = $2`, value, order.id)).rejects.toThrow(
        /kapstone: UPDATE on "DosingOrder" is not allowed: it is fixed once made/,
      );
    }
    // Revoking and changing the dose in one statement is refused as a whole.
    await expect(
      sql(
        'UPDATE "DosingOrder" SET "revokedAt" = now(), "revokeReason" = $1, "doseMg" = 400 WHERE id = $2',
        "Replaced by a new order.",
        order.id,
      ),
    ).rejects.toThrow(/fixed once made/);
    // A reason alone, without revoking, is not a revocation.
    await expect(
      sql('UPDATE "DosingOrder" SET "revokeReason" = $1 WHERE id = $2', "Just a note.", order.id),
    ).rejects.toThrow(/only revocation may change it/);
    const saved = await db().dosingOrder.findUniqueOrThrow({ where: { id: order.id } });
    expect(saved.doseMg?.toNumber()).toBe(200);
    expect(saved.revokedAt).toBeNull();
    expect(saved.revokeReason).toBeNull();
  });

  it("allows revocation once, then nothing", async () => {
    const { order } = await orderScene();
    await expect(
      db().dosingOrder.update({
        where: { id: order.id },
        data: { revokedAt: new Date(), revokeReason: "Blood pressure rose at the last dose." },
      }),
    ).resolves.toMatchObject({ revokeReason: "Blood pressure rose at the last dose." });
    await expect(
      sql('UPDATE "DosingOrder" SET "revokeReason" = $1 WHERE id = $2', "A different story.", order.id),
    ).rejects.toThrow(/revoked and fixed/);
    await expect(sql('UPDATE "DosingOrder" SET "revokedAt" = NULL WHERE id = $1', order.id)).rejects.toThrow(
      /revoked and fixed/,
    );
    const saved = await db().dosingOrder.findUniqueOrThrow({ where: { id: order.id } });
    expect(saved.revokedAt).not.toBeNull();
    expect(saved.revokeReason).toBe("Blood pressure rose at the last dose.");
  });

  it("refuses DELETE and TRUNCATE", async () => {
    const { order } = await orderScene();
    await expect(sql('DELETE FROM "DosingOrder" WHERE id = $1', order.id)).rejects.toThrow(
      /revoked, never deleted/,
    );
    await expect(sql('TRUNCATE "DosingOrder" CASCADE')).rejects.toThrow(/revoked, never deleted/);
    expect(await db().dosingOrder.count({ where: { id: order.id } })).toBe(1);
  });
});

describe("a signed release of information keeps its scope; the client may only revoke it", () => {
  async function releaseScene(signed: boolean) {
    const s = await createScene();
    const provider = await db().externalProvider.create({
      data: { practiceId: s.practice.id, clientId: s.clientA.id, name: "Dana Whitfield, LMFT" },
    });
    const other = await db().externalProvider.create({
      data: { practiceId: s.practice.id, clientId: s.clientA.id, name: "Someone Else" },
    });
    const document = await db().consentDocument.create({
      data: {
        practiceId: s.practice.id,
        kind: "RELEASE_OF_INFORMATION",
        version: 1,
        title: "Release",
        body: "I allow my clinic to share…",
      },
    });
    const signature = signed
      ? await db().consentSignature.create({
          data: {
            clientId: s.clientA.id,
            documentId: document.id,
            typedName: "Test Client",
            signedByUserId: s.clientA.userId ?? s.therapist.id,
          },
        })
      : null;
    const release = await db().release.create({
      data: {
        clientId: s.clientA.id,
        externalProviderId: provider.id,
        categories: ["attendance"],
        expiresAt: inAMonth(),
        signatureId: signature?.id ?? null,
      },
    });
    return { s, release, other };
  }

  it("refuses a change to the provider, categories, expiry or signature", async () => {
    const { s, release, other } = await releaseScene(true);
    const changes: [string, unknown][] = [
      ["categories = $1", ["attendance", "treatment-summary", "screening-outcome"]],
      ['"expiresAt" = $1', new Date(Date.now() + 10 * 365 * 86_400_000)],
      ['"externalProviderId" = $1', other.id],
      ['"signatureId" = $1', null],
      ['"clientId" = $1', s.clientB.id],
    ];
    for (const [set, value] of changes) {
      await expect(sql(`UPDATE "Release" SET ${set} WHERE id = $2`, value, release.id)).rejects.toThrow(
        /kapstone: UPDATE on "Release" is not allowed: it is fixed once made/,
      );
    }
    const saved = await db().release.findUniqueOrThrow({ where: { id: release.id } });
    expect(saved).toMatchObject({
      categories: ["attendance"],
      externalProviderId: release.externalProviderId,
    });
  });

  it("allows revocation, then nothing", async () => {
    const { release } = await releaseScene(true);
    await expect(
      db().release.update({ where: { id: release.id }, data: { revokedAt: new Date() } }),
    ).resolves.toMatchObject({ id: release.id });
    await expect(sql('UPDATE "Release" SET "revokedAt" = NULL WHERE id = $1', release.id)).rejects.toThrow(
      /revoked and fixed/,
    );
    expect((await db().release.findUniqueOrThrow({ where: { id: release.id } })).revokedAt).not.toBeNull();
  });

  it("leaves an unsigned release open to change, and refuses DELETE and TRUNCATE either way", async () => {
    const { release } = await releaseScene(false);
    await db().release.update({
      where: { id: release.id },
      data: { categories: ["attendance", "treatment-summary"] },
    });
    await expect(sql('DELETE FROM "Release" WHERE id = $1', release.id)).rejects.toThrow(
      /revoked, never deleted/,
    );
    await expect(sql('TRUNCATE "Release"')).rejects.toThrow(/revoked, never deleted/);
  });
});

describe("vitals and adverse events", () => {
  it("are never hard-deleted, even before the record is signed", async () => {
    const { vital, event } = await recordScene();
    await expect(db().vitalSign.delete({ where: { id: vital.id } })).rejects.toThrow(/never deleted/);
    await expect(db().adverseEvent.delete({ where: { id: event.id } })).rejects.toThrow(/never deleted/);
    await expect(sql('TRUNCATE "VitalSign"')).rejects.toThrow(/never deleted/);
    await expect(sql('TRUNCATE "AdverseEvent"')).rejects.toThrow(/never deleted/);
    expect(await db().vitalSign.count({ where: { id: vital.id } })).toBe(1);
    expect(await db().adverseEvent.count({ where: { id: event.id } })).toBe(1);
  });

  it("can be reviewed while the record is open, and never change once it is signed", async () => {
    const { s, record, vital, event } = await recordScene();
    await db().adverseEvent.update({
      where: { id: event.id },
      data: { reviewedAt: new Date(), reviewedById: s.prescriber.id },
    });
    await db().dosingRecord.update({
      where: { id: record.id },
      data: { status: "SIGNED", signedAt: new Date(), signedById: s.prescriber.id },
    });
    await expect(sql('UPDATE "VitalSign" SET systolic = 110 WHERE id = $1', vital.id)).rejects.toThrow(
      /the dosing record is signed/,
    );
    await expect(
      sql('UPDATE "AdverseEvent" SET severity = \'SEVERE\'::"Severity" WHERE id = $1', event.id),
    ).rejects.toThrow(/the dosing record is signed/);
    await expect(sql('DELETE FROM "VitalSign" WHERE id = $1', vital.id)).rejects.toThrow(
      /signed|never deleted/,
    );
  });

  it("cannot be moved off a signed record onto an open one", async () => {
    const { s, session, record, vital, event } = await recordScene();
    await db().dosingRecord.update({
      where: { id: record.id },
      data: { status: "SIGNED", signedAt: new Date(), signedById: s.prescriber.id },
    });
    // An open record of client B in the same session.
    await db().seriesParticipant.create({ data: { seriesId: session.seriesId, clientId: s.clientB.id } });
    const open = await db().dosingRecord.create({ data: { sessionId: session.id, clientId: s.clientB.id } });
    await expect(
      sql('UPDATE "VitalSign" SET "dosingRecordId" = $1 WHERE id = $2', open.id, vital.id),
    ).rejects.toThrow(/the dosing record is signed/);
    await expect(
      sql('UPDATE "AdverseEvent" SET "dosingRecordId" = $1 WHERE id = $2', open.id, event.id),
    ).rejects.toThrow(/the dosing record is signed/);
    expect((await db().vitalSign.findUniqueOrThrow({ where: { id: vital.id } })).dosingRecordId).toBe(
      record.id,
    );
  });
});
