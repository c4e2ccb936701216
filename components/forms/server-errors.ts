import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import type { ActionResult } from "@/lib/actions/result";

/**
 * Puts a failed action's field errors on the fields (focusing the first one)
 * and returns the message to show above the form. Nothing typed is cleared.
 */
export function applyServerErrors<T extends FieldValues>(
  form: UseFormReturn<T>,
  result: Extract<ActionResult<unknown>, { ok: false }>,
): string {
  let first = true;
  for (const [name, messages] of Object.entries(result.fieldErrors ?? {})) {
    if (name === "_form" || !messages[0]) continue;
    form.setError(name as Path<T>, { type: "server", message: messages[0] }, { shouldFocus: first });
    first = false;
  }
  return result.message;
}
