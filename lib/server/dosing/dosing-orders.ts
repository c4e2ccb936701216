import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { clientScope } from "@/lib/auth/relations";
import { readPracticeSettings } from "@/lib/domain/admin/practice-settings";
import {
  type DosingOrder,
  type OrderBooster,
  type OrderIssue,
  orderCeilingIssues,
  orderStatus,
  weightConfirmationMessage,
  weightNeedsConfirmation,
} from "@/lib/domain/dosing/order";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { audit } from "@/lib/server/core/audit";
import { authorize, deniedAsNotFound } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";
import { parseOrThrow } from "@/lib/server/core/parse";
import { AuditedRefusal, transaction } from "@/lib/server/core/transaction";
import { eligibilityAt, eligibilityScreeningSelect } from "@/lib/server/screening/eligibility-now";
import {
  type CreateDosingOrderInput,
  clientOrdersSchema,
  createDosingOrderSchemaIn,
  type RevokeDosingOrderInput,
  revokeDosingOrderSchema,
} from "@/lib/validation/dosing";
import { assertLicensedToOrder } from "./prescriber-licence";

/** What the dosing rules read of an order (see orderFacts). */
export const orderFactsSelect = {
  route: true,
  doseMg: true,
  doseMgPerKg: true,
  weightKg: true,
  maxDoses: true,
  validUntil: true,
  revokedAt: true,
} as const satisfies Prisma.DosingOrderSelect;

/** An order's booster (all three null when it has none). */
export const orderBoosterSelect = {
  boosterMg: true,
  boosterEarliestMinute: true,
  totalMaxMg: true,
} as const satisfies Prisma.DosingOrderSelect;

/** The booster's decimals as numbers. */
export function boosterFacts(o: {
  boosterMg: { toNumber(): number } | null;
  boosterEarliestMinute: number | null;
  totalMaxMg: { toNumber(): number } | null;
}): OrderBooster {
  return {
    boosterMg: o.boosterMg?.toNumber() ?? null,
    boosterEarliestMinute: o.boosterEarliestMinute,
    totalMaxMg: o.totalMaxMg?.toNumber() ?? null,
  };
}

/** An order as the client's record and the dosing day show it, with the doses given against it. */
export const dosingOrderSelect = {
  id: true,
  ...orderFactsSelect,
  ...orderBoosterSelect,
  instructions: true,
  createdAt: true,
  revokeReason: true,
  prescriber: { select: { name: true } },
  _count: { select: { dosingRecords: { where: { doseGivenAt: { not: null } } } } },
} as const satisfies Prisma.DosingOrderSelect;

type SelectedOrder = Prisma.DosingOrderGetPayload<{ select: typeof dosingOrderSelect }>;

/** An order with its decimals as numbers and its status (active, expired, revoked, used up) at `now`. */
export function withOrderStatus({ _count, ...o }: SelectedOrder, now: Date) {
  const facts = orderFacts(o);
  return {
    ...o,
    ...facts,
    ...boosterFacts(o),
    dosesGiven: _count.dosingRecords,
    status: orderStatus(facts, _count.dosingRecords, now),
  };
}

/** Decimal columns to numbers, in the shape the dosing rules read. */
export function orderFacts(o: {
  route: DosingOrder["route"];
  doseMg: { toNumber(): number } | null;
  doseMgPerKg: { toNumber(): number } | null;
  weightKg: { toNumber(): number } | null;
  maxDoses: number;
  validUntil: Date;
  revokedAt: Date | null;
}): DosingOrder {
  return {
    route: o.route,
    doseMg: o.doseMg?.toNumber() ?? null,
    doseMgPerKg: o.doseMgPerKg?.toNumber() ?? null,
    weightKg: o.weightKg?.toNumber() ?? null,
    maxDoses: o.maxDoses,
    validUntil: o.validUntil,
    revokedAt: o.revokedAt,
  };
}

/**
 * A prescriber writes a dosing order for an eligible client on their care team
 * (docs/clinical-rules.md §3 "Dosing orders"). The product records what the prescriber orders; it
 * never proposes a dose. It refuses, with a denial row: a prescriber without a current licence in
 * the client's state; an order above its route's ceiling (a practice setting); a weight more than
 * 15 % from the client's last recorded one unless the prescriber confirmed it.
 */
export async function createDosingOrder(actor: Actor, input: CreateDosingOrderInput) {
  // A date alone means the end of that day where the practice is, not midnight UTC.
  const { clientId, order: parsed } = parseOrThrow(createDosingOrderSchemaIn(actor.timeZone), input);
  const { weightConfirmed, ...order } = parsed;
  await authorize(actor, "write", "dosingOrder", { recordType: "Client", recordId: clientId, clientId });
  const client = await db().client.findFirst({
    where: { id: clientId, ...clientScope(actor) },
    select: {
      id: true,
      state: true,
      practice: { select: { settings: true, timeZone: true } },
      screenings: { select: eligibilityScreeningSelect },
    },
  });
  if (!client)
    return deniedAsNotFound(actor, {
      action: "dosing_order.create",
      recordType: "Client",
      recordId: clientId,
    });
  const settings = readPracticeSettings(client.practice.settings);
  return transaction(actor, async (tx) => {
    const now = new Date();
    // Only for a current eligible decision (docs/clinical-rules.md §2 "Eligibility in time").
    const eligibility = eligibilityAt(client.screenings, client.practice, now);
    if (eligibility.state !== "ELIGIBLE") {
      throw new AuditedRefusal(
        "BLOCKED",
        eligibility.expiry
          ? `This client is not eligible now: ${eligibility.expiry}.`
          : "This client is not eligible: a signed eligible screening comes first.",
        [
          {
            action: "dosing_order.create",
            recordType: "Client",
            recordId: clientId,
            clientId,
            outcome: "DENIED",
            detail: {
              reasons: ["not-eligible"],
              eligibility: eligibility.state,
              expiry: eligibility.reason ?? null,
            },
          },
        ],
      );
    }
    await assertLicensedToOrder(tx, actor, client, now);
    // The client's last recorded weight: the one on their most recent order that has one.
    const last = await tx.dosingOrder.findFirst({
      where: { clientId, weightKg: { not: null } },
      orderBy: { createdAt: "desc" },
      select: { weightKg: true },
    });
    const lastWeightKg = last?.weightKg?.toNumber() ?? null;
    const weightJump = weightNeedsConfirmation(order.weightKg, lastWeightKg);
    const ceiling = orderCeilingIssues(order, settings);
    const unconfirmed = weightJump && !weightConfirmed;
    const issues: OrderIssue[] = [...ceiling];
    if (unconfirmed && order.weightKg !== null && lastWeightKg !== null) {
      issues.push({ path: "weightKg", message: weightConfirmationMessage(order.weightKg, lastWeightKg) });
    }
    if (issues.length > 0) {
      const fieldErrors: Record<string, string[]> = {};
      for (const i of issues) {
        const key = `order.${i.path}`;
        fieldErrors[key] = [...(fieldErrors[key] ?? []), i.message];
      }
      throw new AuditedRefusal(
        "VALIDATION",
        issues.map((i) => i.message).join(" "),
        [
          {
            action: "dosing_order.create",
            recordType: "Client",
            recordId: clientId,
            clientId,
            outcome: "DENIED",
            detail: {
              reasons: [
                ...(ceiling.length > 0 ? ["above-ceiling"] : []),
                ...(unconfirmed ? ["weight-unconfirmed"] : []),
              ],
              route: order.route,
              weightKg: order.weightKg,
              lastWeightKg,
            },
          },
        ],
        { fieldErrors },
      );
    }
    const created = await tx.dosingOrder.create({
      data: { clientId, prescriberId: actor.userId, ...order },
      select: { id: true },
    });
    await audit(
      actor,
      {
        action: "dosing_order.create",
        recordType: "DosingOrder",
        recordId: created.id,
        clientId,
        detail: {
          route: order.route,
          booster: order.boosterMg !== null,
          ...(order.weightKg !== null ? { weightKg: order.weightKg, lastWeightKg } : {}),
          // Who confirmed a weight far from the last one is the actor of this row.
          ...(weightJump ? { weightConfirmed: true } : {}),
        },
      },
      tx,
    );
    return { orderId: created.id };
  });
}

/** Revokes an order (never deleted); the reason is kept. */
export async function revokeDosingOrder(actor: Actor, input: RevokeDosingOrderInput) {
  const data = parseOrThrow(revokeDosingOrderSchema, input);
  await authorize(actor, "write", "dosingOrder", { recordType: "DosingOrder", recordId: data.orderId });
  const order = await db().dosingOrder.findFirst({
    where: { id: data.orderId, client: clientScope(actor) },
    select: { id: true, clientId: true },
  });
  if (!order)
    return deniedAsNotFound(actor, {
      action: "dosing_order.revoke",
      recordType: "DosingOrder",
      recordId: data.orderId,
    });
  await transaction(
    actor,
    async (tx) => {
      const { count } = await tx.dosingOrder.updateMany({
        where: { id: order.id, revokedAt: null },
        data: { revokedAt: new Date(), revokeReason: data.reason },
      });
      if (count === 0) throw new AppError("CONFLICT", "This order is already revoked.");
      await audit(
        actor,
        {
          action: "dosing_order.revoke",
          recordType: "DosingOrder",
          recordId: order.id,
          clientId: order.clientId,
        },
        tx,
      );
    },
    { fixed: "This order is already revoked." },
  );
}

/** A client's orders with their status (active, expired, revoked, used up), newest first. */
export async function listClientOrders(actor: Actor, clientIdInput: string) {
  const { clientId } = parseOrThrow(clientOrdersSchema, { clientId: clientIdInput });
  await authorize(actor, "read", "dosingOrder", { recordType: "Client", recordId: clientId, clientId });
  const client = await db().client.findFirst({
    where: { id: clientId, ...clientScope(actor) },
    select: {
      id: true,
      dosingOrders: {
        orderBy: { createdAt: "desc" },
        take: 20,
        select: dosingOrderSelect,
      },
    },
  });
  if (!client)
    return deniedAsNotFound(actor, { action: "dosing_order.read", recordType: "Client", recordId: clientId });
  await audit(actor, { action: "dosing_order.read", recordType: "Client", recordId: clientId, clientId });
  const now = new Date();
  return client.dosingOrders.map((o) => withOrderStatus(o, now));
}
