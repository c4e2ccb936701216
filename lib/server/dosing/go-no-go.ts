import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { consentStatusesFrom } from "@/lib/domain/consents/consent-status";
import { evaluateGoNoGo } from "@/lib/domain/dosing/checklist";
import { isEligible } from "@/lib/domain/screening/eligibility-status";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { authorize } from "@/lib/server/core/authorize";
import { parseOrThrow } from "@/lib/server/core/parse";
import { transaction } from "@/lib/server/core/transaction";
import {
  type OverrideChecklistInput,
  overrideChecklistSchema,
  type SubmitChecklistInput,
  submitChecklistSchema,
} from "@/lib/validation/dosing";
import { dosingGateFor } from "./dosing-gate";
import { assertOpen, loadRecord, settingsOf, update } from "./record-access";

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
    const gate = await dosingGateFor(tx, r.session);
    const kap = consentStatusesFrom(r.client.practice.consentDocuments, r.client.consentSignatures).find(
      (c) => c.kind === "KAP_INFORMED_CONSENT",
    );
    const result = evaluateGoNoGo(data.checklist, settingsOf(r), {
      consentCurrent: kap?.current ?? false,
      eligibilityCurrent: isEligible(r.client.screenings),
      seriesGates: { passed: gate.allowed, reasons: gate.blocks.map((b) => b.reason) },
    });
    // A new checklist replaces the old one, and with it any override of the old one.
    await update(
      tx,
      actor,
      r,
      data.version,
      {
        checklist: { input: data.checklist, result } as unknown as Prisma.InputJsonValue,
        checklistPassed: result.passed,
        overrideReason: null,
        overrideById: null,
        overrideAt: null,
      },
      "dosing_record.checklist",
      { passed: result.passed, failed: result.items.filter((i) => i.status === "fail").map((i) => i.code) },
    );
    return result;
  });
}

/** A prescriber (in the room or remote) lets a dose go ahead despite failing items, with a reason. */
export async function overrideChecklist(actor: Actor, input: OverrideChecklistInput) {
  const data = parseOrThrow(overrideChecklistSchema, input);
  await authorize(actor, "override", "dosingRecord", { recordType: "DosingRecord", recordId: data.recordId });
  return transaction(actor, async (tx) => {
    const r = await loadRecord(tx, actor, data.recordId, "dosing_record.override");
    assertOpen(r);
    if (r.checklistPassed !== false)
      throw new AppError("CONFLICT", "There is no failed checklist to override.");
    if (r.doseGivenAt) throw new AppError("CONFLICT", "The dose is already given.");
    await update(
      tx,
      actor,
      r,
      data.version,
      { overrideReason: data.reason, overrideById: actor.userId, overrideAt: new Date() },
      "dosing_record.override",
    );
  });
}
