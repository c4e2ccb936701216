import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { clientScope } from "@/lib/auth/relations";
import { storedIntakeSchema } from "@/lib/domain/intake/intake-answers";
import { completedStepCount } from "@/lib/domain/intake/intake-progress";
import { screeningFlags } from "@/lib/domain/screening/screening-input";
import { clientNameSelect } from "@/lib/server/clients/client-selects";
import { audit } from "@/lib/server/core/audit";
import { authorize, deniedAsNotFound } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";
import { measureResponseSelect } from "@/lib/server/measures/measure-selects";

/**
 * A client's intake as the care team reads it: read-only, with the flags the
 * screening rules raise, the measures, consents and safety flags. One query.
 */
export async function getClientIntakeView(actor: Actor, clientId: string) {
  await authorize(actor, "read", "intake", { recordType: "Client", recordId: clientId, clientId });
  const client = await db().client.findFirst({
    where: { id: clientId, ...clientScope(actor) },
    select: {
      ...clientNameSelect,
      dateOfBirth: true,
      state: true,
      stage: true,
      formResponses: {
        where: { kind: "INTAKE" },
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { id: true, status: true, data: true, submittedAt: true, updatedAt: true },
      },
      measureResponses: {
        orderBy: { takenAt: "desc" },
        select: measureResponseSelect,
      },
      consentSignatures: {
        orderBy: { signedAt: "desc" },
        select: {
          id: true,
          typedName: true,
          signedAt: true,
          ip: true,
          document: { select: { kind: true, version: true, title: true } },
          withdrawal: { select: { withdrawnAt: true, reason: true } },
        },
      },
      safetyFlags: {
        orderBy: { raisedAt: "desc" },
        select: { id: true, reason: true, raisedAt: true, reviewedAt: true, reviewNote: true },
      },
    },
  });
  if (!client)
    return deniedAsNotFound(actor, { action: "intake.read", recordType: "Client", recordId: clientId });
  const form = client.formResponses[0] ?? null;
  await audit(actor, {
    action: "intake.read",
    recordType: form ? "FormResponse" : "Client",
    recordId: form?.id ?? client.id,
    clientId: client.id,
  });
  const submitted = form?.status === "SUBMITTED" ? storedIntakeSchema.safeParse(form.data) : null;
  const intake = submitted?.success ? submitted.data : null;
  const flags = intake
    ? screeningFlags({
        intake,
        dateOfBirth: client.dateOfBirth,
        residenceState: intake.residence.state,
        measures: client.measureResponses,
        prescriberLicenseStates: null,
        now: form?.submittedAt ?? new Date(),
        timeZone: actor.timeZone,
      })
    : [];
  return {
    client,
    intake,
    submittedAt: form?.submittedAt ?? null,
    inProgress:
      form && form.status === "DRAFT"
        ? { sectionsDone: completedStepCount(form.data), updatedAt: form.updatedAt }
        : null,
    flags,
    measures: client.measureResponses,
    consents: client.consentSignatures,
    safetyFlags: client.safetyFlags,
  };
}
