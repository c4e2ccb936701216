import type { AppErrorCode, FieldErrors } from "@/lib/errors";

/**
 * What every server action returns: its data, or an error that is safe to show,
 * with messages per field where the input was at fault. Forms read it through
 * components/forms/use-action-form.ts.
 */
export type ActionResult<T = null> =
  | { ok: true; data: T }
  | { ok: false; code: AppErrorCode | "INTERNAL"; message: string; fieldErrors?: FieldErrors };

export type ActionError = Extract<ActionResult<unknown>, { ok: false }>;
