import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/core/db";
import { beginDosingDay } from "@/lib/server/dosing/dosing-day";
import { getSessionGate } from "@/lib/server/dosing/dosing-gate";
import { submitChecklist } from "@/lib/server/dosing/go-no-go";
import { addVitals } from "@/lib/server/dosing/monitoring";
import { recordDose } from "@/lib/server/dosing/record-dose";
import { cancelSession, changeSessionStatus, endSessionEarly } from "@/lib/server/scheduling/session-changes";
import { appErrorOf, failure } from "../../fixtures/errors";
import { DAY, HOUR, sql } from "../../fixtures/factory";
import {
  askPreDoseMeasures,
  dosingScene,
  GOOD,
  insertDosingOrder,
  readyForDose,
  recordOf,
} from "../../fixtures/journey";

/**
 * docs/clinical-rules.md §1 "The dosing gate" and §3a: a dose that was given always counts. The
 * session it was given in can no longer be cancelled or marked a no-show (only ended early, with a
 * reason), and the gate counts it, at the time it was given, in every series of the client's.
 */

/** Client A's dose 1, begun, its pre-dose questionnaires asked, checked and given a minute ago. */
async function doseGiven() {
  const { s, dose } = await readyForDose();
  const order = await insertDosingOrder(s);
  await beginDosingDay(s.actors.therapist, dose.id);
  let record = await recordOf(dose.id);
  await askPreDoseMeasures(s, record.id);
  await submitChecklist(s.actors.therapist, {
    recordId: record.id,
    version: record.version,
    checklist: GOOD,
  });
  record = await recordOf(dose.id);
  await recordDose(s.actors.therapist, {
    recordId: record.id,
    version: record.version,
    orderId: order.id,
    mg: 200,
    route: "SUBLINGUAL",
    lotNumber: "KT-1",
    givenAt: new Date(Date.now() - 60_000),
  });
  const session = await db().session.findUniqueOrThrow({ where: { id: dose.id } });
  return { s, session, record: await recordOf(dose.id) };
}

describe("a session in which a dose was given", () => {
  it("cannot be cancelled or marked a no-show; the refusal is audited and nothing changes", async () => {
    const { s, session } = await doseGiven();
    expect(session.status).toBe("IN_PROGRESS");
    for (const [outcome, action] of [
      ["CANCELLED", "session.cancel"],
      ["NO_SHOW", "session.no_show"],
    ] as const) {
      const refused = await appErrorOf(
        cancelSession(s.actors.therapist, {
          sessionId: session.id,
          version: session.version,
          outcome,
          reason: "The client felt unwell.",
        }),
      );
      expect(refused.code).toBe("CONFLICT");
      expect(refused.message).toMatch(/A dose was given in this session.*End the session early/);
      const denied = await db().auditEvent.findMany({
        where: { recordId: session.id, action, outcome: "DENIED" },
      });
      expect(denied).toHaveLength(1);
      expect(denied[0]).toMatchObject({
        clientId: s.clientA.id,
        actorUserId: s.therapist.id,
        detail: { refused: "dose-given", reason: "The client felt unwell." },
      });
    }
    const after = await db().session.findUniqueOrThrow({ where: { id: session.id } });
    expect(after).toMatchObject({ status: "IN_PROGRESS", statusReason: null, version: session.version });
  });

  it("is ended early with a reason instead: the record stays open for monitoring, the dose counts", async () => {
    const { s, session, record } = await doseGiven();
    const short = await failure(
      endSessionEarly(s.actors.therapist, {
        sessionId: session.id,
        version: session.version,
        reason: "Unwell",
      }),
    );
    expect(short.code).toBe("VALIDATION");
    expect(short.fieldErrors.reason?.[0]).toMatch(/at least 10 characters/);

    await endSessionEarly(s.actors.therapist, {
      sessionId: session.id,
      version: session.version,
      reason: "Severe nausea; stopped after the first half of the dose.",
    });
    const ended = await db().session.findUniqueOrThrow({ where: { id: session.id } });
    expect(ended).toMatchObject({
      status: "ENDED_EARLY",
      statusReason: "Severe nausea; stopped after the first half of the dose.",
    });
    const audit = await db().auditEvent.findMany({
      where: { recordId: session.id, action: "session.end_early" },
    });
    expect(audit.map((a) => [a.clientId, a.outcome])).toEqual([[s.clientA.id, "OK"]]);

    // Monitoring goes on: the record is still open for vitals, discharge and completion.
    await addVitals(s.actors.therapist, {
      recordId: record.id,
      takenAt: new Date(),
      reading: { systolic: 128, diastolic: 82, heartRate: 76, spo2: 98 },
    });
    expect((await recordOf(session.id)).status).toBe("IN_PROGRESS");
    // Closed now: neither cancelled later nor ended twice.
    expect(
      (
        await failure(
          cancelSession(s.actors.therapist, {
            sessionId: session.id,
            version: ended.version,
            outcome: "CANCELLED",
            reason: "Entered by mistake.",
          }),
        )
      ).code,
    ).toBe("CONFLICT");
    expect(
      (
        await failure(
          endSessionEarly(s.actors.therapist, {
            sessionId: session.id,
            version: ended.version,
            reason: "A second reason for the record.",
          }),
        )
      ).code,
    ).toBe("CONFLICT");
  });

  it("refuses to end early a session without a dose, which is cancelled instead", async () => {
    const { s, session } = await dosingScene();
    const refused = await appErrorOf(
      endSessionEarly(s.actors.therapist, {
        sessionId: session.id,
        version: session.version,
        reason: "The client could not stay.",
      }),
    );
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toMatch(/No dose has been given/);
    await cancelSession(s.actors.therapist, {
      sessionId: session.id,
      version: session.version,
      outcome: "CANCELLED",
      reason: "The client could not stay.",
    });
    expect((await db().session.findUniqueOrThrow({ where: { id: session.id } })).status).toBe("CANCELLED");
  });

  it("takes no dose once the session is cancelled or ended early", async () => {
    const { s, session, records } = await dosingScene();
    const [record] = records;
    if (!record) throw new Error("no record");
    await cancelSession(s.actors.therapist, {
      sessionId: session.id,
      version: session.version,
      outcome: "NO_SHOW",
      reason: "Did not arrive.",
    });
    const order = await insertDosingOrder(s);
    const refused = await appErrorOf(
      recordDose(s.actors.therapist, {
        recordId: record.id,
        version: record.version,
        orderId: order.id,
        mg: 200,
        route: "SUBLINGUAL",
        lotNumber: "KT-9",
        givenAt: new Date(),
      }),
    );
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toMatch(/no show: no dose can be recorded/);
    expect((await recordOf(session.id)).doseGivenAt).toBeNull();
  });

  it("is guarded by the database too: no cancellation after a dose, no dose after a cancellation", async () => {
    const { session } = await doseGiven();
    await expect(sql(`UPDATE "Session" SET status = 'CANCELLED' WHERE id = $1`, session.id)).rejects.toThrow(
      /a dose was given in this session/,
    );
    await expect(sql(`UPDATE "Session" SET status = 'NO_SHOW' WHERE id = $1`, session.id)).rejects.toThrow(
      /a dose was given in this session/,
    );
    const other = await dosingScene();
    await sql(`UPDATE "Session" SET status = 'CANCELLED' WHERE id = $1`, other.session.id);
    await expect(
      sql(`UPDATE "DosingRecord" SET "doseGivenAt" = now() WHERE "sessionId" = $1`, other.session.id),
    ).rejects.toThrow(/the session was cancelled or marked a no-show/);
  });
});

describe("the gate counts every dose the client was given, in any series", () => {
  /**
   * Client A's dose 1 (series 1) is in 3 days. In an older individual series of theirs a dose was
   * given 3 days ago, and integrated 2 days later. The clinic allows one dose in 7 days.
   */
  async function doseInAnotherSeries(status: "COMPLETED" | "ENDED_EARLY" = "COMPLETED") {
    const ready = await readyForDose();
    const { s } = ready;
    const startsAt = new Date(Date.now() + 3 * DAY);
    const dose = await db().session.update({
      where: { id: ready.dose.id },
      data: { startsAt, endsAt: new Date(startsAt.getTime() + 3 * HOUR) },
    });
    await db().practice.update({ where: { id: s.practice.id }, data: { settings: { maxDosesPer7Days: 1 } } });
    const older = await db().series.create({
      data: {
        practiceId: s.practice.id,
        kind: "INDIVIDUAL",
        status: "ACTIVE",
        therapistId: s.therapist.id,
        participants: { create: [{ clientId: s.clientA.id }] },
      },
    });
    const givenAt = new Date(Date.now() - 3 * DAY);
    const earlier = await db().session.create({
      data: {
        seriesId: older.id,
        kind: "DOSING",
        sequence: 1,
        startsAt: givenAt,
        endsAt: new Date(givenAt.getTime() + 3 * HOUR),
        status: "IN_PROGRESS",
        clinicianId: s.therapist.id,
      },
    });
    await db().dosingRecord.create({
      data: { sessionId: earlier.id, clientId: s.clientA.id, doseGivenAt: givenAt, status: "COMPLETED" },
    });
    // How that session ended does not matter: the dose was given.
    await db().session.update({ where: { id: earlier.id }, data: { status } });
    const integrationAt = new Date(givenAt.getTime() + 2 * DAY);
    await db().session.create({
      data: {
        seriesId: older.id,
        kind: "INTEGRATION",
        sequence: 1,
        startsAt: integrationAt,
        endsAt: new Date(integrationAt.getTime() + HOUR),
        status: "COMPLETED",
        clinicianId: s.therapist.id,
      },
    });
    return { s, dose };
  }

  it("refuses to confirm a dose beyond the 7-day limit counting a dose of another series, and audits it", async () => {
    const { s, dose } = await doseInAnotherSeries();
    const gate = await getSessionGate(s.actors.therapist, dose.id);
    expect(gate?.blocks.map((b) => b.code)).toEqual(["DOSE_LIMIT_7_DAYS"]);
    expect(gate?.blocks[0]?.reason).toMatch(/more than 1 doses within 7 days .*dose 1 of another series/);
    const refused = await appErrorOf(
      changeSessionStatus(s.actors.therapist, {
        sessionId: dose.id,
        version: dose.version,
        action: "confirm",
      }),
    );
    expect(refused.code).toBe("BLOCKED");
    expect(refused.message).toMatch(/of another series/);
    const denied = await db().auditEvent.findMany({
      where: { recordId: dose.id, action: "session.confirm", outcome: "DENIED" },
    });
    expect(denied.map((d) => [d.clientId, d.detail])).toEqual([
      [s.clientA.id, { blocked: ["DOSE_LIMIT_7_DAYS"] }],
    ]);
    // Starting it (the dosing day) is refused the same way.
    expect(await failure(beginDosingDay(s.actors.therapist, dose.id))).toMatchObject({ code: "BLOCKED" });
    expect((await db().session.findUniqueOrThrow({ where: { id: dose.id } })).status).toBe("SCHEDULED");
  });

  it("counts that dose whatever became of its session, ended early included", async () => {
    const { s, dose } = await doseInAnotherSeries("ENDED_EARLY");
    const gate = await getSessionGate(s.actors.therapist, dose.id);
    expect(gate?.blocks.map((b) => b.code)).toEqual(["DOSE_LIMIT_7_DAYS"]);
    // Once the 7 days have passed, the same dose is allowed.
    await db().session.update({
      where: { id: dose.id },
      data: { startsAt: new Date(Date.now() + 5 * DAY), endsAt: new Date(Date.now() + 5 * DAY + 3 * HOUR) },
    });
    expect(await getSessionGate(s.actors.therapist, dose.id)).toMatchObject({ allowed: true });
  });
});
