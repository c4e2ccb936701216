import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { type BoosterProblem, checkBooster } from "@/lib/domain/dosing/order";
import type { AppErrorCode } from "@/lib/errors";
import { authorize } from "@/lib/server/core/authorize";
import { parseOrThrow } from "@/lib/server/core/parse";
import { AuditedRefusal, transaction } from "@/lib/server/core/transaction";
import { type RecordBoosterInput, recordBoosterSchema } from "@/lib/validation/dosing";
import { boosterFacts, orderBoosterSelect } from "./dosing-orders";
import { assertEntryTime, lateDetail } from "./entry-time";
import { assertPrescriberLicensedForDose } from "./prescriber-licence";
import { assertOpen, loadRecord, update } from "./record-access";

const ACTION = "dosing_record.booster";

/** The record's state refuses it (CONFLICT); a time typed wrong is bad input; the rest is the order refusing it. */
const STATE: ReadonlySet<BoosterProblem["code"]> = new Set(["no-first-dose", "already-given"]);
const INPUT: ReadonlySet<BoosterProblem["code"]> = new Set([
  "before-first-dose",
  "in-the-future",
  "invalid-amount",
]);
function codeFor(problems: BoosterProblem[]): AppErrorCode {
  if (problems.some((p) => STATE.has(p.code))) return "CONFLICT";
  if (problems.every((p) => INPUT.has(p.code))) return "VALIDATION";
  return "BLOCKED";
}

/**
 * The booster given after the first administration (docs/clinical-rules.md §3 "The dose given"):
 * only when the order carries one, not before its earliest minute, never above the booster or the
 * session's total maximum, once, by a prescriber licensed where the client is. Every refusal is
 * rolled back and audited. Vitals keep counting minutes from the first administration.
 */
export async function recordBooster(actor: Actor, input: RecordBoosterInput) {
  const data = parseOrThrow(recordBoosterSchema, input);
  await authorize(actor, "write", "dosingRecord", { recordType: "DosingRecord", recordId: data.recordId });
  return transaction(actor, async (tx) => {
    const r = await loadRecord(tx, actor, data.recordId, ACTION);
    assertOpen(r);
    // Honest times, as for the dose: within the session, not ahead of the clock, late only with a reason.
    const entry = assertEntryTime(r, {
      at: data.givenAt,
      lateReason: data.lateReason,
      field: "givenAt",
      action: ACTION,
    });
    const held = await tx.dosingRecord.findUniqueOrThrow({
      where: { id: r.id },
      select: {
        doseMg: true,
        boosterGivenAt: true,
        readyToLeaveAt: true,
        order: { select: { id: true, revokedAt: true, validUntil: true, ...orderBoosterSelect } },
      },
    });
    const deny = (
      code: AppErrorCode,
      message: string,
      fieldErrors: Record<string, string[]>,
      reasons: string[],
    ) =>
      new AuditedRefusal(
        code,
        message,
        [
          {
            action: ACTION,
            recordType: "DosingRecord",
            recordId: r.id,
            clientId: r.clientId,
            outcome: "DENIED",
            detail: { reasons, mg: data.mg, givenAt: data.givenAt.toISOString() },
          },
        ],
        { fieldErrors },
      );
    if (held.readyToLeaveAt) {
      const message = "The client's discharge is recorded: a booster comes before discharge, never after it.";
      throw deny("CONFLICT", message, { mg: [message] }, ["after-discharge"]);
    }
    const order = held.order
      ? { ...boosterFacts(held.order), revokedAt: held.order.revokedAt, validUntil: held.order.validUntil }
      : {
          boosterMg: null,
          boosterEarliestMinute: null,
          totalMaxMg: null,
          revokedAt: null,
          validUntil: new Date(0),
        };
    const problems = checkBooster(
      order,
      {
        doseGivenAt: r.doseGivenAt,
        doseMg: held.doseMg?.toNumber() ?? null,
        boosterGivenAt: held.boosterGivenAt,
      },
      { mg: data.mg, at: data.givenAt },
      new Date(),
    );
    if (problems.length > 0) {
      const fieldErrors: Record<string, string[]> = {};
      for (const p of problems) fieldErrors[p.field] = [...(fieldErrors[p.field] ?? []), p.message];
      throw deny(
        codeFor(problems),
        problems.map((p) => p.message).join(" "),
        fieldErrors,
        problems.map((p) => p.code),
      );
    }
    if (!held.order) throw deny("CONFLICT", "The record has no order.", {}, ["no-order"]);
    await assertPrescriberLicensedForDose(tx, actor, r, held.order.id, data.givenAt, ACTION);
    await update(
      tx,
      actor,
      r,
      data.version,
      {
        boosterMg: data.mg,
        boosterGivenAt: data.givenAt,
        boosterLotNumber: data.lotNumber,
        boosterLateReason: entry.lateReason,
      },
      ACTION,
      {
        mg: data.mg,
        totalMg: Math.round(((held.doseMg?.toNumber() ?? 0) + data.mg) * 100) / 100,
        ...lateDetail(entry),
      },
    );
  });
}
