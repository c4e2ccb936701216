import { describe, expect, it } from "vitest";
import { addCalendarDays, localDateOf } from "@/lib/domain/core/zoned-time";
import { getClientSummary } from "@/lib/server/clients/client-summary";
import { getConsentForSigning, signConsent } from "@/lib/server/consents/consent-signing";
import { withdrawConsent } from "@/lib/server/consents/consent-withdrawal";
import { db } from "@/lib/server/core/db";
import { beginDosingDay } from "@/lib/server/dosing/dosing-day";
import { dosingGateFor } from "@/lib/server/dosing/dosing-gate";
import { createDosingOrder } from "@/lib/server/dosing/dosing-orders";
import { submitChecklist } from "@/lib/server/dosing/go-no-go";
import { recordDose } from "@/lib/server/dosing/record-dose";
import { getPortalHome } from "@/lib/server/portal/portal-home";
import { appErrorOf, codeOf } from "../../fixtures/errors";
import { TZ } from "../../fixtures/factory";
import { askPreDoseMeasures, GOOD, readyForDose, recordOf } from "../../fixtures/journey";

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
  expect(
    (await submitChecklist(s.actors.therapist, { recordId: r.id, version: r.version, checklist: GOOD }))
      .passed,
  ).toBe(true);
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

const kapSignature = (clientId: string) =>
  db().consentSignature.findFirstOrThrow({
    where: { clientId, document: { kind: "KAP_INFORMED_CONSENT" } },
    orderBy: { signedAt: "desc" },
  });

describe("a client withdraws their consent", () => {
  it("is recorded and audited, tells the care team, holds the dose; signing again restores it", async () => {
    const { s, dose, give } = await readyToGive();
    const signature = await kapSignature(s.clientA.id);
    await withdrawConsent(s.actors.clientA, {
      signatureId: signature.id,
      reason: "I want to think it over.",
    });

    const withdrawal = await db().consentWithdrawal.findUniqueOrThrow({
      where: { signatureId: signature.id },
    });
    expect(withdrawal).toMatchObject({
      clientId: s.clientA.id,
      reason: "I want to think it over.",
      withdrawnByUserId: s.actors.clientA.userId,
    });
    const audit = await db().auditEvent.findFirst({
      where: { action: "consent.withdraw", recordId: signature.id },
    });
    expect(audit).toMatchObject({
      clientId: s.clientA.id,
      outcome: "OK",
      actorUserId: s.actors.clientA.userId,
    });
    const mail = await db().outboxMessage.findFirst({
      where: { to: s.therapist.email },
      orderBy: { createdAt: "desc" },
    });
    expect(mail?.subject).toBe("Kapstone: a client's consent needs your attention");
    expect(mail?.text).not.toContain(s.clientA.legalLastName);
    expect(mail?.text).not.toContain("think it over");
    // A withdrawal is a record: it never changes.
    await expect(
      db().consentWithdrawal.update({ where: { id: withdrawal.id }, data: { reason: "edited" } }),
    ).rejects.toThrow(/fixed/);

    const gate = await dosingGateFor(db(), dose);
    expect(gate.blocks.find((b) => b.code === "CONSENT_NOT_CURRENT")?.reason).toMatch(
      /withdrew the KAP informed consent/,
    );
    const refused = await appErrorOf(give());
    expect(refused.code).toBe("BLOCKED");
    expect(refused.message).toMatch(/withdrew the informed consent/);
    expect((await recordOf(dose.id)).doseGivenAt).toBeNull();

    const home = await getPortalHome(s.actors.clientA);
    expect(home.consentsToRenew.find((c) => c.kind === "KAP_INFORMED_CONSENT")?.withdrawnAt).toEqual(
      withdrawal.withdrawnAt,
    );
    // The care team sees it on the client's record.
    expect((await getClientSummary(s.actors.therapist, s.clientA.id)).consentsWithdrawn).toEqual([
      {
        kind: "KAP_INFORMED_CONSENT",
        withdrawnAt: withdrawal.withdrawnAt,
        reason: "I want to think it over.",
      },
    ]);
    // Withdrawing twice is a conflict, not a second record.
    expect(await withdrawConsent(s.actors.clientA, { signatureId: signature.id }).catch(codeOf)).toBe(
      "CONFLICT",
    );

    const { document, signature: shown } = await getConsentForSigning(
      s.actors.clientA,
      "KAP_INFORMED_CONSENT",
    );
    expect(shown?.withdrawal?.withdrawnAt).toEqual(withdrawal.withdrawnAt);
    const legalName = `${s.clientA.legalFirstName} ${s.clientA.legalLastName}`;
    await signConsent(s.actors.clientA, {
      kind: "KAP_INFORMED_CONSENT",
      documentId: document.id,
      typedName: legalName,
    });
    expect(
      await signConsent(s.actors.clientA, {
        kind: "KAP_INFORMED_CONSENT",
        documentId: document.id,
        typedName: legalName,
      }).catch(codeOf),
    ).toBe("CONFLICT");
    expect((await dosingGateFor(db(), dose)).blocks.some((b) => b.code === "CONSENT_NOT_CURRENT")).toBe(
      false,
    );
    await give();
    expect((await recordOf(dose.id)).doseGivenAt).not.toBeNull();
    expect((await getClientSummary(s.actors.therapist, s.clientA.id)).consentsWithdrawn).toEqual([]);
    // Both signatures and the withdrawal stay on record.
    expect(
      await db().consentSignature.count({ where: { clientId: s.clientA.id, documentId: document.id } }),
    ).toBe(2);
  });

  it("a client cannot withdraw another client's consent: not found, audited", async () => {
    const { s } = await readyToGive();
    const signature = await kapSignature(s.clientA.id);
    expect(await withdrawConsent(s.actors.clientB, { signatureId: signature.id }).catch(codeOf)).toBe(
      "NOT_FOUND",
    );
    expect(await withdrawConsent(s.actors.therapist, { signatureId: signature.id }).catch(codeOf)).toBe(
      "FORBIDDEN",
    );
    expect(await db().consentWithdrawal.count({ where: { signatureId: signature.id } })).toBe(0);
    const denied = await db().auditEvent.findFirst({
      where: { action: "consent.withdraw", recordId: signature.id, outcome: "DENIED" },
    });
    expect(denied?.actorUserId).toBe(s.actors.clientB.userId);
  });

  it("refuses a reason that is too long, with the field's message", async () => {
    const { s } = await readyToGive();
    const signature = await kapSignature(s.clientA.id);
    const e = await appErrorOf(
      withdrawConsent(s.actors.clientA, { signatureId: signature.id, reason: "x".repeat(1001) }),
    );
    expect(e.code).toBe("VALIDATION");
    expect(e.fieldErrors?.reason?.[0]).toMatch(/1,000/);
  });
});
