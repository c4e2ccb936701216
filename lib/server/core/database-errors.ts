import "server-only";
import { AppError } from "@/lib/errors";

/**
 * Recognises the database errors a user can cause by acting twice or too late, so they
 * answer 409 with a message instead of a generic 500:
 * - a unique constraint hit by a double submit (Prisma P2002, PostgreSQL 23505);
 * - a change the database refuses because the record is fixed (the "kapstone:" triggers
 *   of the record_guarantees migrations, PostgreSQL 23000), e.g. a write that lost a race
 *   with the prescriber's signature.
 */

type PgCause = {
  code?: unknown;
  originalCode?: unknown;
  kind?: unknown;
  originalMessage?: unknown;
  message?: unknown;
};

/** The error and the PostgreSQL details Prisma or its driver adapter wrap it in. */
function layers(e: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  let current: unknown = e;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const layer = current as Record<string, unknown>;
    out.push(layer);
    const meta = layer.meta as { driverAdapterError?: unknown } | undefined;
    current = meta?.driverAdapterError ?? layer.cause;
  }
  return out;
}

const causeOf = (layer: Record<string, unknown>): PgCause | null =>
  layer.cause && typeof layer.cause === "object" ? (layer.cause as PgCause) : null;

/** A unique constraint refused the write (e.g. the same thing recorded twice at once). */
export function isUniqueViolation(e: unknown): boolean {
  return layers(e).some((layer) => {
    if (layer.code === "P2002") return true;
    const cause = causeOf(layer);
    return cause?.kind === "UniqueConstraintViolation" || cause?.originalCode === "23505";
  });
}

/** A record-guarantee trigger refused the change (a signed or revoked record is fixed). */
export function isRecordGuaranteeViolation(e: unknown): boolean {
  return layers(e).some((layer) => {
    const cause = causeOf(layer);
    const message = cause?.originalMessage ?? cause?.message;
    return (
      (cause?.originalCode === "23000" || cause?.code === "23000") &&
      typeof message === "string" &&
      message.startsWith("kapstone:")
    );
  });
}

export const ALREADY_RECORDED = "This was already recorded; reload to see it.";
export const RECORD_FIXED =
  "This record was signed or closed meanwhile and can no longer change; reload to see it.";

const UNREACHABLE_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const UNREACHABLE_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "TransactionAlreadyClosed",
]);

/**
 * The database cannot be reached right now: refused or dropped connections while
 * PostgreSQL restarts or fails over (Prisma P1001/P1017…, the driver's connection
 * kinds, PostgreSQL's 57P0x shutdown and 08xxx connection classes).
 */
export function isDatabaseUnavailable(e: unknown): boolean {
  return layers(e).some((layer) => {
    if (typeof layer.code === "string" && UNREACHABLE_CODES.has(layer.code)) return true;
    if (layer.code === "ECONNREFUSED" || layer.code === "ECONNRESET") return true;
    const cause = causeOf(layer);
    const pgCode = String(cause?.originalCode ?? cause?.code ?? "");
    return (
      (typeof cause?.kind === "string" && UNREACHABLE_KINDS.has(cause.kind)) ||
      pgCode.startsWith("57P") ||
      pgCode.startsWith("08")
    );
  });
}

export const DATABASE_UNAVAILABLE =
  "Kapstone cannot reach its database for a moment. Nothing was changed and nothing you typed is lost; try again in a few seconds.";

/**
 * The answer a database refusal stands for: a CONFLICT for a double submit or a
 * record fixed meanwhile, UNAVAILABLE while the database is unreachable; null otherwise.
 */
export function knownDatabaseError(e: unknown): AppError | null {
  if (isUniqueViolation(e)) return new AppError("CONFLICT", ALREADY_RECORDED);
  if (isRecordGuaranteeViolation(e)) return new AppError("CONFLICT", RECORD_FIXED);
  if (isDatabaseUnavailable(e)) {
    return new AppError("UNAVAILABLE", DATABASE_UNAVAILABLE, { retryAfterSeconds: 5 });
  }
  return null;
}
