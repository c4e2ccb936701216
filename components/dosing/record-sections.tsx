"use client";

import { FormNotice } from "@/components/forms/form-notice";
import { useAction } from "@/components/forms/use-action";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import {
  addDosingAddendumAction,
  completeRecordAction,
  recordDischargeAction,
  signRecordAction,
} from "@/lib/actions/dosing";
import type { PracticeSettings } from "@/lib/domain/admin/practice-settings";
import { addendumSchema, recordDischargeSchema } from "@/lib/validation/dosing";
import { clock, nowLocalTime, typedTimeToday } from "./local-time";

type DischargeFields = {
  baselineSpeechAndAwareness: boolean;
  purposefulMovement: boolean;
  escortPresent: boolean;
  readyToLeaveAt: string;
};
const DISCHARGE_ITEMS = [
  ["baselineSpeechAndAwareness", "Back to baseline speech and awareness"],
  ["purposefulMovement", "Purposeful movement, walking steadily"],
  ["escortPresent", "Escort present to take the client home"],
] as const;

/** Discharge: the checklist and the time the client was ready to leave (not before the minimum monitoring). */
export function Discharge({
  recordId,
  version,
  earliestAt,
  readyToLeaveAt,
  settings,
  timeZone,
  open,
}: {
  recordId: string;
  version: number;
  earliestAt: Date;
  readyToLeaveAt: Date | null;
  settings: PracticeSettings;
  timeZone: string;
  open: boolean;
}) {
  const f = useActionForm(recordDischargeAction, {
    schema: recordDischargeSchema,
    defaultValues: {
      baselineSpeechAndAwareness: false,
      purposefulMovement: false,
      escortPresent: false,
      readyToLeaveAt: nowLocalTime(timeZone),
    },
    toInput: (v: DischargeFields) => ({
      ...v,
      recordId,
      version,
      readyToLeaveAt: typedTimeToday(v.readyToLeaveAt, timeZone),
    }),
    refresh: true,
  });
  if (readyToLeaveAt) {
    return (
      <Notice tone="success">
        Ready to leave at {clock(readyToLeaveAt, timeZone)}: every discharge item passed.
      </Notice>
    );
  }
  if (!open) return null;
  return (
    <form {...f.formProps} className="space-y-3" data-testid="discharge-form">
      <p className="text-sm text-slate-700">
        Not before {clock(earliestAt, timeZone)} ({settings.monitoringMinutes} minutes after the dose, a
        clinic setting), with the latest vitals back in range.
      </p>
      <FormNotice of={f} testId="discharge-error" />
      {DISCHARGE_ITEMS.map(([name, label]) => (
        <label key={name} className="flex items-center gap-2 text-sm">
          <input type="checkbox" className="size-4 accent-teal-700" {...f.register(name)} /> {label}
        </label>
      ))}
      <Field label="Ready to leave at" id={`discharge-time-${recordId}`} error={f.error("readyToLeaveAt")}>
        <Input type="time" className="w-32" {...f.register("readyToLeaveAt")} />
      </Field>
      <Button type="submit" disabled={!f.ready || f.pending}>
        Record discharge
      </Button>
    </form>
  );
}

/** Completing (therapist), signing (prescriber) and addenda once signed. */
export function Finish({
  recordId,
  version,
  status,
  canComplete,
  canSign,
  addenda,
  timeZone,
}: {
  recordId: string;
  version: number;
  status: string;
  canComplete: boolean;
  canSign: boolean;
  addenda: { id: string; body: string; createdAt: Date; author: { name: string } }[];
  timeZone: string;
}) {
  const step = useAction();
  const addendum = useActionForm(addDosingAddendumAction, {
    schema: addendumSchema,
    defaultValues: { body: "" },
    toInput: (v: { body: string }) => ({ ...v, recordId }),
    reset: () => ({ body: "" }),
    refresh: true,
  });
  return (
    <div className="space-y-3" data-testid="record-finish">
      <FormNotice of={step} />
      {status === "IN_PROGRESS" && canComplete ? (
        <Button
          onClick={() => void step.run(() => completeRecordAction({ recordId, version }))}
          disabled={step.pending}
        >
          Complete the record
        </Button>
      ) : null}
      {status === "COMPLETED" ? (
        canSign ? (
          <Button
            onClick={() => void step.run(() => signRecordAction({ recordId, version }))}
            disabled={step.pending}
          >
            Review and sign
          </Button>
        ) : (
          <p className="text-sm text-slate-600">Completed; awaiting the prescriber&apos;s signature.</p>
        )
      ) : null}
      {status === "SIGNED" ? (
        <div className="space-y-2">
          <Notice tone="success" data-testid="record-signed">
            Signed. The record is fixed; corrections are added as addenda.
          </Notice>
          <ul className="space-y-1 text-sm">
            {addenda.map((a) => (
              <li key={a.id} className="rounded bg-slate-50 p-2">
                <span className="font-medium">{a.author.name}</span>, {clock(a.createdAt, timeZone)}: {a.body}
              </li>
            ))}
          </ul>
          <form {...addendum.formProps} className="space-y-2">
            <FormNotice of={addendum} />
            <Field label="Addendum" id={`addendum-${recordId}`} error={addendum.error("body")}>
              <Textarea rows={2} {...addendum.register("body")} />
            </Field>
            <Button
              type="submit"
              size="sm"
              variant="secondary"
              disabled={!addendum.ready || addendum.pending}
            >
              Add addendum
            </Button>
          </form>
        </div>
      ) : null}
    </div>
  );
}
