import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { intakeChecklist } from "@/lib/domain/intake/intake-checklist";
import { intakeStepStatus } from "@/lib/domain/intake/intake-progress";
import { SCALE_IDS, type ScaleId } from "@/lib/domain/measures/measure-types";
import { countFlags } from "@/lib/domain/screening/eligibility";
import { screeningFlags } from "@/lib/domain/screening/screening-input";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { requireOwnClient } from "@/lib/server/clients/own-client";
import { consentStatuses } from "@/lib/server/consents/consent-signing";
import { audit } from "@/lib/server/core/audit";
import { authorize } from "@/lib/server/core/authorize";
import type { Tx } from "@/lib/server/core/db";
import { transaction } from "@/lib/server/core/transaction";
import { parseSubmittedIntake } from "./intake-drafts";

/** Everything the checklist needs, read in one transaction's worth of queries. */
async function checklistFacts(tx: Tx, practiceId: string, clientId: string) {
  const [draft, measures, consents] = await Promise.all([
    tx.formResponse.findFirst({
      where: { clientId, kind: "INTAKE" },
      orderBy: { createdAt: "desc" },
      select: { id: true, status: true, data: true, version: true },
    }),
    tx.measureResponse.findMany({
      where: { clientId, context: "INTAKE" },
      select: { scale: true, answers: true, band: true, takenAt: true },
    }),
    consentStatuses(tx, practiceId, clientId),
  ]);
  const data = (draft?.data ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const releaseNeeded = data.outsideTherapist?.hasOutsideTherapist === "yes";
  const checklist = intakeChecklist({
    steps: intakeStepStatus(data),
    measuresDone: SCALE_IDS.filter((s) => measures.some((m) => m.scale === s)) as ScaleId[],
    kapConsentCurrent: consents.find((c) => c.kind === "KAP_INFORMED_CONSENT")?.current ?? false,
    releaseNeeded,
    releaseCurrent: consents.find((c) => c.kind === "RELEASE_OF_INFORMATION")?.current ?? false,
  });
  return { draft, measures, consents, checklist };
}

/**
 * Hands the intake to the prescribers: the intake is fixed, the contact details
 * reach the client record, and a screening awaiting review is created with the
 * flags the rules raise. All or nothing.
 */
export async function submitIntake(actor: Actor) {
  await authorize(actor, "write", "intake");
  const client = await requireOwnClient(actor);
  const now = new Date();
  const screening = await transaction(actor, async (tx) => {
    const { draft, measures, checklist } = await checklistFacts(tx, actor.practiceId, client.id);
    if (draft?.status !== "DRAFT") throw new AppError("CONFLICT", "Your intake was already submitted.");
    if (!checklist.ready) {
      const open = checklist.items.filter((i) => !i.done).map((i) => i.label);
      throw new AppError("VALIDATION", `Please finish these first: ${open.join(", ")}.`);
    }
    const intake = parseSubmittedIntake(draft.data);
    const { count } = await tx.formResponse.updateMany({
      where: { id: draft.id, version: draft.version, status: "DRAFT" },
      data: { status: "SUBMITTED", submittedAt: now, version: { increment: 1 } },
    });
    if (count !== 1)
      throw new AppError("CONFLICT", "Your intake was changed in another window. Please try again.");
    const c = intake.contact;
    await tx.client.update({
      where: { id: client.id },
      data: {
        preferredName: c.preferredName ?? null,
        pronouns: c.pronouns ?? null,
        phone: c.phone,
        addressLine: c.addressLine,
        emergencyContactName: c.emergencyContactName,
        emergencyContactPhone: c.emergencyContactPhone,
        emergencyContactRelation: c.emergencyContactRelation,
        state: intake.residence.state,
        stage: "AWAITING_SCREENING",
        stageChangedAt: now,
      },
    });
    const flags = screeningFlags({
      intake,
      dateOfBirth: client.dateOfBirth,
      residenceState: intake.residence.state,
      measures,
      prescriberLicenseStates: null,
      now,
      timeZone: actor.timeZone,
    });
    const counts = countFlags(flags);
    const screening = await tx.screening.create({
      data: {
        practiceId: actor.practiceId,
        clientId: client.id,
        intakeResponseId: draft.id,
        flags: flags as unknown as Prisma.InputJsonValue,
        absoluteFlagCount: counts.absolute,
        relativeFlagCount: counts.relative,
      },
    });
    await audit(
      actor,
      { action: "intake.submit", recordType: "FormResponse", recordId: draft.id, clientId: client.id },
      tx,
    );
    await audit(
      actor,
      {
        action: "screening.create",
        recordType: "Screening",
        recordId: screening.id,
        clientId: client.id,
        detail: counts,
      },
      tx,
    );
    return screening;
  });
  return { screeningId: screening.id };
}
