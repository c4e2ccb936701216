"use client";

import { FormNotice } from "@/components/forms/form-notice";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { cancelSessionAction, rescheduleSessionAction } from "@/lib/actions/scheduling";
import { localDateOf, localTimeOf } from "@/lib/domain/core/zoned-time";
import type { ActionableSession } from "./session-actions";

/**
 * The two forms of a session's actions, loaded when one is opened: the calendar
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
