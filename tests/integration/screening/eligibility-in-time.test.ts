import { describe, expect, it } from "vitest";
import { addCalendarDays, localDateOf } from "@/lib/domain/core/zoned-time";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getClientSummary } from "@/lib/server/clients/client-summary";
import { db } from "@/lib/server/core/db";
import { beginDosingDay } from "@/lib/server/dosing/dosing-day";
import { dosingGateFor } from "@/lib/server/dosing/dosing-gate";
import { createDosingOrder } from "@/lib/server/dosing/dosing-orders";
import { submitChecklist } from "@/lib/server/dosing/go-no-go";
import { recordDose } from "@/lib/server/dosing/record-dose";
import { listScreeningQueue } from "@/lib/server/screening/screening-queue";
import { appErrorOf } from "../../fixtures/errors";
import { TZ } from "../../fixtures/factory";
import { askPreDoseMeasures, GOOD, readyForDose, recordOf } from "../../fixtures/journey";

const DAY = 86_400_000;

/** Dose 1 begun with an order, its questionnaires asked and a passing checklist: ready to give. */
async function readyToGive() {
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
  const r = await recordOf(dose.id);
  await askPreDoseMeasures(s, r.id);
  const passed = await submitChecklist(s.actors.therapist, {
    recordId: r.id,
    version: r.version,
    checklist: GOOD,
  });
  expect(passed.passed).toBe(true);
  const give = async () => {
    const now = await recordOf(dose.id);
    return recordDose(s.actors.therapist, {
      recordId: now.id,
      version: now.version,
      orderId,
      mg: 300,
      route: "SUBLINGUAL",
      lotNumber: "KT-7",
      givenAt: new Date(Date.now() - 60_000),
    });
  };
  return { s, dose, give };
}

/**
 * The prescriber's eligible decision, as if it had been signed `daysAgo` days ago: a new signed
 * screening superseding the one in force (records are never edited), with `flags`.
 */
async function decisionSigned(clientId: string, daysAgo: number, flags?: Prisma.InputJsonValue) {
  const inForce = await db().screening.findFirstOrThrow({
    where: { clientId, status: "SIGNED", supersededBy: null },
    orderBy: { createdAt: "desc" },
  });
  return db().screening.create({
    data: {
      practiceId: inForce.practiceId,
      clientId,
      flags: flags ?? (inForce.flags as Prisma.InputJsonValue),
      status: "SIGNED",
      decision: "ELIGIBLE",
      rationale: "Reviewed; no contraindication.",
      diagnosisCode: inForce.diagnosisCode,
      diagnosisLabel: inForce.diagnosisLabel,
      prescriberId: inForce.prescriberId,
      signedAt: new Date(Date.now() - daysAgo * DAY),
      supersedesId: inForce.id,
    },
  });
}

describe("an eligibility decision past the re-review interval", () => {
  it("holds the dose at the gate and at the dose, refuses an order, and puts the client back in the queue", async () => {
    const { s, dose, give } = await readyToGive();
    const expired = await decisionSigned(s.clientA.id, 400);

    const gate = await dosingGateFor(db(), dose);
    expect(gate.allowed).toBe(false);
    const block = gate.blocks.find((b) => b.code === "NOT_ELIGIBLE");
    expect(block?.reason).toMatch(
      /is not eligible now: eligibility expired on .+: a prescriber reviews again\./,
    );

    const refused = await appErrorOf(give());
    expect(refused.code).toBe("BLOCKED");
    expect(refused.message).toMatch(/No current eligible decision: eligibility expired on/);
    const r = await recordOf(dose.id);
    expect(r.doseGivenAt).toBeNull();
    const denial = await db().auditEvent.findFirst({
      where: { recordId: r.id, action: "dosing_record.dose", outcome: "DENIED" },
    });
    expect(denial?.detail).toMatchObject({ blocked: expect.arrayContaining(["item:eligibility"]) });

    const order = await appErrorOf(
      createDosingOrder(s.actors.prescriber, {
        clientId: s.clientA.id,
        order: {
          route: "SUBLINGUAL",
          doseMg: 300,
          maxDoses: 6,
          validUntil: addCalendarDays(localDateOf(new Date(), TZ), 30),
        },
      }),
    );
    expect(order.code).toBe("BLOCKED");
    expect(order.message).toMatch(/eligibility expired on/);
    const orderDenial = await db().auditEvent.findFirst({
      where: { clientId: s.clientA.id, action: "dosing_order.create", outcome: "DENIED" },
    });
    expect(orderDenial?.detail).toMatchObject({ reasons: ["not-eligible"], expiry: "REVIEW_DUE" });

    const queue = await listScreeningQueue(s.actors.prescriber, { page: 1, filter: "all" });
    const row = queue.items.find((q) => q.client.id === s.clientA.id);
    expect(row).toMatchObject({ id: expired.id, waiting: { kind: "EXPIRED" } });
    expect(row?.waiting.kind === "EXPIRED" && row.waiting.reason).toMatch(/eligibility expired on/);

    const summary = await getClientSummary(s.actors.therapist, s.clientA.id);
    expect(summary.eligibility).toMatchObject({ state: "EXPIRED", reason: "REVIEW_DUE" });
  });

  it("a decision within the interval is current: not in the queue, and the dose is given", async () => {
    const { s, give } = await readyToGive();
    await decisionSigned(s.clientA.id, 300);
    const queue = await listScreeningQueue(s.actors.prescriber, { page: 1, filter: "all" });
    expect(queue.items.some((q) => q.client.id === s.clientA.id)).toBe(false);
    await give();
    expect(
      (await db().dosingRecord.findFirstOrThrow({ where: { clientId: s.clientA.id } })).doseGivenAt,
    ).not.toBeNull();
  });

  it("the practice's shorter interval applies", async () => {
    const { s, dose } = await readyToGive();
    await decisionSigned(s.clientA.id, 200);
    expect((await dosingGateFor(db(), dose)).blocks.some((b) => b.code === "NOT_ELIGIBLE")).toBe(false);
    const practice = await db().practice.findUniqueOrThrow({ where: { id: s.clientA.practiceId } });
    await db().practice.update({
      where: { id: practice.id },
      data: { settings: { ...(practice.settings as object), eligibilityReviewMonths: 6 } },
    });
    expect((await dosingGateFor(db(), dose)).blocks.some((b) => b.code === "NOT_ELIGIBLE")).toBe(true);
  });
});

describe("an intake after the decision that changes a flag", () => {
  it("holds the dose with the reason", async () => {
    const { s, dose, give } = await readyToGive();
    // The decision was made yesterday on no flags; the intake the client submitted since raised some.
    const fromIntake = await db().screening.findFirstOrThrow({
      where: { clientId: s.clientA.id, intakeResponseId: { not: null } },
    });
    await decisionSigned(s.clientA.id, 1, [{ code: "not-a-flag-the-intake-raised", severity: "relative" }]);
    expect(fromIntake.createdAt.getTime()).toBeGreaterThan(Date.now() - DAY);
    const gate = await dosingGateFor(db(), dose);
    expect(gate.blocks.find((b) => b.code === "NOT_ELIGIBLE")?.reason).toMatch(
      /not eligible now: the intake changed after the decision\./,
    );
    expect((await appErrorOf(give())).message).toMatch(/the intake changed after the decision/);
  });

  it("does not hold it when the flags are the same", async () => {
    const { s, dose } = await readyToGive();
    await decisionSigned(s.clientA.id, 1);
    expect((await dosingGateFor(db(), dose)).blocks.some((b) => b.code === "NOT_ELIGIBLE")).toBe(false);
  });
});
