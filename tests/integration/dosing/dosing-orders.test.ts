import { describe, expect, it } from "vitest";
import { addCalendarDays, localDateOf } from "@/lib/domain/core/zoned-time";
import type { AppError } from "@/lib/errors";
import { db } from "@/lib/server/core/db";
import { beginDosingDay } from "@/lib/server/dosing/dosing-day";
import { createDosingOrder } from "@/lib/server/dosing/dosing-orders";
import { submitChecklist } from "@/lib/server/dosing/go-no-go";
import { recordDose } from "@/lib/server/dosing/record-dose";
import { codeOf } from "../../fixtures/errors";
import { createScene, sql, TZ } from "../../fixtures/factory";
import { askPreDoseMeasures, GOOD, insertDosingOrder, readyForDose, recordOf } from "../../fixtures/journey";
import { ownerSql } from "../../fixtures/owner";

async function orderScene() {
  const s = await createScene();
  const order = await insertDosingOrder(s, { instructions: "Hold under the tongue for 15 minutes." });
  return { s, order };
}

describe("dosing orders", () => {
  it("only prescribers write orders, for eligible clients, and a date means the end of that local day", async () => {
    const { s } = await readyForDose();
    const order = {
      route: "SUBLINGUAL" as const,
      doseMg: 200,
      maxDoses: 6,
      validUntil: addCalendarDays(localDateOf(new Date(), TZ), 30),
    };
    expect(await createDosingOrder(s.actors.therapist, { clientId: s.clientA.id, order }).catch(codeOf)).toBe(
      "FORBIDDEN",
    );
    expect(await createDosingOrder(s.actors.clientA, { clientId: s.clientA.id, order }).catch(codeOf)).toBe(
      "FORBIDDEN",
    );
    expect(
      await createDosingOrder(s.actors.prescriber, { clientId: s.clientB.id, order }).catch(codeOf),
    ).toBe("NOT_FOUND");
    const both = await createDosingOrder(s.actors.prescriber, {
      clientId: s.clientA.id,
      order: { ...order, doseMgPerKg: 0.5, weightKg: 70 },
    }).catch((e: AppError) => e.fieldErrors);
    expect(both).toHaveProperty(["order.doseMg"]);
    const { orderId } = await createDosingOrder(s.actors.prescriber, { clientId: s.clientA.id, order });
    const saved = await db().dosingOrder.findUniqueOrThrow({ where: { id: orderId } });
    expect(localDateOf(saved.validUntil, TZ)).toBe(order.validUntil);
    expect(await db().auditEvent.count({ where: { recordId: orderId, action: "dosing_order.create" } })).toBe(
      1,
    );
  });
});

describe("an order's maximum doses", () => {
  it("holds when a dose is recorded while another against the same order is being written", async () => {
    const { s, dose } = await readyForDose();
    const { orderId } = await createDosingOrder(s.actors.prescriber, {
      clientId: s.clientA.id,
      order: {
        route: "SUBLINGUAL",
        doseMg: 200,
        maxDoses: 1,
        validUntil: addCalendarDays(localDateOf(new Date(), TZ), 30),
      },
    });
    await beginDosingDay(s.actors.therapist, dose.id);
    const first = await recordOf(dose.id);
    // The dose needs its pre-dose questionnaires (docs/clinical-rules.md §4).
    await askPreDoseMeasures(s, first.id);
    await submitChecklist(s.actors.therapist, {
      recordId: first.id,
      version: first.version,
      checklist: GOOD,
    });
    // A second open record for the same client, its checklist passed too (another dosing session).
    const passed = await recordOf(dose.id);
    const dose2 = await db().session.findFirstOrThrow({
      where: { seriesId: dose.seriesId, kind: "DOSING", sequence: 2 },
    });
    const second = await db().dosingRecord.create({
      data: {
        sessionId: dose2.id,
        clientId: s.clientA.id,
        checklist: passed.checklist ?? undefined,
        checklistPassed: true,
      },
    });
    // Another dose against the order is being written (as recordDose writes one: order row locked first).
    let finishOther!: () => void;
    const otherWriting = new Promise<void>((resolve) => {
      finishOther = resolve;
    });
    const otherDose = db().$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT 1 FROM "DosingOrder" WHERE "id" = ${orderId} FOR UPDATE`;
        await tx.dosingRecord.update({
          where: { id: second.id },
          data: { orderId, doseMg: 200, route: "SUBLINGUAL", doseGivenAt: new Date(Date.now() - 60_000) },
        });
        await otherWriting;
      },
      { timeout: 20_000 },
    );
    const mine = recordDose(s.actors.therapist, {
      recordId: passed.id,
      version: passed.version,
      orderId,
      mg: 200,
      route: "SUBLINGUAL",
      lotNumber: "KT-2",
      givenAt: new Date(Date.now() - 60_000),
    }).then(
      () => "given",
      (e: unknown) => codeOf(e),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    finishOther();
    await otherDose;
    // Refused either way: the order is used up, and the re-check at the dose (docs/clinical-rules.md
    // §3) also sees the other dose, given a minute ago without an integration session since.
    expect(["VALIDATION", "BLOCKED"]).toContain(await mine);
    expect(await db().dosingRecord.count({ where: { orderId, doseGivenAt: { not: null } } })).toBe(1);
  });
});

/**
 * The database refuses what the app never does (prisma/migrations/*_more_record_guarantees):
 * raw SQL, as a script or a careless fix would send it, straight to the table.
 */
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

  it("refuses DELETE and TRUNCATE: to the app's role by its privileges, to the owner by the triggers", async () => {
    const { order } = await orderScene();
    await expect(sql('DELETE FROM "DosingOrder" WHERE id = $1', order.id)).rejects.toThrow(
      /permission denied/,
    );
    await expect(sql('TRUNCATE "DosingOrder" CASCADE')).rejects.toThrow(/permission denied/);
    await expect(ownerSql('DELETE FROM "DosingOrder" WHERE id = $1', order.id)).rejects.toThrow(
      /revoked, never deleted/,
    );
    await expect(ownerSql('TRUNCATE "DosingOrder" CASCADE')).rejects.toThrow(/revoked, never deleted/);
    expect(await db().dosingOrder.count({ where: { id: order.id } })).toBe(1);
  });
});
