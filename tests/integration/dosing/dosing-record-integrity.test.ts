import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
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
import { addDosingAddendum, beginDosingDay, getDosingDay } from "@/lib/server/dosing/dosing-day";
import { createDosingOrder, listClientOrders, revokeDosingOrder } from "@/lib/server/dosing/dosing-orders";
import { overrideChecklist, submitChecklist } from "@/lib/server/dosing/go-no-go";
import { addAdverseEvent, addVitals, reviewAdverseEvent } from "@/lib/server/dosing/monitoring";
import { completeRecord, recordDischarge, signRecord } from "@/lib/server/dosing/record-closing";
import { recordDose } from "@/lib/server/dosing/record-dose";
import { createScene } from "../../fixtures/factory";
import {
  createDefaultTemplate,
  createWeeklySeries,
  insertDosingOrder,
  sceneWithConsents,
  screenClientA,
} from "../../fixtures/journey";

const TZ = "America/Los_Angeles";

/** What a call failed with: the AppError, or the unexpected error itself. */
const failureOf = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: unknown) => e,
  );

async function appErrorOf(p: Promise<unknown>): Promise<AppError> {
  const e = await failureOf(p);
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`);
  return e;
}

/**
 * A dosing session in progress with an open record per client, built directly: the
 * therapist and the prescriber are on every client's care team.
 */
async function dosingScene(kind: "INDIVIDUAL" | "COUPLE" = "INDIVIDUAL") {
  const s = await createScene();
  const clients = kind === "COUPLE" ? [s.clientA, s.clientB] : [s.clientA];
  for (const c of clients) {
    for (const [userId, role] of [
      [s.therapist.id, "THERAPIST"],
      [s.prescriber.id, "PRESCRIBER"],
    ] as const) {
      await db().careTeamMember.upsert({
        where: { clientId_userId: { clientId: c.id, userId } },
        create: { clientId: c.id, userId, role },
        update: {},
      });
    }
  }
  const series = await db().series.create({
    data: {
      practiceId: s.practice.id,
      kind,
      status: "ACTIVE",
      therapistId: s.therapist.id,
      prescriberId: s.prescriber.id,
      participants: { create: clients.map((c) => ({ clientId: c.id })) },
    },
  });
  const startsAt = new Date(Date.now() - 3 * 3_600_000);
  const session = await db().session.create({
    data: {
      seriesId: series.id,
      kind: "DOSING",
      sequence: 1,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 4 * 3_600_000),
      status: "IN_PROGRESS",
      clinicianId: s.therapist.id,
    },
  });
  const records = [];
  for (const c of clients) {
    records.push(await db().dosingRecord.create({ data: { sessionId: session.id, clientId: c.id } }));
  }
  return { s, session, records };
}

const recordNow = (id: string) => db().dosingRecord.findUniqueOrThrow({ where: { id } });

async function addEvent(actor: Actor, recordId: string, kind: "NAUSEA_VOMITING" | "AGITATION") {
  await addAdverseEvent(actor, {
    recordId,
    kind,
    severity: "MILD",
    occurredAt: new Date(Date.now() - 30 * 60_000),
    actionTaken: "Reassurance and a cool cloth.",
  });
}

describe("adverse events are reviewed before the record is signed", () => {
  it("refuses to sign while an event is unreviewed, saying how many are left", async () => {
    const { s, records } = await dosingScene();
    const [open] = records;
    if (!open) throw new Error("no record");
    await addEvent(s.actors.therapist, open.id, "NAUSEA_VOMITING");
    await addEvent(s.actors.therapist, open.id, "AGITATION");
    // No dose was given (the client felt unwell): the record can be completed without a discharge.
    await completeRecord(s.actors.therapist, { recordId: open.id, version: open.version });
    let r = await recordNow(open.id);
    expect(r.status).toBe("COMPLETED");

    const two = await appErrorOf(signRecord(s.actors.prescriber, { recordId: r.id, version: r.version }));
    expect(two.code).toBe("CONFLICT");
    expect(two.message).toBe("2 adverse events are not reviewed yet: review each one before signing.");
    expect((await recordNow(open.id)).status).toBe("COMPLETED");

    const events = await db().adverseEvent.findMany({ where: { dosingRecordId: open.id } });
    await reviewAdverseEvent(s.actors.prescriber, events[0]?.id ?? "");
    const one = await appErrorOf(signRecord(s.actors.prescriber, { recordId: r.id, version: r.version }));
    expect(one.message).toBe("1 adverse event is not reviewed yet: review it before signing.");

    await reviewAdverseEvent(s.actors.prescriber, events[1]?.id ?? "");
    await signRecord(s.actors.prescriber, { recordId: r.id, version: r.version });
    r = await recordNow(open.id);
    expect(r).toMatchObject({ status: "SIGNED", signedById: s.prescriber.id });
    expect(await db().adverseEvent.count({ where: { dosingRecordId: open.id, reviewedAt: null } })).toBe(0);
    const reviews = await db().auditEvent.findMany({
      where: { action: "adverse_event.review", clientId: s.clientA.id, outcome: "OK" },
    });
    expect(reviews.map((a) => a.recordId).sort()).toEqual(events.map((e) => e.id).sort());
  });

  it("answers CONFLICT, not a server error, for an event on a record that is already signed", async () => {
    const { s, records } = await dosingScene();
    const [open] = records;
    if (!open) throw new Error("no record");
    // An event left unreviewed on a record signed before the rule existed (as in older data).
    const event = await db().adverseEvent.create({
      data: {
        dosingRecordId: open.id,
        kind: "NAUSEA_VOMITING",
        severity: "MILD",
        occurredAt: new Date(),
        actionTaken: "Ondansetron given",
        recordedById: s.therapist.id,
      },
    });
    await db().dosingRecord.update({
      where: { id: open.id },
      data: { status: "SIGNED", signedAt: new Date(), signedById: s.prescriber.id },
    });
    const e = await appErrorOf(reviewAdverseEvent(s.actors.prescriber, event.id));
    expect(e.code).toBe("CONFLICT");
    expect(e.message).toMatch(/signed.*addendum/);
    expect((await db().adverseEvent.findUniqueOrThrow({ where: { id: event.id } })).reviewedAt).toBeNull();
  });

  it("answers NOT_FOUND, audited, to a prescriber off the care team, and FORBIDDEN to a therapist", async () => {
    const { s, records } = await dosingScene();
    const [open] = records;
    if (!open) throw new Error("no record");
    await addEvent(s.actors.therapist, open.id, "NAUSEA_VOMITING");
    const event = await db().adverseEvent.findFirstOrThrow({ where: { dosingRecordId: open.id } });
    await db().careTeamMember.update({
      where: { clientId_userId: { clientId: s.clientA.id, userId: s.prescriber.id } },
      data: { removedAt: new Date() },
    });
    expect((await appErrorOf(reviewAdverseEvent(s.actors.prescriber, event.id))).code).toBe("NOT_FOUND");
    expect((await appErrorOf(reviewAdverseEvent(s.actors.therapist, event.id))).code).toBe("FORBIDDEN");
    const denials = await db().auditEvent.findMany({ where: { recordId: event.id, outcome: "DENIED" } });
    expect(denials.map((d) => d.actorUserId).sort()).toEqual([s.prescriber.id, s.therapist.id].sort());
  });
});

describe("bad input is a VALIDATION error with field errors, never a crash", () => {
  const malformed: unknown[] = [
    undefined,
    null,
    42,
    "text",
    [],
    {},
    { recordId: 42, version: "1" },
    { recordId: null, version: null },
    { recordId: "../etc", version: 1.5 },
    { clientId: 7, order: "2027-01-01" },
    { clientId: "abc", order: null },
    { clientId: "abc", order: { validUntil: 5 } },
    { orderId: ["x"], reason: 12 },
    { recordId: "abc", checklist: null, reading: "high", givenAt: "yesterday", body: 3 },
  ];
  const badIds: unknown[] = [undefined, null, 42, "", {}, [], "../etc", "a".repeat(500)];

  it("for every dosing write (and the id-only reads)", async () => {
    const s = await createScene();
    const { therapist, prescriber } = s.actors;
    const writes: [string, Actor, (actor: Actor, input: never) => Promise<unknown>, unknown[]][] = [
      ["createDosingOrder", prescriber, createDosingOrder, malformed],
      ["revokeDosingOrder", prescriber, revokeDosingOrder, malformed],
      ["submitChecklist", therapist, submitChecklist, malformed],
      ["overrideChecklist", prescriber, overrideChecklist, malformed],
      ["recordDose", therapist, recordDose, malformed],
      ["addVitals", therapist, addVitals, malformed],
      ["addAdverseEvent", therapist, addAdverseEvent, malformed],
      ["recordDischarge", therapist, recordDischarge, malformed],
      ["completeRecord", therapist, completeRecord, malformed],
      ["signRecord", prescriber, signRecord, malformed],
      ["addDosingAddendum", therapist, addDosingAddendum, malformed],
      ["reviewAdverseEvent", prescriber, reviewAdverseEvent, badIds],
      ["beginDosingDay", therapist, beginDosingDay, badIds],
      ["getDosingDay", therapist, getDosingDay, badIds],
      ["listClientOrders", prescriber, listClientOrders, badIds],
    ];
    const wrong: string[] = [];
    for (const [name, actor, fn, inputs] of writes) {
      for (const input of inputs) {
        const e = await failureOf(Promise.resolve().then(() => fn(actor, input as never)));
        const ok =
          e instanceof AppError && e.code === "VALIDATION" && Object.keys(e.fieldErrors ?? {}).length > 0;
        if (!ok)
          wrong.push(`${name}(${JSON.stringify(input)}): ${e instanceof AppError ? e.code : String(e)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

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
