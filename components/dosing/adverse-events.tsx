"use client";

import { FormNotice } from "@/components/forms/form-notice";
import { useAction } from "@/components/forms/use-action";
import { useActionForm } from "@/components/forms/use-action-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import { addAdverseEventAction, reviewAdverseEventAction } from "@/lib/actions/dosing";
import {
  ADVERSE_EVENT_KINDS,
  ADVERSE_EVENT_LABEL,
  addAdverseEventSchema,
  SEVERITIES,
} from "@/lib/validation/dosing";
import { LateEntryNote, LateReasonField, lateReasonCheck, typedTimeIsLate } from "./late-entry";
import { clock, nowLocalTime, typedTimeToday } from "./local-time";

export type AdverseEventRow = {
  id: string;
  reviewedAt: Date | null;
  kind: (typeof ADVERSE_EVENT_KINDS)[number];
  severity: string;
  occurredAt: Date;
  description: string | null;
  actionTaken: string | null;
  rescueMedication: string | null;
  lateReason: string | null;
  createdAt: Date;
};

type AdverseEventFields = {
  kind: AdverseEventRow["kind"];
  severity: (typeof SEVERITIES)[number];
  occurredAt: string;
  description: string;
  actionTaken: string;
  rescueMedication: string;
  lateReason: string;
};
const blankEvent = (timeZone: string): AdverseEventFields => ({
  kind: ADVERSE_EVENT_KINDS[0],
  severity: SEVERITIES[0],
  occurredAt: nowLocalTime(timeZone),
  description: "",
  actionTaken: "",
  rescueMedication: "",
  lateReason: "",
});

/** Adverse events with what was done and any rescue medicine. */
export function AdverseEvents({
  recordId,
  events,
  timeZone,
  open,
  canReview = false,
}: {
  recordId: string;
  events: AdverseEventRow[];
  timeZone: string;
  open: boolean;
  canReview?: boolean;
}) {
  const review = useAction();
  const f = useActionForm(addAdverseEventAction, {
    schema: addAdverseEventSchema,
    defaultValues: blankEvent(timeZone),
    toInput: (v: AdverseEventFields) => ({
      ...v,
      recordId,
      occurredAt: typedTimeToday(v.occurredAt, timeZone),
    }),
    check: (v) => {
      const late = lateReasonCheck(v.occurredAt, v.lateReason, timeZone);
      return late ? { lateReason: late } : undefined;
    },
    reset: () => blankEvent(timeZone),
    refresh: true,
  });
  const late = typedTimeIsLate(f.form.watch("occurredAt"), timeZone);
  return (
    <div className="space-y-3" data-testid="adverse-events">
      <FormNotice of={{ message: review.message ?? f.message }} testId="adverse-event-error" />
      {events.length === 0 ? <p className="text-sm text-slate-600">None recorded.</p> : null}
      <ul className="space-y-2 text-sm">
        {events.map((e) => (
          <li key={e.id} className="rounded-md border border-red-200 bg-red-50 p-3">
            <p className="font-medium">
              {ADVERSE_EVENT_LABEL[e.kind]}{" "}
              <Badge tone={e.severity === "SEVERE" ? "danger" : "warning"}>{e.severity.toLowerCase()}</Badge>{" "}
              at {clock(e.occurredAt, timeZone)}
              <LateEntryNote reason={e.lateReason} enteredAt={e.createdAt} timeZone={timeZone} />
            </p>
            {e.description ? <p>{e.description}</p> : null}
            <p>Action: {e.actionTaken}</p>
            {e.rescueMedication ? <p>Rescue medicine: {e.rescueMedication}</p> : null}
            {e.reviewedAt ? (
              <p className="text-xs text-slate-600">Reviewed by the prescriber.</p>
            ) : e.severity !== "MILD" ? (
              <p className="text-xs font-medium text-red-900">
                Awaiting the prescriber&apos;s sign-off: the client is not discharged before it.
              </p>
            ) : null}
            {!e.reviewedAt && canReview ? (
              <Button
                size="sm"
                variant="secondary"
                className="mt-1"
                disabled={review.pending}
                onClick={() => void review.run(() => reviewAdverseEventAction({ adverseEventId: e.id }))}
              >
                Mark reviewed
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {open ? (
        <form {...f.formProps} className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-2">
          <Field label="Event" id={`ae-kind-${recordId}`} error={f.error("kind")}>
            <Select {...f.register("kind")}>
              {ADVERSE_EVENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {ADVERSE_EVENT_LABEL[k]}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Severity" id={`ae-severity-${recordId}`} error={f.error("severity")}>
            <Select {...f.register("severity")}>
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {s.toLowerCase()}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Time" id={`ae-time-${recordId}`} error={f.error("occurredAt")}>
            <Input type="time" {...f.register("occurredAt")} />
          </Field>
          <LateReasonField
            id={`ae-late-${recordId}`}
            show={late}
            error={f.error("lateReason")}
            registration={f.register("lateReason")}
            className="sm:col-span-2"
          />
          <Field
            label="Rescue medicine"
            id={`ae-rescue-${recordId}`}
            hint="e.g. ondansetron 4 mg ODT"
            error={f.error("rescueMedication")}
          >
            <Input {...f.register("rescueMedication")} />
          </Field>
          <Field
            label="What happened"
            id={`ae-description-${recordId}`}
            className="sm:col-span-2"
            error={f.error("description")}
          >
            <Textarea rows={2} {...f.register("description")} />
          </Field>
          <Field
            label="Action taken"
            id={`ae-action-${recordId}`}
            className="sm:col-span-2"
            error={f.error("actionTaken")}
            required
          >
            <Textarea rows={2} {...f.register("actionTaken")} />
          </Field>
          <Button
            type="submit"
            variant="secondary"
            disabled={!f.ready || f.pending}
            className="sm:col-span-2 sm:justify-self-start"
          >
            Record adverse event
          </Button>
        </form>
      ) : null}
    </div>
  );
}
