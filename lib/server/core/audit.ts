import "server-only";
import { randomBytes } from "node:crypto";
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

type AuditRow = {
  id: string;
  at: Date;
  practiceId: string | null;
  actorUserId: string | null;
  actorRole: string | null;
  action: string;
  recordType: string | null;
  recordId: string | null;
  clientId: string | null;
  ip: string | null;
  outcome: "OK" | "DENIED" | "FAILED";
  detail: Prisma.InputJsonValue | null;
};

/**
 * Ids that grow with time (like Prisma's cuid), so that rows are appended at
 * the end of the primary-key index of this ever-growing table.
 */
let sequence = 0;
function auditId(now: number) {
  sequence = (sequence + 1) % 1296;
  return `c${now.toString(36)}${sequence.toString(36).padStart(2, "0")}${randomBytes(7).toString("hex")}`;
}

function row(actor: AuditActor | null, e: AuditEntry, at: Date, ip?: string | null): AuditRow {
  return {
    id: auditId(at.getTime()),
    at,
    practiceId: actor?.practiceId ?? null,
    actorUserId: actor?.userId ?? null,
    actorRole: actor?.role ?? null,
    action: e.action,
    recordType: e.recordType ?? null,
    recordId: e.recordId ?? null,
    clientId: e.clientId ?? null,
    ip: ip ?? actor?.ip ?? null,
    outcome: e.outcome ?? "OK",
    detail: e.detail ?? null,
  };
}

/**
 * Writes the rows in one INSERT statement. Raw SQL on purpose: Prisma's
 * createMany wraps itself in a transaction (three round trips) and costs about
 * ten times the CPU for a page of rows, on every list a clinician opens.
 */
async function insert(rows: AuditRow[], tx?: Tx) {
  await (tx ?? db()).$executeRaw`
    INSERT INTO "AuditEvent"
      ("id", "at", "practiceId", "actorUserId", "actorRole", "action", "recordType", "recordId", "clientId", "ip", "outcome", "detail")
    SELECT r."id", r."at", r."practiceId", r."actorUserId", r."actorRole", r."action", r."recordType",
           r."recordId", r."clientId", r."ip", r."outcome"::"AuditOutcome", r."detail"
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(
      "id" text, "at" timestamptz, "practiceId" text, "actorUserId" text, "actorRole" text, "action" text,
      "recordType" text, "recordId" text, "clientId" text, "ip" text, "outcome" text, "detail" jsonb)`;
}

/** Appends one row to the audit trail (inside `tx` when the write it records is). */
export async function audit(actor: AuditActor | null, entry: AuditEntry, tx?: Tx, ip?: string | null) {
  await insert([row(actor, entry, new Date(), ip)], tx);
}

/** Appends several rows in one statement, e.g. one per client shown in a list. */
export async function auditMany(actor: AuditActor | null, entries: AuditEntry[], tx?: Tx) {
  if (entries.length === 0) return;
  const at = new Date();
  await insert(
    entries.map((e) => row(actor, e, at)),
    tx,
  );
}
