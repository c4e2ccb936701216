import type { Control, FieldErrors, FieldValues } from "react-hook-form";
import type { ActionError } from "@/lib/actions/result";

/** Shown when the request itself failed: no connection, or Kapstone was updated meanwhile. */
export const UNREACHABLE = "We could not reach Kapstone. Check your connection and try again.";

/** The value at a dotted path ("medications.2.name") of nested objects and lists. */
function at(tree: unknown, path: string): unknown {
  let node = tree;
  for (const key of path.split(".")) {
    if (!node || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * The message for a field: its own error, else the first error below it (an
 * element of a list, such as "licenseStates.0", shows on the list's field).
 */
export function fieldError(errors: FieldErrors, path: string): string | undefined {
  return firstMessage(at(errors, path));
}

function firstMessage(node: unknown): string | undefined {
  if (!node || typeof node !== "object") return undefined;
  const { message } = node as { message?: unknown };
  if (typeof message === "string" && message) return message;
  for (const [key, child] of Object.entries(node)) {
    if (key === "ref" || key === "types") continue;
    const found = firstMessage(child);
    if (found) return found;
  }
  return undefined;
}

/** Every error message of a react-hook-form error tree, by dotted path ("medications.2.name"). */
export function flattenErrors(errors: FieldErrors, prefix = ""): [path: string, message: string][] {
  const out: [string, string][] = [];
  for (const [key, node] of Object.entries(errors)) {
    if (!node || typeof node !== "object" || key === "ref" || key === "types") continue;
    const path = prefix ? `${prefix}.${key}` : key;
    const { message } = node as { message?: unknown };
    if (typeof message === "string" && message) out.push([path, message]);
    out.push(...flattenErrors(node as FieldErrors, path));
  }
  return out;
}

/**
 * The field an error at `path` is shown on: the field itself, or the nearest
 * field above it ("licenseStates.0" on "licenseStates"); null when no field on
 * the screen holds it (a refinement of the whole form, "_form", a hidden value).
 */
export function fieldFor(path: string, isField: (name: string) => boolean): string | null {
  if (!path || path === "_form") return null;
  const parts = path.split(".");
  for (let n = parts.length; n > 0; n--) {
    const name = parts.slice(0, n).join(".");
    if (isField(name)) return name;
  }
  return null;
}

export type PlacedErrors = {
  /** One message per field on the screen, in the order the server gave them. */
  onFields: [field: string, message: string][];
  /** What the form says above its fields; null when there is nothing to add. */
  message: string | null;
};

/**
 * Splits a refused action's answer: field errors go on the fields on the screen
 * (the first message of each), and everything else (errors for "_form" or for
 * no field shown) goes into the form's message with the server's own message.
 * When no error found a field, the server's general message ("Please correct
 * the highlighted fields.") would point at nothing, so the specific ones replace it.
 */
export function placeServerErrors(result: ActionError, isField: (name: string) => boolean): PlacedErrors {
  const onFields: [string, string][] = [];
  const rest: string[] = [];
  for (const [path, messages] of Object.entries(result.fieldErrors ?? {})) {
    const message = messages.find(Boolean);
    if (!message) continue;
    const field = fieldFor(path, isField);
    if (field && !onFields.some(([f]) => f === field)) onFields.push([field, message]);
    else if (!field) rest.push(message);
  }
  const lines = onFields.length === 0 && rest.length > 0 ? rest : [result.message, ...rest];
  const unique = [...new Set(lines.filter(Boolean))];
  return { onFields, message: unique.length ? unique.join(" ") : null };
}

/** The messages of a failed check that no field on the screen shows (a whole-form rule). */
export function unplacedMessages(errors: FieldErrors, isField: (name: string) => boolean): string[] {
  const messages = flattenErrors(errors)
    .filter(([path]) => fieldFor(path, isField) === null)
    .map(([, message]) => message);
  return [...new Set(messages)];
}

/** Whether a field of this name is on the screen now: registered, and its input mounted. */
export const fieldShown =
  <V extends FieldValues>(control: Control<V>) =>
  (name: string): boolean => {
    // react-hook-form keeps its registered fields here; `_f.mount` is false once the input is gone.
    const field = at((control as unknown as { _fields: object })._fields, name) as
      | { _f?: { mount?: boolean } }
      | undefined;
    return Boolean(field?._f?.mount);
  };
