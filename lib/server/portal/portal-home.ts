import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { consentStatusesFrom } from "@/lib/domain/consents/consent-status";
import { intakeChecklist } from "@/lib/domain/intake/intake-checklist";
import { intakeStepStatus } from "@/lib/domain/intake/intake-progress";
import { SCALE_IDS } from "@/lib/domain/measures/measure-types";
import { AppError } from "@/lib/errors";
import { consentSignatureStatusSelect } from "@/lib/server/consents/consent-selects";
import { audit } from "@/lib/server/core/audit";
import { authorize } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";

const UPCOMING = 5;

/**
 * The signed-in client's home: stage, what is due before screening, consents to
 * sign again, and upcoming sessions. One query for the client's own record.
 */
export async function getPortalHome(actor: Actor) {
  await authorize(actor, "read", "client");
  if (actor.role !== "CLIENT" || !actor.clientId) throw new AppError("NOT_FOUND", "Not found.");
  const now = new Date();
  const client = await db().client.findFirst({
    where: { id: actor.clientId, userId: actor.userId, practiceId: actor.practiceId, deletedAt: null },
    select: {
      id: true,
      legalFirstName: true,
      preferredName: true,
      stage: true,
      practice: {
        select: {
          name: true,
          timeZone: true,
          consentDocuments: { where: { retiredAt: null }, select: { id: true, kind: true, version: true } },
        },
      },
      formResponses: {
        where: { kind: "INTAKE" },
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { status: true, data: true },
      },
      measureResponses: { where: { context: "INTAKE" }, select: { scale: true } },
      consentSignatures: { select: consentSignatureStatusSelect },
      seriesParticipations: {
        where: { series: { deletedAt: null } },
        select: {
          series: {
            select: {
              sessions: {
                where: { deletedAt: null, status: { in: ["SCHEDULED", "CONFIRMED"] }, endsAt: { gte: now } },
                orderBy: { startsAt: "asc" },
                take: UPCOMING,
                select: {
                  id: true,
                  kind: true,
                  startsAt: true,
                  endsAt: true,
                  location: true,
                  telehealthUrl: true,
                },
              },
            },
          },
        },
      },
    },
  });
  if (!client) throw new AppError("NOT_FOUND", "Not found.");
  await audit(actor, {
    action: "portal.home",
    recordType: "Client",
    recordId: client.id,
    clientId: client.id,
  });

  const consents = consentStatusesFrom(client.practice.consentDocuments, client.consentSignatures);
  const intake = client.formResponses[0];
  const data = (intake?.data ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const inIntake =
    (client.stage === "INTAKE_IN_PROGRESS" || client.stage === "INVITED") && intake?.status !== "SUBMITTED";
  const checklist = inIntake
    ? intakeChecklist({
        steps: intakeStepStatus(data),
        measuresDone: SCALE_IDS.filter((s) => client.measureResponses.some((m) => m.scale === s)),
        kapConsentCurrent: consents.find((c) => c.kind === "KAP_INFORMED_CONSENT")?.current ?? false,
        releaseNeeded: data.outsideTherapist?.hasOutsideTherapist === "yes",
        releaseCurrent: consents.find((c) => c.kind === "RELEASE_OF_INFORMATION")?.current ?? false,
      })
    : null;
  const upcoming = client.seriesParticipations
    .flatMap((p) => p.series.sessions)
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
    .slice(0, UPCOMING);
  return {
    client,
    checklist,
    upcoming,
    // A consent signed before the clinic published a newer version must be signed again.
    // A consent signed before the clinic published a newer version, or withdrawn, is signed again.
    consentsToRenew: consents.filter((c) => c.signedVersion !== null && !c.current && c.documentId),
    /** Consents the client has signed and not withdrawn: each page offers withdrawing it. */
    consentsSigned: consents.filter((c) => c.current),
  };
}
