import { describe, expect, it } from "vitest";
import { addCalendarDays, localDateOf } from "@/lib/domain/core/zoned-time";
import { AppError } from "@/lib/errors";
import {
  ALREADY_RECORDED,
  isRecordGuaranteeViolation,
  isUniqueViolation,
  RECORD_FIXED,
} from "@/lib/server/core/database-errors";
import { db } from "@/lib/server/core/db";
import { transaction } from "@/lib/server/core/transaction";
import { beginDosingDay } from "@/lib/server/dosing/dosing-day";
import { revokeDosingOrder } from "@/lib/server/dosing/dosing-orders";
import { appErrorOf, failureOf } from "../../fixtures/errors";
import { TZ } from "../../fixtures/factory";
import {
  createDefaultTemplate,
  createWeeklySeries,
  dosingScene,
  insertDosingOrder,
  sceneWithConsents,
  screenClientA,
} from "../../fixtures/journey";

describe("double submits and late writes answer CONFLICT, never a server error", () => {
  it("recognises a unique-constraint race and a refused change to a signed record", async () => {
    const { s, session, records } = await dosingScene();
    const [open] = records;
    if (!open) throw new Error("no record");
    const duplicate = () =>
      db().$transaction((tx) =>
        tx.dosingRecord.create({ data: { sessionId: session.id, clientId: s.clientA.id } }),
      );
    const raw = await failureOf(duplicate());
    expect(isUniqueViolation(raw)).toBe(true);
    expect(isRecordGuaranteeViolation(raw)).toBe(false);
    const unique = await appErrorOf(transaction(null, () => duplicate()));
    expect(unique).toMatchObject({ code: "CONFLICT", message: ALREADY_RECORDED });
    expect(ALREADY_RECORDED).toBe("This was already recorded; reload to see it.");

    await db().dosingRecord.update({
      where: { id: open.id },
      data: { status: "SIGNED", signedAt: new Date(), signedById: s.prescriber.id },
    });
    const late = () =>
      db().vitalSign.create({
        data: { dosingRecordId: open.id, takenAt: new Date(), systolic: 120, recordedById: s.therapist.id },
      });
    const refused = await failureOf(late());
    expect(isRecordGuaranteeViolation(refused)).toBe(true);
    expect(isUniqueViolation(refused)).toBe(false);
    expect(await appErrorOf(transaction(null, () => late()))).toMatchObject({
      code: "CONFLICT",
      message: RECORD_FIXED,
    });

    // Anything else passes through untouched.
    const missing = () =>
      db().vitalSign.create({
        data: { dosingRecordId: "nosuchrecord", takenAt: new Date(), recordedById: s.therapist.id },
      });
    const other = await failureOf(transaction(null, () => missing()));
    expect(other).not.toBeInstanceOf(AppError);
    expect(isUniqueViolation(other) || isRecordGuaranteeViolation(other)).toBe(false);
  });

  it("revoking an order twice at once revokes it once and answers CONFLICT to the second", async () => {
    const { s } = await dosingScene();
    const order = await insertDosingOrder(s);
    const input = { orderId: order.id, reason: "Blood pressure rose at the last dose." };
    const results = await Promise.allSettled([
      revokeDosingOrder(s.actors.prescriber, input),
      revokeDosingOrder(s.actors.prescriber, input),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.find((r) => r.status === "rejected");
    expect(failed?.status === "rejected" && failed.reason instanceof AppError && failed.reason.code).toBe(
      "CONFLICT",
    );
    expect(
      await db().auditEvent.count({ where: { recordId: order.id, action: "dosing_order.revoke" } }),
    ).toBe(1);
  });

  it("a double click on 'begin the dosing day' starts it once and opens one record", async () => {
    const s = await sceneWithConsents();
    const template = await createDefaultTemplate(s);
    await screenClientA(s);
    const { seriesId } = await createWeeklySeries(
      s,
      template.id,
      addCalendarDays(localDateOf(new Date(), TZ), 1),
    );
    // The preparation sessions took place (marked directly: they are scheduled from tomorrow).
    await db().session.updateMany({
      where: { seriesId, kind: "PREPARATION" },
      data: { status: "COMPLETED" },
    });
    const dose = await db().session.findFirstOrThrow({ where: { seriesId, kind: "DOSING", sequence: 1 } });
    const results = await Promise.allSettled([
      beginDosingDay(s.actors.therapist, dose.id),
      beginDosingDay(s.actors.therapist, dose.id),
    ]);
    expect(results.map((r) => (r.status === "rejected" ? String(r.reason) : "ok"))).toEqual(["ok", "ok"]);
    expect((await db().session.findUniqueOrThrow({ where: { id: dose.id } })).status).toBe("IN_PROGRESS");
    expect(await db().dosingRecord.count({ where: { sessionId: dose.id } })).toBe(1);
    expect(await db().auditEvent.count({ where: { recordId: dose.id, action: "session.start" } })).toBe(1);
  });
});
