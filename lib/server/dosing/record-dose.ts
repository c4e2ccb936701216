import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { checkDoseGiven } from "@/lib/domain/dosing/order";
import { AppError } from "@/lib/errors";
import { authorize } from "@/lib/server/core/authorize";
import { parseOrThrow } from "@/lib/server/core/parse";
import { transaction } from "@/lib/server/core/transaction";
import { type RecordDoseInput, recordDoseSchema } from "@/lib/validation/dosing";
import { recheckAtDose } from "./dose-recheck";
import { orderFacts, orderFactsSelect } from "./dosing-orders";
import { assertEntryTime, lateDetail } from "./entry-time";
import { assertPrescriberLicensedForDose } from "./prescriber-licence";
import { assertOpen, loadRecord, update } from "./record-access";

/**
 * The dose given, from the client's active order and never above it. Everything the checklist
 * judged is judged again at this moment, in this transaction (recheckAtDose).
 */
export async function recordDose(actor: Actor, input: RecordDoseInput) {
  const data = parseOrThrow(recordDoseSchema, input);
  await authorize(actor, "write", "dosingRecord", { recordType: "DosingRecord", recordId: data.recordId });
  return transaction(actor, async (tx) => {
    const r = await loadRecord(tx, actor, data.recordId, "dosing_record.dose");
    assertOpen(r);
    if (r.doseGivenAt)
      throw new AppError("CONFLICT", "The dose is already recorded; corrections are addenda.");
    // The session row first (cancelSession and endSessionEarly lock it too): a dose is given only
    // in a session in progress, and a cancellation written at the same moment is waited for.
    const [session] = await tx.$queryRaw<{ status: string }[]>`
      SELECT status::text AS status FROM "Session" WHERE id = ${r.sessionId} FOR SHARE`;
    if (session?.status !== "IN_PROGRESS")
      throw new AppError(
        "CONFLICT",
        `This session is ${(session?.status ?? "closed").toLowerCase().replace("_", " ")}: no dose can be recorded in it.`,
      );
    // Honest times: within the session, not ahead of the server's clock; a late entry says why.
    const entry = assertEntryTime(r, {
      at: data.givenAt,
      lateReason: data.lateReason,
      field: "givenAt",
      action: "dosing_record.dose",
    });
    const now = new Date();
    const order = await tx.dosingOrder.findFirst({
      where: { id: data.orderId, clientId: r.clientId },
      select: { id: true, ...orderFactsSelect },
    });
    if (!order)
      throw new AppError("VALIDATION", "Choose one of this client's orders.", {
        fieldErrors: { orderId: ["Choose one of this client's orders."] },
      });
    // The order's prescriber must be licensed where the client lives (and is, when remote) at the time given.
    await assertPrescriberLicensedForDose(tx, actor, r, order.id, data.givenAt, "dosing_record.dose");
    // Doses against one order are recorded one at a time, so two given at the same
    // moment cannot both fit under its maximum.
    await tx.$queryRaw`SELECT 1 FROM "DosingOrder" WHERE "id" = ${order.id} FOR UPDATE`;
    // Re-checked at the moment of the dose (docs/clinical-rules.md §3, §3a): refused and audited.
    await recheckAtDose(tx, r, {
      now,
      givenAt: data.givenAt,
      order: { revokedAt: order.revokedAt, validUntil: order.validUntil },
    });
    const used = await tx.dosingRecord.count({
      where: { orderId: order.id, doseGivenAt: { not: null }, id: { not: r.id } },
    });
    const problems = checkDoseGiven(
      orderFacts(order),
      { mg: data.mg, route: data.route },
      used,
      data.givenAt,
    );
    if (problems.length > 0) {
      throw new AppError("VALIDATION", problems.map((p) => p.message).join(" "), {
        fieldErrors: { mg: problems.map((p) => p.message) },
      });
    }
    await update(
      tx,
      actor,
      r,
      data.version,
      {
        orderId: order.id,
        doseMg: data.mg,
        route: data.route,
        lotNumber: data.lotNumber,
        doseGivenAt: data.givenAt,
        doseLateReason: entry.lateReason,
      },
      "dosing_record.dose",
      { mg: data.mg, route: data.route, ...lateDetail(entry) },
    );
  });
}
