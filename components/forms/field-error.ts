import { type FieldErrors, get } from "react-hook-form";

/** The message of a (possibly nested) field's error, e.g. "medications.2.name". */
export function fieldError(errors: FieldErrors, path: string): string | undefined {
  const e = get(errors, path) as { message?: unknown } | undefined;
  return typeof e?.message === "string" ? e.message : undefined;
}
