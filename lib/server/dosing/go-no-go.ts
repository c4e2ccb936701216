import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { consentStatusesFrom } from "@/lib/domain/consents/consent-status";
import {
  evaluateGoNoGo,
  failedItems,
  type GoNoGoContext,
  notOverridableFailures,
  whyNotOverridable,
} from "@/lib/domain/dosing/checklist";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { authorize } from "@/lib/server/core/authorize";
import type { Tx } from "@/lib/server/core/db";
import { parseOrThrow } from "@/lib/server/core/parse";
import { AuditedRefusal, transaction } from "@/lib/server/core/transaction";
import { eligibilityAt } from "@/lib/server/screening/eligibility-now";
import {
  type OverrideChecklistInput,
  overrideChecklistSchema,
  type SubmitChecklistInput,
  submitChecklistSchema,
} from "@/lib/validation/dosing";
import { dosingGateFor } from "./dosing-gate";
import { assertOpen, checklistResult, loadRecord, settingsOf, update } from "./record-access";

type Loaded = Awaited<ReturnType<typeof loadRecord>>;

/**
 * What the record knows that a form cannot assert: consent, eligibility, this client's open
 * safety flags (SafetyFlag rows not yet reviewed) and the series rules. The client's own flag is
 * its own item; the series rules keep every other block (a partner's flag holds a couple's dose).
 */
export async function checklistContext(tx: Tx, r: Loaded): Promise<GoNoGoContext> {
  const gate = await dosingGateFor(tx, r.session);
  const kap = consentStatusesFrom(r.client.practice.consentDocuments, r.client.consentSignatures).find(
    (c) => c.kind === "KAP_INFORMED_CONSENT",
  );
  const eligibility = eligibilityAt(r.client.screenings, r.client.practice);
  const openFlags = await tx.safetyFlag.count({ where: { clientId: r.clientId, reviewedAt: null } });
  const blocks = gate.blocks.filter((b) => !(b.code === "OPEN_SAFETY_FLAG" && b.clientId === r.clientId));
  return {
    consentCurrent: kap?.current ?? false,
    consentWithdrawn: Boolean(kap?.withdrawnAt),
    eligibilityCurrent: eligibility.state === "ELIGIBLE",
    eligibilityDetail: eligibility.expiry,
    openSafetyFlag: openFlags > 0,
    seriesGates: { passed: blocks.length === 0, reasons: blocks.map((b) => b.reason) },
  };
}

/** Go / no-go, computed on the server from what was entered and what the record already knows. */
export async function submitChecklist(actor: Actor, input: SubmitChecklistInput) {
  const data = parseOrThrow(submitChecklistSchema, input);
  await authorize(actor, "write", "dosingRecord", { recordType: "DosingRecord", recordId: data.recordId });
  return transaction(actor, async (tx) => {
    const r = await loadRecord(tx, actor, data.recordId, "dosing_record.checklist");
    assertOpen(r);
    if (r.doseGivenAt) throw new AppError("CONFLICT", "The dose is already given.");
    if (r.session.status !== "IN_PROGRESS")
      throw new AppError("CONFLICT", "This session is not in progress: no checklist can be recorded for it.");
    const result = evaluateGoNoGo(data.checklist, settingsOf(r), await checklistContext(tx, r));
    // A new checklist replaces the old one, and with it any override of the old one. Its time
    // is the time of its blood-pressure reading, which the dose needs recent.
    await update(
      tx,
      actor,
      r,
      data.version,
      {
        checklist: { input: data.checklist, result } as unknown as Prisma.InputJsonValue,
        checklistPassed: result.passed,
        checklistAt: new Date(),
        overrideReason: null,
        overrideById: null,
        overrideAt: null,
        overrideItems: [],
      },
      "dosing_record.checklist",
      { passed: result.passed, failed: result.items.filter((i) => i.status === "fail").map((i) => i.code) },
    );
    return result;
  });
}

/**
 * A prescriber (in the room or remote) lets a dose go ahead despite failing items, with a reason.
 * Only vitals, fasting, substance and escort items may be overridden (docs/clinical-rules.md §3a):
 * when any other item failed, the override is refused and the refusal audited. The override
 * records the items it was given for, and covers no other.
 */
export async function overrideChecklist(actor: Actor, input: OverrideChecklistInput) {
  const data = parseOrThrow(overrideChecklistSchema, input);
  await authorize(actor, "override", "dosingRecord", { recordType: "DosingRecord", recordId: data.recordId });
  return transaction(actor, async (tx) => {
    const r = await loadRecord(tx, actor, data.recordId, "dosing_record.override");
    assertOpen(r);
    if (r.checklistPassed !== false)
      throw new AppError("CONFLICT", "There is no failed checklist to override.");
    if (r.doseGivenAt) throw new AppError("CONFLICT", "The dose is already given.");
    const result = checklistResult(r);
    const failed = result ? failedItems(result) : [];
    const held = result ? notOverridableFailures(result) : [];
    if (!result || failed.length === 0 || held.length > 0) {
      const detail = held.map((i) => `${i.label}: ${whyNotOverridable(i.code)}`).join(" ");
      throw new AuditedRefusal(
        "BLOCKED",
        held.length > 0
          ? `No override can release this dose. ${detail}`
          : "The stored checklist cannot be overridden: enter the go / no-go checklist again.",
        [
          {
            action: "dosing_record.override",
            recordType: "DosingRecord",
            recordId: r.id,
            clientId: r.clientId,
            outcome: "DENIED",
            detail: { notOverridable: held.map((i) => i.code) },
          },
        ],
      );
    }
    const items = failed.map((i) => i.code);
    await update(
      tx,
      actor,
      r,
      data.version,
      {
        overrideReason: data.reason,
        overrideById: actor.userId,
        overrideAt: new Date(),
        overrideItems: items,
      },
      "dosing_record.override",
      { items },
    );
  });
}
