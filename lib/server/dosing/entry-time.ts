import "server-only";
import { checkEntryTime, entryTimeFieldErrors } from "@/lib/domain/dosing/entry-time";
import { AuditedRefusal } from "@/lib/server/core/transaction";
import { sessionStartOf } from "./record-access";

type RecordFacts = { id: string; clientId: string; createdAt: Date; session: { startsAt: Date } };

/**
 * Applies the honest-time rule (lib/domain/dosing/entry-time.ts, docs/clinical-rules.md §3) to an
 * entry on a dosing record, on the server's clock. A time outside the session, or a late entry
 * without a reason, is refused as VALIDATION with the message on the field, and the refusal is
 * audited (it rolls the transaction back; the denial row stays). Returns whether the entry is
 * late and the reason to store with it (none when it is not late).
 */
export function assertEntryTime(
  r: RecordFacts,
  entry: { at: Date; lateReason?: string | null; field: string; action: string },
  now = new Date(),
): { late: boolean; lateReason: string | null } {
  const { problems, late } = checkEntryTime({
    sessionStartsAt: sessionStartOf(r),
    at: entry.at,
    now,
    lateReason: entry.lateReason,
  });
  if (problems.length > 0) {
    throw new AuditedRefusal(
      "VALIDATION",
      problems.map((p) => p.message).join(" "),
      [
        {
          action: entry.action,
          recordType: "DosingRecord",
          recordId: r.id,
          clientId: r.clientId,
          outcome: "DENIED",
          detail: {
            refused: problems.map((p) => p.code),
            field: entry.field,
            at: entry.at.toISOString(),
            serverTime: now.toISOString(),
          },
        },
      ],
      { fieldErrors: entryTimeFieldErrors(problems, entry.field) },
    );
  }
  return { late, lateReason: late ? (entry.lateReason ?? "").trim() : null };
}

/** What the audit row of a late entry adds: that it is late, why, and when it was charted. */
export const lateDetail = (entry: { late: boolean; lateReason: string | null }, now = new Date()) =>
  entry.late ? { late: true, lateReason: entry.lateReason, enteredAt: now.toISOString() } : {};
