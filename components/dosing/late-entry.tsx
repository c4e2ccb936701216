import type { UseFormRegisterReturn } from "react-hook-form";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { hasLateReason, isLateEntry, LATE_AFTER_MINUTES } from "@/lib/domain/dosing/entry-time";
import { clock, typedTimeToday } from "./local-time";

/**
 * Late entries (docs/clinical-rules.md §3, "Times on the dosing record"): a dose, reading, adverse
 * event or discharge charted more than 15 minutes after it happened says why. The server decides
 * on its own clock; the form asks in advance so nobody is surprised.
 */

/** True when a typed time of day is a late entry now (the browser's clock). */
export function typedTimeIsLate(time: string | undefined, timeZone: string, now = new Date()) {
  if (!time) return false;
  const at = typedTimeToday(time, timeZone);
  return at instanceof Date && isLateEntry(at, now);
}

export const LATE_REASON_NEEDED = `This is a late entry (more than ${LATE_AFTER_MINUTES} minutes ago): say why it is charted now.`;

/** The browser's check of a form with a time and a late reason, for `useActionForm({ check })`. */
export function lateReasonCheck(time: string | undefined, reason: string | undefined, timeZone: string) {
  return typedTimeIsLate(time, timeZone) && !hasLateReason(reason) ? LATE_REASON_NEEDED : undefined;
}

/** The reason field, shown when the typed time is late or the server asked for it. */
export function LateReasonField({
  id,
  show,
  error,
  registration,
  className,
}: {
  id: string;
  show: boolean;
  error?: string;
  registration: UseFormRegisterReturn;
  className?: string;
}) {
  if (!show && !error) return null;
  return (
    <Field
      label="Reason for the late entry"
      id={id}
      error={error}
      hint={`More than ${LATE_AFTER_MINUTES} minutes ago: the record shows it as a late entry, with this reason.`}
      className={className}
      required
    >
      <Input className="w-full min-w-64" {...registration} />
    </Field>
  );
}

/** How the record shows a late entry: when it was charted, and why. */
export function LateEntryNote({
  reason,
  enteredAt,
  timeZone,
}: {
  reason: string | null;
  enteredAt?: Date | null;
  timeZone: string;
}) {
  if (!reason) return null;
  return (
    <span className="block text-xs font-medium text-amber-900" data-testid="late-entry">
      late entry{enteredAt ? `, charted ${clock(enteredAt, timeZone)}` : ""}: {reason}
    </span>
  );
}
