import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "./db";

/** Who acted: a signed-in actor, or a user identified during sign-in. */
export type AuditActor = Pick<Actor, "userId" | "role" | "practiceId" | "ip">;

export type AuditEntry = {
  /** What happened, as "<resource>.<verb>", e.g. "client.read", "intake.update". */
  action: string;
  recordType?: string;
  recordId?: string | null;
  clientId?: string | null;
  outcome?: "OK" | "DENIED" | "FAILED";
  detail?: Prisma.InputJsonValue;
};

function row(actor: AuditActor | null, e: AuditEntry, ip?: string | null): Prisma.AuditEventCreateManyInput {
  return {
    practiceId: actor?.practiceId ?? null,
    actorUserId: actor?.userId ?? null,
    actorRole: actor?.role ?? null,
    action: e.action,
    recordType: e.recordType ?? null,
    recordId: e.recordId ?? null,
    clientId: e.clientId ?? null,
    ip: ip ?? actor?.ip ?? null,
    outcome: e.outcome ?? "OK",
    detail: e.detail,
  };
}

/** Appends one row to the audit trail (inside `tx` when the write it records is). */
export async function audit(actor: AuditActor | null, entry: AuditEntry, tx?: Tx, ip?: string | null) {
  await (tx ?? db()).auditEvent.create({ data: row(actor, entry, ip) });
}

/** Appends several rows in one statement, e.g. one per client shown in a list. */
export async function auditMany(actor: AuditActor, entries: AuditEntry[], tx?: Tx) {
  if (entries.length === 0) return;
  await (tx ?? db()).auditEvent.createMany({ data: entries.map((e) => row(actor, e)) });
}
