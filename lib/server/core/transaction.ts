import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError, type AppErrorCode } from "@/lib/errors";
import { type AuditEntry, auditMany } from "./audit";
import { db, type Tx } from "./db";

/** A refusal whose audit rows must outlive the transaction it rolls back. */
export class AuditedRefusal extends AppError {
  constructor(
    code: AppErrorCode,
    message: string,
    readonly entries: AuditEntry[],
  ) {
    super(code, message);
  }
}

/**
 * Runs `work` in one transaction. When it refuses with an AuditedRefusal, the
 * transaction rolls back and the denial rows are written afterwards, so they stay.
 */
export async function transaction<T>(actor: Actor, work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db().$transaction(work);
  } catch (e) {
    if (!(e instanceof AuditedRefusal)) throw e;
    await auditMany(actor, e.entries);
    throw new AppError(e.code, e.message);
  }
}
