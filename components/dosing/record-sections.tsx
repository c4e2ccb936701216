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
import { formatDateTime } from "@/lib/domain/core/format";
import { addendumSchema, recordDischargeSchema } from "@/lib/validation/dosing";
import { LateEntryNote, LateReasonField, lateReasonCheck, typedTimeIsLate } from "./late-entry";
import { clock, nowLocalTime, typedTimeToday } from "./local-time";

type DischargeFields = {
  baselineSpeechAndAwareness: boolean;
  purposefulMovement: boolean;
  escortPresent: boolean;
  readyToLeaveAt: string;
  dischargedAt: string;
  lateReason: string;
};
const DISCHARGE_ITEMS = [
  ["baselineSpeechAndAwareness", "Back to baseline speech and awareness"],
  ["purposefulMovement", "Purposeful movement, walking steadily"],
  ["escortPresent", "Escort present to take the client home"],
] as const;

/** The dose as given, with its late-entry reason when it was charted late. */
export function DoseGiven({
  mg,
  route,
  lotNumber,
  givenAt,
  lateReason,
  timeZone,
}: {
  mg: string;
  route: string;
  lotNumber: string | null;
  givenAt: Date;
  lateReason: string | null;
  timeZone: string;
}) {
  return (
    <p className="text-sm" data-testid="dose-given">
      {mg} mg {route} · lot {lotNumber} · given {formatDateTime(givenAt, timeZone)}
      <LateEntryNote reason={lateReason} timeZone={timeZone} />
    </p>
  );
}

/**
 * Discharge (docs/clinical-rules.md §3): the checks, when the client would have been ready to
 * leave (which may be before the minimum monitoring time) and when they were discharged. The
 * server judges every criterion at the discharge time and says which failed.
 */
export function Discharge({
  recordId,
  version,
  earliestAt,
  readyToLeaveAt,
  dischargedAt,
  lateReason,
  settings,
  timeZone,
  open,
}: {
  recordId: string;
  version: number;
  earliestAt: Date;
  readyToLeaveAt: Date | null;
  dischargedAt: Date | null;
  lateReason: string | null;
  settings: PracticeSettings;
  timeZone: string;
  open: boolean;
}) {
  const blank = (): DischargeFields => ({
    baselineSpeechAndAwareness: false,
    purposefulMovement: false,
    escortPresent: false,
    readyToLeaveAt: nowLocalTime(timeZone),
    dischargedAt: nowLocalTime(timeZone),
    lateReason: "",
  });
  const f = useActionForm(recordDischargeAction, {
    schema: recordDischargeSchema,
    defaultValues: blank(),
    toInput: (v: DischargeFields) => ({
      ...v,
      recordId,
      version,
      readyToLeaveAt: typedTimeToday(v.readyToLeaveAt, timeZone),
      dischargedAt: typedTimeToday(v.dischargedAt, timeZone),
    }),
    check: (v) => {
      const late = lateReasonCheck(v.dischargedAt, v.lateReason, timeZone);
      return late ? { lateReason: late } : undefined;
    },
    refresh: true,
  });
  const late = typedTimeIsLate(f.form.watch("dischargedAt"), timeZone);
  // Records discharged before the two times were kept apart have only the one time.
  const leftAt = dischargedAt ?? readyToLeaveAt;
  if (leftAt) {
    return (
      <Notice tone="success" data-testid="discharged">
        Discharged at {clock(leftAt, timeZone)}: every discharge item passed.
        {readyToLeaveAt && dischargedAt ? ` Ready to leave at ${clock(readyToLeaveAt, timeZone)}.` : ""}
        <LateEntryNote reason={lateReason} timeZone={timeZone} />
      </Notice>
    );
  }
  if (!open) return null;
  return (
    <form {...f.formProps} className="space-y-3" data-testid="discharge-form">
      <div className="text-sm text-slate-700">
        <p>Discharge needs, at the discharge time:</p>
        <ul className="ml-5 list-disc">
          <li>
            not before {clock(earliestAt, timeZone)} ({settings.monitoringMinutes} minutes after the last
            administration, a clinic setting);
          </li>
          <li>
            a full set of vitals (BP, heart rate, respiratory rate, SpO2) in the last 15 minutes, with BP at
            or below the hold limit of {settings.bpHoldSystolic}/{settings.bpHoldDiastolic} and every value
            within the alert limits (clinic settings);
          </li>
          <li>every scheduled reading taken, or skipped with a reason;</li>
          <li>every moderate or severe adverse event signed off by the prescriber.</li>
        </ul>
      </div>
      <FormNotice of={f} testId="discharge-error" />
      {DISCHARGE_ITEMS.map(([name, label]) => (
        <label key={name} className="flex items-center gap-2 text-sm">
          <input type="checkbox" className="size-4 accent-teal-700" {...f.register(name)} /> {label}
        </label>
      ))}
      <div className="flex flex-wrap gap-3">
        <Field
          label="Ready to leave at"
          id={`discharge-ready-${recordId}`}
          hint="When the client would have been ready to leave; may be before the minimum time."
          error={f.error("readyToLeaveAt")}
          required
        >
          <Input type="time" className="w-32" {...f.register("readyToLeaveAt")} />
        </Field>
        <Field
          label="Discharged at"
          id={`discharge-time-${recordId}`}
          error={f.error("dischargedAt")}
          required
        >
          <Input type="time" className="w-32" {...f.register("dischargedAt")} />
        </Field>
      </div>
      <LateReasonField
        id={`discharge-late-${recordId}`}
        show={late}
        error={f.error("lateReason")}
        registration={f.register("lateReason")}
        className="max-w-xl"
      />
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
