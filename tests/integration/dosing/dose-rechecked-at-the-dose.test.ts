import { describe, expect, it } from "vitest";
import { DEFAULT_KAP_CONSENT } from "@/lib/domain/consents/consent-documents";
import { addCalendarDays, localDateOf } from "@/lib/domain/core/zoned-time";
import { publishConsentVersion } from "@/lib/server/consents/consent-documents";
import { db } from "@/lib/server/core/db";
import { beginDosingDay, getDosingDay } from "@/lib/server/dosing/dosing-day";
import { createDosingOrder, revokeDosingOrder } from "@/lib/server/dosing/dosing-orders";
import { overrideChecklist, submitChecklist } from "@/lib/server/dosing/go-no-go";
import { recordDose } from "@/lib/server/dosing/record-dose";
import { administerPreDoseMeasure } from "@/lib/server/measures/administer-measure";
import { raiseSafetyFlag, reviewSafetyFlag } from "@/lib/server/measures/safety-flags";
import { submitMeasure } from "@/lib/server/measures/submit-measure";
import { revisitScreening } from "@/lib/server/screening/screening-decisions";
import { appErrorOf, codeOf, failure } from "../../fixtures/errors";
import { TZ } from "../../fixtures/factory";
import { ALL_ZERO, askPreDoseMeasures, CSSRS_NO, GOOD, readyForDose, recordOf } from "../../fixtures/journey";

/** Dose 1 begun, with an order of 300 mg, and (unless told not to) its pre-dose questionnaires asked. */
async function doseDay({ askMeasures = true } = {}) {
  const { s, dose } = await readyForDose();
  const { orderId } = await createDosingOrder(s.actors.prescriber, {
    clientId: s.clientA.id,
    order: {
      route: "SUBLINGUAL",
      doseMg: 300,
      maxDoses: 6,
      validUntil: addCalendarDays(localDateOf(new Date(), TZ), 30),
    },
  });
  await beginDosingDay(s.actors.therapist, dose.id);
  if (askMeasures) await askPreDoseMeasures(s, (await recordOf(dose.id)).id);
  const checklist = async (over: Partial<typeof GOOD> | Record<string, unknown> = {}) => {
    const r = await recordOf(dose.id);
    return submitChecklist(s.actors.therapist, {
      recordId: r.id,
      version: r.version,
      checklist: { ...GOOD, ...over } as typeof GOOD,
    });
  };
  const override = async () => {
    const r = await recordOf(dose.id);
    return overrideChecklist(s.actors.prescriber, {
      recordId: r.id,
      version: r.version,
      reason: "Discussed with the client and the therapist; proceed.",
    });
  };
  const give = async () => {
    const r = await recordOf(dose.id);
    return recordDose(s.actors.therapist, {
      recordId: r.id,
      version: r.version,
      orderId,
      mg: 300,
      route: "SUBLINGUAL",
      lotNumber: "KT-7",
      givenAt: new Date(Date.now() - 60_000),
    });
  };
  return { s, dose, orderId, checklist, override, give };
}

/** The denial rows of a dosing record for `action`, newest first. */
const denials = (recordId: string, action: string) =>
  db().auditEvent.findMany({ where: { recordId, action, outcome: "DENIED" }, orderBy: { at: "desc" } });

describe("what no override releases", () => {
  it("refuses an override while the pregnancy status is pregnant or unknown, and audits the refusal", async () => {
    const d = await doseDay();
    for (const pregnancy of ["pregnant", "unknown"] as const) {
      const held = await d.checklist({ pregnancy });
      const item = held.items.find((i) => i.code === "pregnancy");
      expect(item).toMatchObject({ status: "fail", overridable: false });
      const e = await appErrorOf(d.override());
      expect(e.code).toBe("BLOCKED");
      expect(e.message).toMatch(/No override can release this dose.*confirms the status/);
    }
    const r = await recordOf(d.dose.id);
    expect(r.overrideReason).toBeNull();
    const rows = await denials(r.id, "dosing_record.override");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ clientId: d.s.clientA.id, detail: { notOverridable: ["pregnancy"] } });
    expect(await d.give().catch(codeOf)).toBe("BLOCKED");
  });

  it("refuses an override when the consent is no longer current, and audits the refusal", async () => {
    const d = await doseDay();
    await publishConsentVersion(d.s.actors.admin, {
      kind: "KAP_INFORMED_CONSENT",
      title: DEFAULT_KAP_CONSENT.title,
      body: `${DEFAULT_KAP_CONSENT.body}\n\nRevised.`,
    });
    const held = await d.checklist();
    expect(held.items.find((i) => i.code === "consent")).toMatchObject({
      status: "fail",
      overridable: false,
    });
    expect((await appErrorOf(d.override())).code).toBe("BLOCKED");
    const r = await recordOf(d.dose.id);
    const [row] = await denials(r.id, "dosing_record.override");
    expect(row?.detail).toMatchObject({ notOverridable: expect.arrayContaining(["consent"]) });
    expect(r.overrideReason).toBeNull();
  });

  it("refuses an override when eligibility is no longer current, and audits the refusal", async () => {
    const d = await doseDay();
    const signed = await db().screening.findFirstOrThrow({
      where: { clientId: d.s.clientA.id, status: "SIGNED" },
    });
    await revisitScreening(d.s.actors.prescriber, {
      screeningId: signed.id,
      reason: "New cardiac history reported at the door.",
    });
    const held = await d.checklist();
    expect(held.items.find((i) => i.code === "eligibility")).toMatchObject({
      status: "fail",
      overridable: false,
    });
    expect((await appErrorOf(d.override())).code).toBe("BLOCKED");
    const r = await recordOf(d.dose.id);
    const [row] = await denials(r.id, "dosing_record.override");
    expect(row?.detail).toMatchObject({ notOverridable: expect.arrayContaining(["eligibility"]) });
  });

  it("refuses an override while a safety flag is open, and audits the refusal; only a review lifts it", async () => {
    const d = await doseDay();
    await raiseSafetyFlag(d.s.actors.therapist, {
      clientId: d.s.clientA.id,
      reason: "Said at the door they had a very dark week.",
    });
    const held = await d.checklist({ systolic: 150 });
    expect(held.items.filter((i) => i.status === "fail").map((i) => i.code)).toEqual(["bp", "safety-flag"]);
    const e = await appErrorOf(d.override());
    expect(e).toMatchObject({ code: "BLOCKED" });
    expect(e.message).toMatch(/recorded review of the flag/);
    const r = await recordOf(d.dose.id);
    const [row] = await denials(r.id, "dosing_record.override");
    expect(row?.detail).toEqual({ notOverridable: ["safety-flag"] });
    // Only the failing vitals, once the flag is reviewed: the override is taken, for that item.
    const flag = await db().safetyFlag.findFirstOrThrow({ where: { clientId: d.s.clientA.id } });
    await reviewSafetyFlag(d.s.actors.therapist, {
      flagId: flag.id,
      note: "Spoke with the client; safety plan reviewed, proceed.",
    });
    await d.checklist({ systolic: 150 });
    await d.override();
    expect((await recordOf(d.dose.id)).overrideItems).toEqual(["bp"]);
    await d.give();
    expect((await recordOf(d.dose.id)).doseGivenAt).not.toBeNull();
  });
});

describe("a dose re-checked when it is recorded", () => {
  it("refuses a dose when a flag was raised after the checklist (a positive C-SSRS since last visit), and audits it", async () => {
    const d = await doseDay({ askMeasures: false });
    await d.checklist();
    const r = await recordOf(d.dose.id);
    // The C-SSRS since last visit, asked after the checklist: intent since the last visit.
    const cssrs = await administerPreDoseMeasure(d.s.actors.therapist, {
      recordId: r.id,
      scale: "CSSRS",
      answers: { ...CSSRS_NO, q2: true, q4: true },
    });
    expect(cssrs).toMatchObject({ band: "high", safetyFlag: true });
    await administerPreDoseMeasure(d.s.actors.therapist, {
      recordId: r.id,
      scale: "PHQ9",
      answers: ALL_ZERO(9),
    });
    const e = await appErrorOf(d.give());
    expect(e.code).toBe("BLOCKED");
    expect(e.message).toMatch(/safety flag is open/);
    const [row] = await denials(r.id, "dosing_record.dose");
    expect(row).toMatchObject({ clientId: d.s.clientA.id, detail: { blocked: ["item:safety-flag"] } });
    expect((await recordOf(d.dose.id)).doseGivenAt).toBeNull();
  });

  it("refuses a dose against an order revoked after the checklist, and audits it", async () => {
    const d = await doseDay();
    await d.checklist();
    await revokeDosingOrder(d.s.actors.prescriber, { orderId: d.orderId, reason: "Dose to be reviewed." });
    const e = await appErrorOf(d.give());
    expect(e.code).toBe("BLOCKED");
    expect(e.message).toMatch(/order has been revoked/);
    const r = await recordOf(d.dose.id);
    const [row] = await denials(r.id, "dosing_record.dose");
    expect(row?.detail).toEqual({ blocked: ["order-revoked"] });
  });

  it("refuses a checklist whose blood pressure is older than 60 minutes, and asks for a new reading", async () => {
    const d = await doseDay();
    await d.checklist();
    const r = await recordOf(d.dose.id);
    await db().dosingRecord.update({
      where: { id: r.id },
      data: { checklistAt: new Date(Date.now() - 61 * 60_000) },
    });
    const e = await appErrorOf(d.give());
    expect(e.code).toBe("BLOCKED");
    expect(e.message).toMatch(
      /blood-pressure reading is 6[12] minutes old.*enter the go \/ no-go checklist again/,
    );
    const [row] = await denials(r.id, "dosing_record.dose");
    expect(row?.detail).toEqual({ blocked: ["bp-reading-too-old"] });
    // A new reading: the checklist again, and the dose goes ahead.
    await d.checklist();
    await d.give();
    expect((await recordOf(d.dose.id)).doseGivenAt).not.toBeNull();
  });

  it("refuses a dose until the C-SSRS since last visit and the PHQ-9 are done, and audits each refusal", async () => {
    const d = await doseDay({ askMeasures: false });
    await d.checklist();
    const r = await recordOf(d.dose.id);
    expect(await d.give().catch(codeOf)).toBe("BLOCKED");
    let [row] = await denials(r.id, "dosing_record.dose");
    expect(row?.detail).toEqual({ blocked: ["pre-dose-cssrs-missing", "pre-dose-phq9-missing"] });

    // The client answers the C-SSRS since last visit in their portal, from the dose's request.
    const request = await db().measureRequest.findFirstOrThrow({
      where: { clientId: d.s.clientA.id, sessionId: d.dose.id, scale: "CSSRS" },
    });
    expect(request.variant).toBe("SINCE_LAST_VISIT");
    await submitMeasure(d.s.actors.clientA, { scale: "CSSRS", answers: CSSRS_NO, requestId: request.id });
    expect(await db().measureResponse.findFirstOrThrow({ where: { requestId: request.id } })).toMatchObject({
      variant: "SINCE_LAST_VISIT",
      context: "PRE_DOSE",
      sessionId: d.dose.id,
    });
    const e = await appErrorOf(d.give());
    expect(e.message).toMatch(/pre-dose PHQ-9 has not been completed/);
    [row] = await denials(r.id, "dosing_record.dose");
    expect(row?.detail).toEqual({ blocked: ["pre-dose-phq9-missing"] });

    // The therapist asks the PHQ-9 on the dosing page: it answers the client's request too.
    await administerPreDoseMeasure(d.s.actors.therapist, {
      recordId: r.id,
      scale: "PHQ9",
      answers: ALL_ZERO(9),
    });
    const phq9 = await db().measureResponse.findFirstOrThrow({
      where: { clientId: d.s.clientA.id, sessionId: d.dose.id, scale: "PHQ9" },
    });
    expect(phq9).toMatchObject({ administeredById: d.s.therapist.id, context: "PRE_DOSE" });
    expect(phq9.requestId).not.toBeNull();
    expect(await db().auditEvent.count({ where: { recordId: phq9.id, action: "measure.administer" } })).toBe(
      1,
    );
    await d.give();
    expect((await recordOf(d.dose.id)).doseGivenAt).not.toBeNull();
    expect(await denials(r.id, "dosing_record.dose")).toHaveLength(2);
  });

  it("shows the holds on the dosing page, as the server will judge them", async () => {
    const d = await doseDay({ askMeasures: false });
    await d.checklist();
    const day = await getDosingDay(d.s.actors.therapist, d.dose.id);
    const me = day.participants[0];
    expect(me?.preDose).toMatchObject({ cssrsSinceLastVisit: null, phq9: null });
    expect(me?.record?.checklistAt).toBeInstanceOf(Date);
    expect(me?.openSafetyFlags).toBe(0);
  });

  it("lets only clinicians of the care team ask a pre-dose questionnaire, before the dose", async () => {
    const d = await doseDay({ askMeasures: false });
    const r = await recordOf(d.dose.id);
    const ask = { recordId: r.id, scale: "PHQ9" as const, answers: ALL_ZERO(9) };
    expect(await administerPreDoseMeasure(d.s.actors.clientA, ask).catch(codeOf)).toBe("FORBIDDEN");
    expect(await administerPreDoseMeasure(d.s.actors.admin, ask).catch(codeOf)).toBe("FORBIDDEN");
    expect(await administerPreDoseMeasure(d.s.actors.otherTherapist, ask).catch(codeOf)).toBe("NOT_FOUND");
    const bad = await failure(administerPreDoseMeasure(d.s.actors.therapist, { ...ask, answers: { q1: 9 } }));
    expect(bad.code).toBe("VALIDATION");
    expect(Object.keys(bad.fieldErrors)).toEqual(expect.arrayContaining(["q1", "q2"]));
    // The since-last-visit screener has no recency follow-up.
    const followUp = await failure(
      administerPreDoseMeasure(d.s.actors.therapist, {
        recordId: r.id,
        scale: "CSSRS",
        answers: { ...CSSRS_NO, q6: true, q6Recent: false },
      }),
    );
    expect(followUp.code).toBe("VALIDATION");
    await askPreDoseMeasures(d.s, r.id);
    await d.checklist();
    await d.give();
    expect(await administerPreDoseMeasure(d.s.actors.therapist, ask).catch(codeOf)).toBe("CONFLICT");
  });
});

describe("a clinician raises a safety flag from the client's page", () => {
  it("is audited, tells the care team, holds dosing, and is for the care team only", async () => {
    const d = await doseDay();
    const bad = await failure(
      raiseSafetyFlag(d.s.actors.therapist, { clientId: d.s.clientA.id, reason: "hmm" }),
    );
    expect(bad.code).toBe("VALIDATION");
    expect(bad.fieldErrors.reason?.[0]).toMatch(/at least a sentence/);
    const reason = "Disclosed a plan during the preparation call.";
    expect(await raiseSafetyFlag(d.s.actors.admin, { clientId: d.s.clientA.id, reason }).catch(codeOf)).toBe(
      "FORBIDDEN",
    );
    expect(
      await raiseSafetyFlag(d.s.actors.clientA, { clientId: d.s.clientA.id, reason }).catch(codeOf),
    ).toBe("FORBIDDEN");
    expect(
      await raiseSafetyFlag(d.s.actors.otherTherapist, { clientId: d.s.clientA.id, reason }).catch(codeOf),
    ).toBe("NOT_FOUND");
    expect(
      await db().auditEvent.count({
        where: { actorUserId: d.s.otherTherapist.id, action: "safety_flag.raise", outcome: "DENIED" },
      }),
    ).toBe(1);
    expect(await db().safetyFlag.count({ where: { clientId: d.s.clientA.id } })).toBe(0);

    const { id } = await raiseSafetyFlag(d.s.actors.prescriber, { clientId: d.s.clientA.id, reason });
    const flag = await db().safetyFlag.findUniqueOrThrow({ where: { id } });
    expect(flag).toMatchObject({
      raisedById: d.s.prescriber.id,
      reason,
      kind: "SUICIDE_RISK",
      reviewedAt: null,
    });
    expect(
      await db().auditEvent.findFirst({ where: { recordId: id, action: "safety_flag.raise" } }),
    ).toMatchObject({ actorUserId: d.s.prescriber.id, clientId: d.s.clientA.id, outcome: "OK" });
    const mail = await db().outboxMessage.findFirst({
      where: { to: d.s.therapist.email, subject: { contains: "safety flag" } },
    });
    expect(mail?.text).not.toContain(d.s.clientA.legalLastName);
    expect(mail?.text).not.toContain(reason);

    // It holds the dose like any other flag: the checklist fails it and no override lifts it.
    const held = await d.checklist();
    expect(held.items.find((i) => i.code === "safety-flag")?.status).toBe("fail");
    expect(await d.override().catch(codeOf)).toBe("BLOCKED");
    expect(await d.give().catch(codeOf)).toBe("BLOCKED");
  });
});
