import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { clientScope } from "@/lib/auth/relations";
import { readPracticeSettings } from "@/lib/domain/admin/practice-settings";
import type { GoNoGoResult } from "@/lib/domain/dosing/checklist";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { consentSignatureStatusSelect } from "@/lib/server/consents/consent-selects";
import { audit } from "@/lib/server/core/audit";
import { deniedAsNotFound } from "@/lib/server/core/authorize";
import type { Tx } from "@/lib/server/core/db";
import { eligibilityScreeningSelect } from "@/lib/server/screening/eligibility-now";

const recordSelect = {
  id: true,
  sessionId: true,
  clientId: true,
  status: true,
  checklist: true,
  checklistPassed: true,
  overrideReason: true,
  overrideAt: true,
  doseGivenAt: true,
  // The monitoring clock runs from the last administration (lastAdministrationAt in lib/domain/dosing/order.ts).
  boosterGivenAt: true,
  version: true,
  createdAt: true,
  session: {
    select: {
      id: true,
      seriesId: true,
      sequence: true,
      startsAt: true,
      status: true,
      series: { select: { practice: { select: { settings: true } } } },
    },
  },
  client: {
    select: {
      screenings: { select: eligibilityScreeningSelect },
      consentSignatures: { select: consentSignatureStatusSelect },
      practice: {
        select: {
          consentDocuments: { where: { retiredAt: null }, select: { id: true, kind: true, version: true } },
          settings: true,
          timeZone: true,
        },
      },
    },
  },
  vitals: {
    orderBy: { takenAt: "desc" },
    take: 1,
    select: { systolic: true, diastolic: true, heartRate: true, spo2: true, takenAt: true },
  },
} satisfies Prisma.DosingRecordSelect;
type LoadedRecord = Prisma.DosingRecordGetPayload<{ select: typeof recordSelect }>;

/** A dosing record of a client in the actor's reach, or an audited not-found. */
export async function loadRecord(
  tx: Tx,
  actor: Actor,
  recordId: string,
  action: string,
): Promise<LoadedRecord> {
  const record = await tx.dosingRecord.findFirst({
    where: {
      id: recordId,
      client: clientScope(actor),
      session: { deletedAt: null, series: { practiceId: actor.practiceId } },
    },
    select: recordSelect,
  });
  if (!record) return deniedAsNotFound(actor, { action, recordType: "DosingRecord", recordId });
  return record;
}

/**
 * When the session started, for the honest-time rule: the earlier of its planned start and the
 * moment the dosing day was begun (the record was created then), so a session begun early
 * takes entries from its real start.
 */
export const sessionStartOf = (r: { createdAt: Date; session: { startsAt: Date } }) =>
  new Date(Math.min(r.session.startsAt.getTime(), r.createdAt.getTime()));

export const settingsOf = (r: LoadedRecord) => readPracticeSettings(r.session.series.practice.settings);
export const checklistResult = (r: { checklist: Prisma.JsonValue }) =>
  ((r.checklist as { result?: GoNoGoResult } | null)?.result ?? null) as GoNoGoResult | null;

/** Applies a change if the record is at the expected version and not signed; audits it. */
export async function update(
  tx: Tx,
  actor: Actor,
  r: LoadedRecord,
  version: number,
  data: Prisma.DosingRecordUncheckedUpdateManyInput,
  action: string,
  detail?: Prisma.InputJsonValue,
) {
  const { count } = await tx.dosingRecord.updateMany({
    where: { id: r.id, version, status: { not: "SIGNED" } },
    data: { ...data, version: { increment: 1 } },
  });
  if (count !== 1)
    throw new AppError("CONFLICT", "This record was changed meanwhile (or signed). Reload to see it.");
  await audit(
    actor,
    { action, recordType: "DosingRecord", recordId: r.id, clientId: r.clientId, detail },
    tx,
  );
}

export const assertOpen = (r: { status: string }) => {
  if (r.status !== "IN_PROGRESS")
    throw new AppError("CONFLICT", "This record is completed; corrections are addenda.");
};

/**
 * Locks the record while a reading or an adverse event is added to it, so that completing
 * (and then signing) waits for it: nothing is added to a record after it is completed.
 */
export async function holdOpen(tx: Tx, r: LoadedRecord) {
  const [row] = await tx.$queryRaw<{ status: string }[]>`
    SELECT status::text AS status FROM "DosingRecord" WHERE id = ${r.id} FOR UPDATE`;
  assertOpen(row ?? { status: "MISSING" });
}
