import { describe, expect, it } from "vitest";
import { addCalendarDays, localDateOf } from "@/lib/domain/core/zoned-time";
import { updateStaffLicences } from "@/lib/server/admin/staff-licences";
import { db } from "@/lib/server/core/db";
import { createDosingOrder } from "@/lib/server/dosing/dosing-orders";
import { recordDose } from "@/lib/server/dosing/record-dose";
import { decideScreening } from "@/lib/server/screening/screening-decisions";
import { getScreeningReview } from "@/lib/server/screening/screening-review";
import { failure } from "../../fixtures/errors";
import { actorFor, createScene, createUser, TZ } from "../../fixtures/factory";
import {
  doseReadyRecord,
  eligibleClientA,
  type Scene,
  sceneWithConsents,
  submitForScreening,
} from "../../fixtures/journey";

const today = () => localDateOf(new Date(), TZ);
const dateOnly = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** Replaces the scene prescriber's licences, as the admin would. */
async function licencesOfPrescriber(s: Scene, list: { state: string; expiresAt: string }[]) {
  await updateStaffLicences(s.actors.admin, { userId: s.prescriber.id, licences: list });
}

/**
 * An open record of a client ready for the dose (doseReadyRecord: eligible, consented, questionnaires
 * asked, checklist passed with `escort`) and an order by the scene's prescriber.
 */
async function readyToDose(escort?: Record<string, string>) {
  const { s, record, order } = await doseReadyRecord({ escort });
  const passed = record;
  const dose = () =>
    recordDose(s.actors.therapist, {
      recordId: record.id,
      version: passed.version,
      orderId: order.id,
      mg: 200,
      route: "SUBLINGUAL",
      lotNumber: "KT-1",
      givenAt: new Date(Date.now() - 60_000),
    });
  const denials = () =>
    db().auditEvent.findMany({
      where: { recordId: record.id, action: "dosing_record.dose", outcome: "DENIED" },
    });
  const given = async () =>
    (await db().dosingRecord.findUniqueOrThrow({ where: { id: record.id } })).doseGivenAt;
  return { s, record, order, dose, denials, given };
}

describe("a dose needs the order's prescriber licensed where the client is", () => {
  it("refuses a dose when the prescriber holds no licence in the client's state, and audits it", async () => {
    const { s, dose, denials, given } = await readyToDose();
    await licencesOfPrescriber(s, [{ state: "OR", expiresAt: "2099-12-31" }]);
    const refused = await failure(dose());
    expect(refused.code).toBe("BLOCKED");
    expect(refused.message).toMatch(
      /not licensed in CA, where the client lives, on .*CA \(no licence on file\)/,
    );
    expect(refused.fieldErrors.orderId).toEqual([refused.message]);
    expect(await given()).toBeNull();
    const [row] = await denials();
    expect(row).toMatchObject({ actorUserId: s.therapist.id, clientId: s.clientA.id });
    expect(row?.detail).toMatchObject({
      reason: "prescriber-not-licensed",
      prescriberId: s.prescriber.id,
      missing: [{ state: "CA", expiredOn: null }],
    });
  });

  it("refuses a dose after the licence expired; on its expiry date it still counts", async () => {
    const expired = await readyToDose();
    const yesterday = addCalendarDays(today(), -1);
    await licencesOfPrescriber(expired.s, [{ state: "CA", expiresAt: yesterday }]);
    const refused = await failure(expired.dose());
    expect(refused.code).toBe("BLOCKED");
    expect(refused.message).toContain(`CA (licence expired ${yesterday})`);
    expect(await expired.denials()).toHaveLength(1);
    expect(await expired.given()).toBeNull();

    const lastDay = await readyToDose();
    await licencesOfPrescriber(lastDay.s, [{ state: "CA", expiresAt: today() }]);
    await lastDay.dose();
    expect(await lastDay.given()).not.toBeNull();
  });

  it("for a remote session, needs a licence where the client is that day as well", async () => {
    const remote = { setting: "remote", chaperoneName: "Sam Lee", chaperonePhone: "555 010 2030" };
    const inWa = await readyToDose({ ...remote, clientLocationState: "WA" });
    const refused = await failure(inWa.dose());
    expect(refused.code).toBe("BLOCKED");
    expect(refused.message).toMatch(/not licensed in WA, where the client is today/);
    expect((await inWa.denials())[0]?.detail).toMatchObject({ missing: [{ state: "WA", expiredOn: null }] });
    await licencesOfPrescriber(inWa.s, [
      { state: "CA", expiresAt: "2099-12-31" },
      { state: "WA", expiresAt: "2099-12-31" },
    ]);
    await inWa.dose();
    expect(await inWa.given()).not.toBeNull();

    // A remote checklist that does not say where the client is cannot be checked: refused when entered.
    const refusedChecklist = await failure(doseReadyRecord({ escort: remote }));
    expect(refusedChecklist.code).toBe("VALIDATION");
    expect(Object.keys(refusedChecklist.fieldErrors).join(" ")).toMatch(/clientLocationState/);
  });
});

describe("writing an order needs a current licence in the client's state", () => {
  it("refuses an order by a prescriber not licensed where the client lives, and audits it", async () => {
    const s = await createScene();
    await eligibleClientA(s);
    const order = {
      route: "SUBLINGUAL" as const,
      doseMg: 200,
      maxDoses: 6,
      validUntil: addCalendarDays(today(), 30),
    };
    await db().staffLicence.updateMany({
      where: { staffProfile: { userId: s.prescriber.id } },
      data: { expiresAt: dateOnly(addCalendarDays(today(), -1)) },
    });
    const refused = await failure(createDosingOrder(s.actors.prescriber, { clientId: s.clientA.id, order }));
    expect(refused.code).toBe("BLOCKED");
    expect(refused.message).toMatch(/You are not licensed in CA/);
    expect(
      await db().auditEvent.count({
        where: { recordId: s.clientA.id, action: "dosing_order.create", outcome: "DENIED" },
      }),
    ).toBe(1);
    expect(await db().dosingOrder.count({ where: { clientId: s.clientA.id } })).toBe(0);
  });
});

describe("screening: no override makes a client eligible for a prescriber not licensed there", () => {
  it("refuses 'eligible' from an unlicensed prescriber (audited), whatever the override; a licensed one decides", async () => {
    const s = await sceneWithConsents();
    const { screeningId } = await submitForScreening(
      s.actors.clientA,
      `${s.clientA.legalFirstName} ${s.clientA.legalLastName}`,
    );
    await db().staffLicence.updateMany({
      where: { staffProfile: { userId: s.prescriber.id } },
      data: { expiresAt: dateOnly(addCalendarDays(today(), -1)) },
    });
    const review = await getScreeningReview(s.actors.prescriber, screeningId);
    expect(review.licenseStates).toEqual([]);
    expect(review.unlicensedStates).toEqual(["CA"]);
    expect(review.flags.map((f) => f.code)).toContain("prescriber-not-licensed");
    const eligible = {
      screeningId,
      version: 1,
      decision: "ELIGIBLE" as const,
      rationale: "Reviewed intake and measures.",
      diagnosisCode: "F33.1",
      overrideReason: "Licence renewal is in the post; proceeding anyway.",
    };
    const refused = await failure(decideScreening(s.actors.prescriber, eligible));
    expect(refused.code).toBe("BLOCKED");
    expect(refused.fieldErrors.decision?.[0]).toMatch(
      /no current licence in CA \(licence expired .*\), where the client lives/,
    );
    const [row] = await db().auditEvent.findMany({
      where: { recordId: screeningId, action: "screening.decide", outcome: "DENIED" },
    });
    expect(row?.detail).toMatchObject({ decision: "ELIGIBLE", reason: "prescriber-not-licensed" });
    expect((await db().screening.findUniqueOrThrow({ where: { id: screeningId } })).status).toBe(
      "AWAITING_REVIEW",
    );

    // Another prescriber, licensed in CA, decides.
    const licensed = actorFor(await createUser(s.practice.id, "PRESCRIBER", { licenseStates: ["CA"] }));
    await decideScreening(licensed, { ...eligible, overrideReason: undefined });
    const signed = await db().screening.findUniqueOrThrow({ where: { id: screeningId } });
    expect(signed).toMatchObject({ status: "SIGNED", decision: "ELIGIBLE", prescriberId: licensed.userId });
  });

  it("lets an unlicensed prescriber decide 'not eligible' or ask for information", async () => {
    const s = await sceneWithConsents();
    const { screeningId } = await submitForScreening(
      s.actors.clientA,
      `${s.clientA.legalFirstName} ${s.clientA.legalLastName}`,
      { residence: { state: "WA" } },
    );
    const review = await getScreeningReview(s.actors.prescriber, screeningId);
    expect(review.unlicensedStates).toEqual(["WA"]);
    await decideScreening(s.actors.prescriber, {
      screeningId,
      version: 1,
      decision: "NOT_ELIGIBLE",
      rationale: "Lives outside the states we can treat in.",
    });
    expect((await db().screening.findUniqueOrThrow({ where: { id: screeningId } })).decision).toBe(
      "NOT_ELIGIBLE",
    );
  });
});

describe("licences on file", () => {
  it("the admin replaces a clinician's licences with their expiry dates; the audit row keeps before and after", async () => {
    const s = await createScene();
    await updateStaffLicences(s.actors.admin, {
      userId: s.prescriber.id,
      licences: [
        { state: "wa", expiresAt: "2027-03-31" },
        { state: "CA", expiresAt: "2028-01-31" },
      ],
    });
    const stored = await db().staffLicence.findMany({
      where: { staffProfile: { userId: s.prescriber.id } },
      orderBy: { state: "asc" },
    });
    expect(stored.map((l) => [l.state, l.expiresAt.toISOString().slice(0, 10)])).toEqual([
      ["CA", "2028-01-31"],
      ["WA", "2027-03-31"],
    ]);
    const row = await db().auditEvent.findFirstOrThrow({
      where: { recordId: s.prescriber.id, action: "user.licences" },
    });
    expect(row.detail).toMatchObject({
      after: [
        { state: "CA", expiresAt: "2028-01-31" },
        { state: "WA", expiresAt: "2027-03-31" },
      ],
    });
    expect((row.detail as { before: { state: string }[] }).before.map((l) => l.state)).toEqual(["CA"]);

    const bad = await failure(
      updateStaffLicences(s.actors.admin, {
        userId: s.prescriber.id,
        licences: [{ state: "CA", expiresAt: "2028-02-30" }],
      }),
    );
    expect(bad.code).toBe("VALIDATION");
    expect(Object.keys(bad.fieldErrors)).toEqual(["licences.0.expiresAt"]);
    for (const actor of [s.actors.therapist, s.actors.prescriber]) {
      expect(
        (await failure(updateStaffLicences(actor, { userId: s.prescriber.id, licences: [] }))).code,
      ).toBe("FORBIDDEN");
    }
    const other = await createScene();
    expect(
      (await failure(updateStaffLicences(other.actors.admin, { userId: s.prescriber.id, licences: [] })))
        .code,
    ).toBe("NOT_FOUND");
    expect(await db().staffLicence.count({ where: { staffProfile: { userId: s.prescriber.id } } })).toBe(2);
  });
});
