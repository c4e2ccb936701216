"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import {
  addAdverseEventAction,
  addDosingAddendumAction,
  completeRecordAction,
  recordDischargeAction,
  reviewAdverseEventAction,
  signRecordAction,
} from "@/lib/actions/dosing";
import type { PracticeSettings } from "@/lib/domain/admin/practice-settings";
import { ADVERSE_EVENT_KINDS, ADVERSE_EVENT_LABEL, SEVERITIES } from "@/lib/validation/dosing";
import { clock, nowLocalTime, todayAt } from "./local-time";
import { useRecordAction } from "./use-record-action";

export type AdverseEventRow = {
  id: string;
  reviewedAt: Date | null;
  kind: (typeof ADVERSE_EVENT_KINDS)[number];
  severity: string;
  occurredAt: Date;
  description: string | null;
  actionTaken: string | null;
  rescueMedication: string | null;
};

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
  const { run, pending, error } = useRecordAction();
  return (
    <div className="space-y-3" data-testid="adverse-events">
      {error ? (
        <Notice tone="danger" live="assertive" data-testid="adverse-event-error">
          {error}
        </Notice>
      ) : null}
      {events.length === 0 ? <p className="text-sm text-slate-600">None recorded.</p> : null}
      <ul className="space-y-2 text-sm">
        {events.map((e) => (
          <li key={e.id} className="rounded-md border border-red-200 bg-red-50 p-3">
            <p className="font-medium">
              {ADVERSE_EVENT_LABEL[e.kind]}{" "}
              <Badge tone={e.severity === "SEVERE" ? "danger" : "warning"}>{e.severity.toLowerCase()}</Badge>{" "}
              at {clock(e.occurredAt, timeZone)}
            </p>
            {e.description ? <p>{e.description}</p> : null}
            <p>Action: {e.actionTaken}</p>
            {e.rescueMedication ? <p>Rescue medicine: {e.rescueMedication}</p> : null}
            {e.reviewedAt ? (
              <p className="text-xs text-slate-600">Reviewed by the prescriber.</p>
            ) : canReview ? (
              <Button
                size="sm"
                variant="secondary"
                className="mt-1"
                disabled={pending}
                onClick={() => run(() => reviewAdverseEventAction({ adverseEventId: e.id }))}
              >
                Mark reviewed
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {open ? (
        <form
          method="post"
          className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-2"
          onSubmit={(e) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            const formEl = e.currentTarget;
            void run(
              () =>
                addAdverseEventAction({
                  recordId,
                  kind: String(f.get("kind")) as AdverseEventRow["kind"],
                  severity: String(f.get("severity")) as (typeof SEVERITIES)[number],
                  occurredAt: todayAt(String(f.get("time")), timeZone),
                  description: String(f.get("description") ?? ""),
                  actionTaken: String(f.get("action") ?? ""),
                  rescueMedication: String(f.get("rescue") ?? ""),
                }),
              () => formEl.reset(),
            );
          }}
        >
          <Field label="Event" id={`ae-kind-${recordId}`}>
            <Select name="kind">
              {ADVERSE_EVENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {ADVERSE_EVENT_LABEL[k]}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Severity" id={`ae-severity-${recordId}`}>
            <Select name="severity">
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {s.toLowerCase()}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Time" id={`ae-time-${recordId}`}>
            <Input name="time" type="time" defaultValue={nowLocalTime(timeZone)} />
          </Field>
          <Field label="Rescue medicine" id={`ae-rescue-${recordId}`} hint="e.g. ondansetron 4 mg ODT">
            <Input name="rescue" />
          </Field>
          <Field label="What happened" id={`ae-description-${recordId}`} className="sm:col-span-2">
            <Textarea name="description" rows={2} />
          </Field>
          <Field label="Action taken" id={`ae-action-${recordId}`} className="sm:col-span-2" required>
            <Textarea name="action" rows={2} />
          </Field>
          <Button
            type="submit"
            variant="secondary"
            disabled={pending}
            className="sm:col-span-2 sm:justify-self-start"
          >
            Record adverse event
          </Button>
        </form>
      ) : null}
    </div>
  );
}

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
  const { run, pending, error } = useRecordAction();
  if (readyToLeaveAt) {
    return (
      <Notice tone="success">
        Ready to leave at {clock(readyToLeaveAt, timeZone)}: every discharge item passed.
      </Notice>
    );
  }
  if (!open) return null;
  return (
    <form
      method="post"
      className="space-y-3"
      data-testid="discharge-form"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        void run(() =>
          recordDischargeAction({
            recordId,
            version,
            baselineSpeechAndAwareness: f.get("speech") === "on",
            purposefulMovement: f.get("movement") === "on",
            escortPresent: f.get("escort") === "on",
            readyToLeaveAt: todayAt(String(f.get("time")), timeZone),
          }),
        );
      }}
    >
      <p className="text-sm text-slate-700">
        Not before {clock(earliestAt, timeZone)} ({settings.monitoringMinutes} minutes after the dose, a
        clinic setting), with the latest vitals back in range.
      </p>
      {error ? (
        <Notice tone="danger" live="assertive" data-testid="discharge-error">
          {error}
        </Notice>
      ) : null}
      {[
        ["speech", "Back to baseline speech and awareness"],
        ["movement", "Purposeful movement, walking steadily"],
        ["escort", "Escort present to take the client home"],
      ].map(([name, label]) => (
        <label key={name} className="flex items-center gap-2 text-sm">
          <input type="checkbox" name={name} className="size-4 accent-teal-700" /> {label}
        </label>
      ))}
      <Field label="Ready to leave at" id={`discharge-time-${recordId}`}>
        <Input name="time" type="time" defaultValue={nowLocalTime(timeZone)} className="w-32" />
      </Field>
      <Button type="submit" disabled={pending}>
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
  const { run, pending, error } = useRecordAction();
  const [body, setBody] = useState("");
  return (
    <div className="space-y-3" data-testid="record-finish">
      {error ? (
        <Notice tone="danger" live="assertive">
          {error}
        </Notice>
      ) : null}
      {status === "IN_PROGRESS" && canComplete ? (
        <Button onClick={() => run(() => completeRecordAction({ recordId, version }))} disabled={pending}>
          Complete the record
        </Button>
      ) : null}
      {status === "COMPLETED" ? (
        canSign ? (
          <Button onClick={() => run(() => signRecordAction({ recordId, version }))} disabled={pending}>
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
          <form
            method="post"
            className="space-y-2"
            onSubmit={(e) => {
              e.preventDefault();
              void run(
                () => addDosingAddendumAction({ recordId, body }),
                () => setBody(""),
              );
            }}
          >
            <Field label="Addendum" id={`addendum-${recordId}`}>
              <Textarea rows={2} value={body} onChange={(e) => setBody(e.target.value)} />
            </Field>
            <Button type="submit" size="sm" variant="secondary" disabled={pending}>
              Add addendum
            </Button>
          </form>
        </div>
      ) : null}
    </div>
  );
}
