"use client";

import { FormNotice } from "@/components/forms/form-notice";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import {
  cancelSessionAction,
  changeSessionStatusAction,
  endSessionEarlyAction,
  recordAttendanceAction,
  rescheduleSessionAction,
} from "@/lib/actions/scheduling";
import { localDateOf, localTimeOf } from "@/lib/domain/core/zoned-time";
import { END_EARLY_MIN_REASON_LENGTH } from "@/lib/domain/scheduling/session-closing";
import type { ActionableSession, Participant } from "./session-actions";

/**
 * The forms of a session's actions, loaded when one is opened: the calendar
 * and the series page do not download the form library before then.
 */
type Props = { session: ActionableSession; timeZone: string; onDone: () => void | Promise<void> };

/** The schedule's checks, fetched with the form (the pages showing sessions ship no zod). */
const scheduling = () => import("@/lib/validation/scheduling");

type NewTime = { date: string; time: string; durationMinutes: string };

export function MoveSessionForm({ session, timeZone, onDone }: Props) {
  const f = useActionForm(rescheduleSessionAction, {
    schema: () => scheduling().then((m) => m.rescheduleSessionSchema),
    defaultValues: {
      date: localDateOf(session.startsAt, timeZone),
      time: localTimeOf(session.startsAt, timeZone),
      durationMinutes: String(Math.round((session.endsAt.getTime() - session.startsAt.getTime()) / 60_000)),
    },
    toInput: (v: NewTime) => ({ ...v, sessionId: session.id, version: session.version }),
    onSuccess: onDone,
    refresh: true,
  });
  return (
    <form {...f.formProps} className="flex flex-wrap items-end gap-2">
      <FormNotice of={f} testId="action-error" className="w-full" />
      <Field label="New date" id={`date-${session.id}`} error={f.error("date")}>
        <Input type="date" className="w-40" {...f.register("date")} />
      </Field>
      <Field label="Time" id={`time-${session.id}`} error={f.error("time")}>
        <Input type="time" step={900} className="w-32" {...f.register("time")} />
      </Field>
      <Field label="Minutes" id={`duration-${session.id}`} error={f.error("durationMinutes")}>
        <Input
          type="number"
          min={15}
          max={480}
          step={15}
          className="w-24"
          {...f.register("durationMinutes")}
        />
      </Field>
      <Button type="submit" size="sm" disabled={!f.ready || f.pending}>
        Move session
      </Button>
    </form>
  );
}

type Outcome = { outcome: "CANCELLED" | "NO_SHOW"; reason: string };

export function CancelSessionForm({ session, onDone }: Omit<Props, "timeZone">) {
  const f = useActionForm(cancelSessionAction, {
    schema: () => scheduling().then((m) => m.cancelSessionSchema),
    defaultValues: { outcome: "CANCELLED", reason: "" },
    toInput: (v: Outcome) => ({ ...v, sessionId: session.id, version: session.version }),
    onSuccess: onDone,
    refresh: true,
  });
  return (
    <form {...f.formProps} className="flex flex-wrap items-end gap-2">
      <FormNotice of={f} testId="action-error" className="w-full" />
      <Field label="Outcome" id={`outcome-${session.id}`} error={f.error("outcome")}>
        <Select className="w-40" {...f.register("outcome")}>
          <option value="CANCELLED">Cancelled</option>
          <option value="NO_SHOW">No-show</option>
        </Select>
      </Field>
      <Field label="Reason" id={`reason-${session.id}`} error={f.error("reason")}>
        <Input className="w-64" {...f.register("reason")} />
      </Field>
      <Button type="submit" size="sm" variant="danger" disabled={!f.ready || f.pending}>
        Record
      </Button>
    </form>
  );
}

type EndEarly = { reason: string };

/**
 * Ends a dosing session in which a dose was given: the only way to close it before its records
 * are completed. The dose keeps counting; the records stay open for discharge and signature.
 */
export function EndEarlyForm({ session, onDone }: Omit<Props, "timeZone">) {
  const f = useActionForm(endSessionEarlyAction, {
    schema: () => scheduling().then((m) => m.endSessionEarlySchema),
    defaultValues: { reason: "" },
    toInput: (v: EndEarly) => ({ ...v, sessionId: session.id, version: session.version }),
    onSuccess: onDone,
    refresh: true,
  });
  return (
    <form {...f.formProps} className="space-y-2" data-testid="end-early-form">
      <FormNotice of={f} testId="action-error" />
      <Field
        label="Why the session ends early"
        id={`end-early-reason-${session.id}`}
        hint={`At least ${END_EARLY_MIN_REASON_LENGTH} characters. The dose given still counts, and each record is still completed and signed.`}
        error={f.error("reason")}
        required
      >
        <Textarea rows={2} {...f.register("reason")} />
      </Field>
      <Button type="submit" size="sm" variant="danger" disabled={!f.ready || f.pending}>
        End the session early
      </Button>
    </form>
  );
}

type Attendance = { attended: string[] };

const NOBODY_TICKED = "Tick who attended. If neither partner came, record a no-show instead.";

/**
 * Who attended a couple's preparation or integration session: one box per partner, none ticked
 * to start with, so the clinician says who was there. Completes the session (`completing`), or
 * records attendance for a session completed without it.
 */
export function AttendanceForm({
  session,
  participants,
  completing,
  onDone,
}: Omit<Props, "timeZone"> & { participants: Participant[]; completing: boolean }) {
  const options = {
    defaultValues: { attended: [] as string[] },
    check: (v: Attendance) => (v.attended.length === 0 ? { attended: NOBODY_TICKED } : undefined),
    onSuccess: onDone,
    refresh: true,
  };
  const complete = useActionForm(changeSessionStatusAction, {
    ...options,
    schema: () => scheduling().then((m) => m.sessionStatusSchema),
    toInput: (v: Attendance) => ({
      sessionId: session.id,
      version: session.version,
      action: "complete" as const,
      attended: v.attended,
    }),
  });
  const record = useActionForm(recordAttendanceAction, {
    ...options,
    schema: () => scheduling().then((m) => m.recordAttendanceSchema),
    toInput: (v: Attendance) => ({ sessionId: session.id, version: session.version, attended: v.attended }),
  });
  const f = completing ? complete : record;
  const id = `attended-${session.id}`;
  const error = f.error("attended");
  return (
    <form {...f.formProps} className="space-y-2" data-testid="attendance-form">
      <FormNotice of={f} testId="action-error" />
      <fieldset
        id={id}
        aria-describedby={error ? `${id}-error` : undefined}
        aria-invalid={error ? true : undefined}
        className="space-y-2"
      >
        <legend className="text-sm font-medium text-slate-900">
          Who attended? Tick each partner who was there.
        </legend>
        <div className="flex flex-wrap gap-2">
          {participants.map((p) => (
            <label
              key={p.id}
              className="flex min-h-11 cursor-pointer items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm has-[:checked]:border-teal-700 has-[:checked]:bg-teal-50"
            >
              <input
                type="checkbox"
                value={p.id}
                className="size-4 accent-teal-700"
                {...f.register("attended")}
              />
              <span>{p.name}</span>
            </label>
          ))}
        </div>
        {error ? (
          <p id={`${id}-error`} className="text-sm font-medium text-red-700" data-testid={`error-${id}`}>
            {error}
          </p>
        ) : null}
      </fieldset>
      <Button type="submit" size="sm" disabled={!f.ready || f.pending}>
        {completing ? "Complete the session" : "Record attendance"}
      </Button>
    </form>
  );
}
