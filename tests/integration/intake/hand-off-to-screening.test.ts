import { describe, expect, it } from "vitest";
import type { AppError } from "@/lib/errors";
import { getConsentForSigning, signConsent } from "@/lib/server/consents/consent-signing";
import { db } from "@/lib/server/core/db";
import { getClientIntakeView } from "@/lib/server/intake/intake-review";
import { submitIntake } from "@/lib/server/intake/submit-intake";
import { codeOf } from "../../fixtures/errors";
import { completeIntake } from "../../fixtures/intake";
import {
  checklistOf,
  completeMeasures,
  fillIntake,
  sceneWithConsents,
  signKap,
} from "../../fixtures/journey";

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
