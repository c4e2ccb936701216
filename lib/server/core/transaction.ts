import "server-only";
import { AppError, type AppErrorCode, type FieldErrors } from "@/lib/errors";
import { type AuditActor, type AuditEntry, auditMany } from "./audit";
import {
  ALREADY_RECORDED,
  isRecordGuaranteeViolation,
  isUniqueViolation,
  RECORD_FIXED,
} from "./database-errors";
import { db, type Tx } from "./db";

/** A refusal whose audit rows must outlive the transaction it rolls back. */
export class AuditedRefusal extends AppError {
  constructor(
    code: AppErrorCode,
    message: string,
    readonly entries: AuditEntry[],
    /** Where the form shows the refusal, when it belongs on fields. */
    fieldErrors?: FieldErrors,
  ) {
    super(code, message, { fieldErrors });
  }
}

/** What to tell the user when the database refuses the write for a reason they can act on. */
export type ConflictMessages = {
  /** A unique constraint was hit: the same thing was recorded twice (a double submit). */
  unique?: string;
  /** A record-guarantee trigger refused: the record was signed or closed meanwhile. */
  fixed?: string;
};

/**
 * Runs `work` in one database transaction, for `actor` (null before sign-in and
 * in background jobs). Every multi-row write of the data layer goes through
 * here, so that each fails the same way:
 * - an AuditedRefusal rolls the work back, then its denial rows are written, so they stay;
 * - a double submit that hits a unique constraint, or a change the database refuses
 *   because the record became fixed meanwhile, is a CONFLICT with a message to show;
 * - an AppError passes as it is; anything else is an unexpected error for the caller.
 */
export async function transaction<T>(
  actor: AuditActor | null,
  work: (tx: Tx) => Promise<T>,
  conflicts: ConflictMessages = {},
): Promise<T> {
  try {
    return await db().$transaction(work);
  } catch (e) {
    if (e instanceof AuditedRefusal) {
      await auditMany(actor, e.entries);
      throw new AppError(e.code, e.message, { fieldErrors: e.fieldErrors });
    }
    if (e instanceof AppError) throw e;
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", conflicts.unique ?? ALREADY_RECORDED);
    if (isRecordGuaranteeViolation(e)) throw new AppError("CONFLICT", conflicts.fixed ?? RECORD_FIXED);
    throw e;
  }
}
