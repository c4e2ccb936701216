import "server-only";
import { evaluateGoNoGo, type GoNoGoResult, goNoGoInputSchema } from "@/lib/domain/dosing/checklist";
import { recheckDose } from "@/lib/domain/dosing/dose-recheck";
import type { Db, Tx } from "@/lib/server/core/db";
import { AuditedRefusal } from "@/lib/server/core/transaction";
import { checklistContext } from "./go-no-go";
import { type loadRecord, settingsOf } from "./record-access";

type Loaded = Awaited<ReturnType<typeof loadRecord>>;

const measureSelect = { id: true, takenAt: true, band: true, total: true, flags: true } as const;

/**
 * The pre-dose questionnaires of one dosing record (docs/clinical-rules.md §4): the C-SSRS asked
 * "since last visit" and the PHQ-9, each answered for this dosing session (in the portal, from the
 * session's request, or asked by a clinician on the dosing page) and after the client's previous
 * dose. The latest of each, or null.
 */
export async function preDoseMeasures(
  tx: Tx | Db,
  record: { id: string; clientId: string; sessionId: string },
) {
  const previous = await tx.dosingRecord.findFirst({
    where: { clientId: record.clientId, id: { not: record.id }, doseGivenAt: { not: null } },
    orderBy: { doseGivenAt: "desc" },
    select: { doseGivenAt: true },
  });
  const since = previous?.doseGivenAt ?? null;
  const latest = (scale: "CSSRS" | "PHQ9", variant: "SINCE_LAST_VISIT" | "STANDARD") =>
    tx.measureResponse.findFirst({
      where: {
        clientId: record.clientId,
        sessionId: record.sessionId,
        scale,
        variant,
        ...(since ? { takenAt: { gt: since } } : {}),
      },
      orderBy: { takenAt: "desc" },
      select: measureSelect,
    });
  return {
    previousDoseAt: since,
    cssrsSinceLastVisit: await latest("CSSRS", "SINCE_LAST_VISIT"),
    phq9: await latest("PHQ9", "STANDARD"),
  };
}

/** The stored checklist's entries re-evaluated against the record's facts now; null when there are none. */
async function checklistNow(tx: Tx, r: Loaded): Promise<GoNoGoResult | null> {
  const stored = (r.checklist as { input?: unknown } | null)?.input;
  const input = goNoGoInputSchema.safeParse(stored);
  if (!input.success) return null;
  return evaluateGoNoGo(input.data, settingsOf(r), await checklistContext(tx, r));
}

/**
 * Runs inside recordDose's transaction, before the dose is written: the series gates, open
 * safety flags (one raised after the checklist included), consent and eligibility, the order at
 * the real time of recording, the age of the checklist's blood-pressure reading, the override's
 * reach and the pre-dose questionnaires (lib/domain/dosing/dose-recheck.ts decides). A refusal is
 * BLOCKED, rolls everything back and leaves a denial row naming every problem.
 */
export async function recheckAtDose(
  tx: Tx,
  r: Loaded,
  at: { now: Date; givenAt: Date; order: { revokedAt: Date | null; validUntil: Date } },
) {
  const extra = await tx.dosingRecord.findUniqueOrThrow({
    where: { id: r.id },
    select: { checklistAt: true, overrideItems: true },
  });
  const pre = await preDoseMeasures(tx, r);
  const problems = recheckDose({
    now: at.now,
    givenAt: at.givenAt,
    checklist: await checklistNow(tx, r),
    checklistAt: extra.checklistAt,
    override: r.overrideReason
      ? { reason: r.overrideReason, byRole: "PRESCRIBER", items: extra.overrideItems }
      : null,
    bpReadingMaxAgeMinutes: settingsOf(r).bpReadingMaxAgeMinutes,
    preDose: { cssrsSinceLastVisit: pre.cssrsSinceLastVisit !== null, phq9: pre.phq9 !== null },
    order: at.order,
  });
  if (problems.length === 0) return;
  throw new AuditedRefusal(
    "BLOCKED",
    `The dose cannot be recorded: ${problems.map((p) => p.message).join(" ")}`,
    [
      {
        action: "dosing_record.dose",
        recordType: "DosingRecord",
        recordId: r.id,
        clientId: r.clientId,
        outcome: "DENIED",
        detail: { blocked: problems.map((p) => p.code) },
      },
    ],
  );
}
