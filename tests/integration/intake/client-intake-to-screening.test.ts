import { describe, expect, it } from "vitest";
import { DEFAULT_KAP_CONSENT } from "@/lib/domain/consents/consent-documents";
import { AppError } from "@/lib/errors";
import { publishConsentVersion } from "@/lib/server/consents/consent-documents";
import { getConsentForSigning, signConsent } from "@/lib/server/consents/consent-signing";
import { db } from "@/lib/server/core/db";
import { loadOwnIntake, saveIntakeStep } from "@/lib/server/intake/intake-drafts";
import { getClientIntakeView } from "@/lib/server/intake/intake-review";
import { submitIntake } from "@/lib/server/intake/submit-intake";
import { reviewSafetyFlag } from "@/lib/server/measures/safety-flags";
import { submitMeasure } from "@/lib/server/measures/submit-measure";
import { getPortalHome } from "@/lib/server/portal/portal-home";
import { createScene } from "../../fixtures/factory";
import { completeIntake } from "../../fixtures/intake";
import {
  ALL_ZERO,
  CSSRS_NO,
  completeMeasures,
  fillIntake,
  sceneWithConsents,
  signKap,
  submitForScreening,
} from "../../fixtures/journey";

async function checklistOf(s: Awaited<ReturnType<typeof createScene>>) {
  const { checklist } = await getPortalHome(s.actors.clientA);
  if (!checklist) throw new Error("no checklist");
  return checklist;
}
const codeOf = (e: unknown) => (e instanceof AppError ? e.code : String(e));
describe("the client's own intake", () => {
  it("saves drafts as typed, refuses a stale version with 409, and only the client writes", async () => {
    const s = await createScene();
    const { version } = await loadOwnIntake(s.actors.clientA);
    const saved = await saveIntakeStep(s.actors.clientA, {
      step: "contact",
      values: { phone: "not a phone", preferredName: "Ace" },
      version,
      mode: "complete",
    });
    expect(saved.version).toBe(version + 1);
    expect(Object.keys(saved.fieldErrors ?? {})).toContain("phone");
    const again = await loadOwnIntake(s.actors.clientA);
    expect(again.data.contact).toEqual({ phone: "not a phone", preferredName: "Ace" });

    const stale = await saveIntakeStep(s.actors.clientA, {
      step: "contact",
      values: { phone: "other tab" },
      version,
      mode: "autosave",
    }).catch(codeOf);
    expect(stale).toBe("CONFLICT");

    for (const staff of [s.actors.therapist, s.actors.prescriber, s.actors.admin]) {
      const r = await saveIntakeStep(staff, {
        step: "contact",
        values: {},
        version: saved.version,
        mode: "autosave",
      }).catch(codeOf);
      expect(r).toBe("FORBIDDEN");
    }
    // Staff have no "own" intake: not-found, like any record that is not theirs.
    expect(await loadOwnIntake(s.actors.therapist).catch(codeOf)).toBe("NOT_FOUND");
    const rows = await db().auditEvent.findMany({
      where: { clientId: s.clientA.id, action: "intake.update" },
    });
    expect(rows.length).toBe(1);
  });

  it("a client's save lands in their own intake only", async () => {
    const s = await createScene();
    const a = await loadOwnIntake(s.actors.clientA);
    const b = await loadOwnIntake(s.actors.clientB);
    await saveIntakeStep(s.actors.clientA, {
      step: "intention",
      values: { intention: "mine" },
      version: a.version,
      mode: "autosave",
    });
    expect((await loadOwnIntake(s.actors.clientB)).data.intention).toBeUndefined();
    expect(b.id).not.toBe(a.id);
  });
});

describe("hand-off to screening", () => {
  it("refuses to submit until everything is done, then fixes the intake and opens a screening", async () => {
    const s = await sceneWithConsents();
    const intake = completeIntake({
      medical: { highBloodPressure: { answer: "yes", details: "on lisinopril" } },
      medications: { takesMedications: "yes", medications: [{ name: "Xanax", dose: "0.5 mg" }] },
    });
    await fillIntake(s.actors.clientA, intake);
    expect((await submitIntake(s.actors.clientA).catch((e: AppError) => e.message)) as string).toMatch(
      /Patient Health/,
    );
    await completeMeasures(s.actors.clientA);
    await signKap(s.actors.clientA, `${s.clientA.legalFirstName} ${s.clientA.legalLastName}`);
    const checklist = await checklistOf(s);
    expect(`${checklist.doneCount} of ${checklist.total}`).toBe("6 of 6");

    const { screeningId } = await submitIntake(s.actors.clientA);
    const screening = await db().screening.findUniqueOrThrow({ where: { id: screeningId } });
    expect(screening).toMatchObject({
      status: "AWAITING_REVIEW",
      absoluteFlagCount: 0,
      relativeFlagCount: 2,
    });
    const client = await db().client.findUniqueOrThrow({ where: { id: s.clientA.id } });
    expect(client.stage).toBe("AWAITING_SCREENING");
    expect(client.phone).toBe(intake.contact.phone);

    // Submitted answers are fixed, for the client and at the database.
    expect(await submitIntake(s.actors.clientA).catch(codeOf)).toBe("CONFLICT");
    const form = await db().formResponse.findFirstOrThrow({
      where: { clientId: s.clientA.id, kind: "INTAKE" },
    });
    await expect(db().formResponse.update({ where: { id: form.id }, data: { data: {} } })).rejects.toThrow(
      /fixed/,
    );

    // The care team reads it, flags and all; another therapist gets not-found.
    const view = await getClientIntakeView(s.actors.therapist, s.clientA.id);
    expect(view.flags.map((f) => f.code).sort()).toEqual([
      "high-blood-pressure-history",
      "medication-benzodiazepine",
    ]);
    expect(await getClientIntakeView(s.actors.otherTherapist, s.clientA.id).catch(codeOf)).toBe("NOT_FOUND");
    expect(await getClientIntakeView(s.actors.admin, s.clientA.id).catch(codeOf)).toBe("FORBIDDEN");
  });

  it("asks for a release when an outside therapist is named, and records it", async () => {
    const s = await sceneWithConsents();
    await fillIntake(
      s.actors.clientA,
      completeIntake({
        outsideTherapist: { hasOutsideTherapist: "yes", name: "Dana Whitfield", credentials: "LPC" },
      }),
    );
    await completeMeasures(s.actors.clientA);
    await signKap(s.actors.clientA, `${s.clientA.legalFirstName} ${s.clientA.legalLastName}`);
    const checklist = await checklistOf(s);
    expect(checklist.items.map((i) => i.id)).toContain("consent-release");
    expect(checklist.ready).toBe(false);
    const { document } = await getConsentForSigning(s.actors.clientA, "RELEASE_OF_INFORMATION");
    expect(document.body).toContain("Dana Whitfield, LPC");
    await signConsent(s.actors.clientA, {
      kind: "RELEASE_OF_INFORMATION",
      documentId: document.id,
      typedName: `${s.clientA.legalFirstName} ${s.clientA.legalLastName}`,
    });
    const release = await db().release.findFirstOrThrow({
      where: { clientId: s.clientA.id },
      include: { externalProvider: true },
    });
    expect(release.externalProvider.name).toBe("Dana Whitfield");
    expect(release.expiresAt.getTime()).toBeGreaterThan(Date.now() + 300 * 86_400_000);
    expect((await checklistOf(s)).ready).toBe(true);
  });
});

describe("consents", () => {
  it("are fixed once signed, and a new version asks for a new signature", async () => {
    const s = await sceneWithConsents();
    const wrong = await signConsent(s.actors.clientA, {
      kind: "KAP_INFORMED_CONSENT",
      documentId: (await getConsentForSigning(s.actors.clientA, "KAP_INFORMED_CONSENT")).document.id,
      typedName: "Somebody Else",
    }).catch((e: AppError) => e.fieldErrors);
    expect(wrong).toHaveProperty("typedName");

    const { signatureId } = await signKap(
      s.actors.clientA,
      `${s.clientA.legalFirstName} ${s.clientA.legalLastName}`,
    );
    const row = await db().consentSignature.findUniqueOrThrow({ where: { id: signatureId } });
    expect(row.ip).toBe("203.0.113.7");
    await expect(
      db().consentSignature.update({ where: { id: signatureId }, data: { typedName: "x" } }),
    ).rejects.toThrow(/fixed/);
    await expect(db().consentSignature.delete({ where: { id: signatureId } })).rejects.toThrow(/fixed/);
    expect(
      await signKap(s.actors.clientA, `${s.clientA.legalFirstName} ${s.clientA.legalLastName}`).catch(codeOf),
    ).toBe("CONFLICT");

    await publishConsentVersion(s.actors.admin, {
      kind: "KAP_INFORMED_CONSENT",
      title: DEFAULT_KAP_CONSENT.title,
      body: `${DEFAULT_KAP_CONSENT.body}\n\n14. A new section.`,
    });
    expect((await checklistOf(s)).items.find((i) => i.id === "consent-kap")?.done).toBe(false);
    const second = await signKap(s.actors.clientA, `${s.clientA.legalFirstName} ${s.clientA.legalLastName}`);
    expect(second.version).toBe(2);
    expect(
      await publishConsentVersion(s.actors.therapist, {
        kind: "KAP_INFORMED_CONSENT",
        title: "x".repeat(10),
        body: "y".repeat(300),
      }).catch(codeOf),
    ).toBe("FORBIDDEN");
  });
});

describe("measures and safety flags", () => {
  it("scores on the server, raises a flag for PHQ-9 item 9 at once, audits it and tells the care team", async () => {
    const s = await createScene();
    const r = await submitMeasure(s.actors.clientA, { scale: "PHQ9", answers: { ...ALL_ZERO(9), q9: 1 } });
    expect(r).toMatchObject({ total: 1, band: "minimal", safetyFlag: true });
    const flag = await db().safetyFlag.findFirstOrThrow({ where: { clientId: s.clientA.id } });
    expect(flag.reviewedAt).toBeNull();
    const audit = await db().auditEvent.findFirst({
      where: { recordId: flag.id, action: "safety_flag.raise" },
    });
    expect(audit).toMatchObject({
      actorUserId: s.actors.clientA.userId,
      clientId: s.clientA.id,
      outcome: "OK",
    });
    const mail = await db().outboxMessage.findFirst({ where: { to: s.therapist.email } });
    expect(mail?.subject).toMatch(/safety flag/);
    expect(mail?.text).not.toContain(s.clientA.legalLastName);

    expect(await submitMeasure(s.actors.clientA, { scale: "PHQ9", answers: ALL_ZERO(9) }).catch(codeOf)).toBe(
      "CONFLICT",
    );
    const measure = await db().measureResponse.findFirstOrThrow({ where: { clientId: s.clientA.id } });
    await expect(
      db().measureResponse.update({ where: { id: measure.id }, data: { total: 0 } }),
    ).rejects.toThrow(/fixed/);
  });

  it("a prescriber reviewing the client's screening may review the flag; before the screening, only the care team", async () => {
    const s = await sceneWithConsents();
    const flag = await db().safetyFlag.create({
      data: { clientId: s.clientA.id, kind: "SUICIDE_RISK", reason: "PHQ-9 item 9 answered above 0" },
    });
    const review = { flagId: flag.id, note: "Spoke with the client today; safety plan in place." };
    // The prescriber is not on the care team and nothing awaits their review yet.
    expect(await reviewSafetyFlag(s.actors.prescriber, review).catch(codeOf)).toBe("NOT_FOUND");
    expect(await reviewSafetyFlag(s.actors.otherTherapist, review).catch(codeOf)).toBe("NOT_FOUND");

    await submitForScreening(s.actors.clientA, `${s.clientA.legalFirstName} ${s.clientA.legalLastName}`);
    await reviewSafetyFlag(s.actors.prescriber, review);
    const reviewed = await db().safetyFlag.findUniqueOrThrow({ where: { id: flag.id } });
    expect(reviewed).toMatchObject({ reviewedById: s.prescriber.id, reviewNote: review.note });
    expect(
      await db().auditEvent.count({
        where: {
          recordId: flag.id,
          action: "safety_flag.review",
          outcome: "OK",
          actorUserId: s.prescriber.id,
        },
      }),
    ).toBe(1);
  });

  it("raises a flag for a C-SSRS high risk, not for low risk, and refuses bad answers with field errors", async () => {
    const s = await createScene();
    const high = await submitMeasure(s.actors.clientA, {
      scale: "CSSRS",
      answers: { ...CSSRS_NO, q2: true, q4: true },
    });
    expect(high).toMatchObject({ band: "high", safetyFlag: true });
    const low = await submitMeasure(s.actors.clientB, { scale: "CSSRS", answers: { ...CSSRS_NO, q1: true } });
    expect(low).toMatchObject({ band: "low", safetyFlag: false });
    const bad = (await submitMeasure(s.actors.clientB, { scale: "GAD7", answers: { q1: 9 } }).catch(
      (e) => e,
    )) as AppError;
    expect(bad.code).toBe("VALIDATION");
    expect(Object.keys(bad.fieldErrors ?? {})).toEqual(expect.arrayContaining(["q1", "q2"]));
    expect(
      await submitMeasure(s.actors.therapist, { scale: "GAD7", answers: ALL_ZERO(7) }).catch(codeOf),
    ).toBe("FORBIDDEN");
  });
});
