import "server-only";
import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { requireApiUser } from "@/lib/auth/session";
import { AppError, type AppErrorCode, type FieldErrors } from "@/lib/errors";
import { errorSummary } from "./http";
import { knownDatabaseError } from "./prisma-errors";
import { fieldErrorsOf } from "./validate";

/** What every server action returns: data, or an error safe to show with field errors. */
export type ActionResult<T = null> =
  | { ok: true; data: T }
  | { ok: false; code: AppErrorCode | "INTERNAL"; message: string; fieldErrors?: FieldErrors };

export function toActionError(e: unknown): ActionResult<never> {
  if (e instanceof AppError) {
    return { ok: false, code: e.code, message: e.message, fieldErrors: e.fieldErrors };
  }
  if (e instanceof ZodError) {
    return {
      ok: false,
      code: "VALIDATION",
      message: "Please correct the highlighted fields.",
      fieldErrors: fieldErrorsOf(e),
    };
  }
  // A double submit or a write that lost a race with a signature: the database said no.
  const known = knownDatabaseError(e);
  if (known) return { ok: false, code: known.code, message: known.message };
  const requestId = randomUUID();
  console.error(`[action ${requestId}] ${errorSummary(e)}`);
  return {
    ok: false,
    code: "INTERNAL",
    message: `Something went wrong on our side; nothing you typed was lost (reference ${requestId}).`,
  };
}

/** Runs an action for the signed-in actor; errors become ActionResult, never a thrown 500. */
export async function runAction<T>(fn: (actor: Actor) => Promise<T>): Promise<ActionResult<T>> {
  try {
    const actor = await requireApiUser();
    return { ok: true, data: await fn(actor) };
  } catch (e) {
    return toActionError(e);
  }
}

/** For the few actions that run before sign-in (accepting an invitation). */
export async function runPublicAction<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (e) {
    return toActionError(e);
  }
}
