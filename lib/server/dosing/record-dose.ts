import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { canDose } from "@/lib/domain/dosing/checklist";
import { checkDoseGiven } from "@/lib/domain/dosing/order";
import { AppError } from "@/lib/errors";
import { authorize } from "@/lib/server/core/authorize";
import { parseOrThrow } from "@/lib/server/core/parse";
import { transaction } from "@/lib/server/core/transaction";
import { type RecordDoseInput, recordDoseSchema } from "@/lib/validation/dosing";
import { orderFacts, orderFactsSelect } from "./dosing-orders";
import { assertPrescriberLicensedForDose } from "./prescriber-licence";
import { assertOpen, checklistResult, loadRecord, update } from "./record-access";

/** The dose given, from the client's active order and never above it. */
export async function recordDose(actor: Actor, input: RecordDoseInput) {
  const data = parseOrThrow(recordDoseSchema, input);
  await authorize(actor, "write", "dosingRecord", { recordType: "DosingRecord", recordId: data.recordId });
  return transaction(actor, async (tx) => {
    const r = await loadRecord(tx, actor, data.recordId, "dosing_record.dose");
    assertOpen(r);
    if (r.doseGivenAt)
      throw new AppError("CONFLICT", "The dose is already recorded; corrections are addenda.");
    const result = checklistResult(r);
    if (
      !result ||
      !canDose(result, r.overrideReason ? { reason: r.overrideReason, byRole: "PRESCRIBER" } : null)
    ) {
      throw new AppError(
        "BLOCKED",
        "The go / no-go checklist has not passed and no prescriber has overridden it.",
      );
    }
    const now = new Date();
    if (data.givenAt.getTime() > now.getTime() + 5 * 60_000) {
      throw new AppError("VALIDATION", "The time given cannot be in the future.", {
        fieldErrors: { givenAt: ["The time given cannot be in the future."] },
      });
    }
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
      },
      "dosing_record.dose",
      { mg: data.mg, route: data.route },
    );
  });
}
