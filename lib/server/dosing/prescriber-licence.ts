import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { describeMissing, missingLicences, type StaffLicence } from "@/lib/domain/admin/staff-licences";
import { formatDateTime } from "@/lib/domain/core/format";
import { clientLocationOf } from "@/lib/domain/dosing/checklist";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/server/core/db";
import { AuditedRefusal } from "@/lib/server/core/transaction";

/**
 * Licensure where it counts (docs/clinical-rules.md §3 "Dosing orders" and "The dose given"): the
 * prescriber whose order a dose is given against must hold a licence, unexpired at the time of
 * the administration, in the client's state of residence and, for a remote session, in the
 * state the client is in that day (named on the go / no-go checklist). No override lifts it.
 */

const licenceSelect = {
  state: true,
  expiresAt: true,
} as const satisfies Prisma.StaffLicenceSelect;

/** A user's licences (none for someone without a staff profile). */
export async function licencesOfUser(tx: Pick<Tx, "staffLicence">, userId: string): Promise<StaffLicence[]> {
  return tx.staffLicence.findMany({ where: { staffProfile: { userId } }, select: licenceSelect });
}

type Needed = { state: string; where: string };

type Entry = { action: string; recordType: string; recordId: string; clientId: string };

/** The refusal, with its denial row; on the form's `field` when there is one. */
function refusal(entry: Entry, message: string, field: string | null, detail: Prisma.InputJsonObject) {
  return new AuditedRefusal(
    "BLOCKED",
    message,
    [{ ...entry, outcome: "DENIED", detail: { reason: "prescriber-not-licensed", ...detail } }],
    field ? { fieldErrors: { [field]: [message] } } : {},
  );
}

function check(
  actor: Actor,
  who: string,
  licences: StaffLicence[],
  needed: Needed[],
  at: Date,
  entry: Entry,
  field: string | null,
  prescriberId: string,
) {
  const missing = missingLicences(
    licences,
    needed.map((n) => n.state),
    at,
    actor.timeZone,
  );
  if (missing.length === 0) return;
  const where = needed
    .filter((n) => missing.some((m) => m.state === n.state))
    .map((n) => n.where)
    .join(" and ");
  const message = `${who} not licensed ${where}, on ${formatDateTime(at, actor.timeZone)}: ${describeMissing(missing)}. A prescriber licensed there must write the order; no override lifts this.`;
  throw refusal(entry, message, field, {
    prescriberId,
    at: at.toISOString(),
    missing: missing.map((m) => ({ state: m.state, expiredOn: m.expiredOn })),
  });
}

/**
 * Refuses (BLOCKED, audited, rolled back) a dose or booster given at `at` against `orderId` when
 * the order's prescriber is not licensed there at that time. Runs inside the dose's transaction.
 */
export async function assertPrescriberLicensedForDose(
  tx: Tx,
  actor: Actor,
  record: { id: string; clientId: string; checklist: Prisma.JsonValue },
  orderId: string,
  at: Date,
  action: string,
) {
  const order = await tx.dosingOrder.findUniqueOrThrow({
    where: { id: orderId },
    select: {
      prescriberId: true,
      prescriber: {
        select: { name: true, staffProfile: { select: { licences: { select: licenceSelect } } } },
      },
      client: { select: { state: true } },
    },
  });
  const entry = { action, recordType: "DosingRecord", recordId: record.id, clientId: record.clientId };
  const location = clientLocationOf(record.checklist);
  if (location.remote && !location.state) {
    const message =
      "This is a remote session and the checklist does not say which state the client is in today: check go / no-go again with it, so the prescriber's licence can be checked there.";
    throw refusal(entry, message, "orderId", { prescriberId: order.prescriberId, missing: "location" });
  }
  const needed: Needed[] = [
    { state: order.client.state, where: `in ${order.client.state}, where the client lives` },
  ];
  if (location.state && location.state !== order.client.state) {
    needed.push({ state: location.state, where: `in ${location.state}, where the client is today` });
  }
  check(
    actor,
    `${order.prescriber.name}, who wrote the order, is`,
    order.prescriber.staffProfile?.licences ?? [],
    needed,
    at,
    entry,
    "orderId",
    order.prescriberId,
  );
}

/**
 * Refuses (BLOCKED, audited, rolled back) an order written by `actor` for a client whose state
 * of residence the actor holds no current licence in. Runs inside the order's transaction.
 */
export async function assertLicensedToOrder(
  tx: Tx,
  actor: Actor,
  client: { id: string; state: string },
  at: Date,
) {
  const licences = await licencesOfUser(tx, actor.userId);
  check(
    actor,
    "You are",
    licences,
    [{ state: client.state, where: `in ${client.state}, where the client lives` }],
    at,
    { action: "dosing_order.create", recordType: "Client", recordId: client.id, clientId: client.id },
    null,
    actor.userId,
  );
}
