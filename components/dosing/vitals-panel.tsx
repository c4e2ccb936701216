"use client";

import { useEffect, useState } from "react";
import { FormNotice } from "@/components/forms/form-notice";
import { useActionForm } from "@/components/forms/use-action-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { LineChart } from "@/components/ui/line-chart";
import { Notice } from "@/components/ui/notice";
import { Table, Td, THead, Th, Tr } from "@/components/ui/table";
import { addVitalsAction, skipReadingsAction } from "@/lib/actions/dosing";
import type { PracticeSettings } from "@/lib/domain/admin/practice-settings";
import {
  COVER_TOLERANCE_MINUTES,
  DISSOCIATION_SCALE,
  markMinuteOf,
  nextReadingDue,
  SEDATION_SCALE,
  scheduleCoverage,
  vitalsSchedule,
  withoutSkipped,
} from "@/lib/domain/dosing/vitals";
import { addVitalsSchema, skipReadingsSchema } from "@/lib/validation/dosing";
import { LateEntryNote, LateReasonField, lateReasonCheck, typedTimeIsLate } from "./late-entry";
import { clock, nowLocalTime, typedTimeToday } from "./local-time";

export type Vital = {
  id: string;
  takenAt: Date;
  minuteMark: number | null;
  systolic: number | null;
  diastolic: number | null;
  heartRate: number | null;
  spo2: number | null;
  respiratoryRate: number | null;
  sedation: number | null;
  dissociation: number | null;
  alerts: string[];
  lateReason: string | null;
  createdAt: Date;
};

/** A scheduled reading that was not taken, with the reason (markMinute 0 is the baseline). */
export type SkippedReadingRow = { id: string; markMinute: number; reason: string; createdAt: Date };

const ALERT_LABEL: Record<string, string> = {
  "bp-high": "BP high",
  "bp-low": "BP low",
  "heart-rate-high": "HR high",
  "heart-rate-low": "HR low",
  "respiratory-rate-high": "RR high",
  "respiratory-rate-low": "RR low",
  "spo2-low": "SpO2 low",
};

function useNow(everyMs: number) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

const READINGS = [
  "systolic",
  "diastolic",
  "heartRate",
  "respiratoryRate",
  "spo2",
  "sedation",
  "dissociation",
] as const;
type Reading = (typeof READINGS)[number];
type VitalsFields = { takenAt: string; reading: Record<Reading, number | null>; lateReason: string };
/** An empty box is no reading (null), not zero. */
const numberOrNull = (v: unknown) => (v === "" || v === null || v === undefined ? null : Number(v));
const blankReading = (timeZone: string) => ({
  takenAt: nowLocalTime(timeZone),
  reading: Object.fromEntries(READINGS.map((k) => [k, null])) as VitalsFields["reading"],
  lateReason: "",
});
const VALUE_LABEL = {
  systolic: "Systolic",
  diastolic: "Diastolic",
  heartRate: "HR",
  respiratoryRate: "RR",
  spo2: "SpO2",
} as const;
const markName = (minute: number) => (minute === 0 ? "Baseline" : `${minute} min`);

const mmss = (s: number) => `${Math.floor(Math.abs(s) / 60)}:${String(Math.abs(s) % 60).padStart(2, "0")}`;

/** Timed vitals: the practice's schedule, a countdown to the next reading, alerts, and a chart. */
export function VitalsPanel({
  recordId,
  vitals,
  skipped = [],
  doseGivenAt,
  settings,
  timeZone,
  open,
}: {
  recordId: string;
  vitals: Vital[];
  skipped?: SkippedReadingRow[];
  doseGivenAt: Date | null;
  settings: PracticeSettings;
  timeZone: string;
  open: boolean;
}) {
  const now = useNow(1000);
  const [lastAlerts, setLastAlerts] = useState<{ label: string; level: string }[]>([]);
  const f = useActionForm(addVitalsAction, {
    schema: addVitalsSchema,
    defaultValues: blankReading(timeZone),
    toInput: (v: VitalsFields) => ({ ...v, recordId, takenAt: typedTimeToday(v.takenAt, timeZone) }),
    check: (v) => {
      const late = lateReasonCheck(v.takenAt, v.lateReason, timeZone);
      return late ? { lateReason: late } : undefined;
    },
    onSuccess: ({ alerts }) => setLastAlerts(alerts),
    // Ready for the next reading, timed now.
    reset: () => blankReading(timeZone),
    refresh: true,
  });
  const reading = (k: Reading) => f.register(`reading.${k}`, { setValueAs: numberOrNull });
  const late = typedTimeIsLate(f.form.watch("takenAt"), timeZone, now);
  const fullSchedule = vitalsSchedule(settings);
  const skippedMinutes = skipped.map((x) => x.markMinute);
  // Skipped readings are owed no more: the schedule moves past them.
  const schedule = withoutSkipped(fullSchedule, skippedMinutes);
  const taken = vitals.filter((v) => v.takenAt <= now).map((v) => v.takenAt);
  const coverage = doseGivenAt ? scheduleCoverage(schedule, doseGivenAt, taken) : [];
  const next = doseGivenAt ? nextReadingDue(schedule, doseGivenAt, taken, now) : null;
  const chips = doseGivenAt
    ? fullSchedule.map((m) => {
        const covered = coverage.find((c) => c.label === m.label);
        const skip = skipped.find((x) => x.markMinute === markMinuteOf(m));
        return { label: m.label, covered: covered?.takenAt ?? null, dueAt: covered?.dueAt ?? null, skip };
      })
    : [];
  // Readings that may be skipped: not taken, not skipped, and their window has opened.
  const skippable = coverage.filter(
    (m) => !m.takenAt && m.dueAt.getTime() - COVER_TOLERANCE_MINUTES * 60_000 <= now.getTime(),
  );
  const minutes = (d: Date) => (doseGivenAt ? Math.round((d.getTime() - doseGivenAt.getTime()) / 60_000) : 0);
  const points = (key: "systolic" | "diastolic" | "heartRate" | "spo2") =>
    vitals.filter((v) => v[key] !== null).map((v) => ({ x: minutes(v.takenAt), y: v[key] ?? 0 }));
  const maxX = Math.max(settings.monitoringMinutes, ...vitals.map((v) => minutes(v.takenAt)));

  return (
    <div className="space-y-4" data-testid="vitals-panel">
      {doseGivenAt ? (
        next ? (
          <p
            className={next.overdue ? "font-medium text-red-800" : "text-slate-800"}
            aria-live="polite"
            data-testid="next-reading"
          >
            Next reading: {next.minuteMark === null ? "baseline" : `${next.minuteMark} min`} at{" "}
            {clock(next.dueAt, timeZone)} ·{" "}
            {next.overdue ? `overdue by ${mmss(next.secondsUntil)}` : `in ${mmss(next.secondsUntil)}`}
          </p>
        ) : (
          <p className="text-slate-700">No more readings are scheduled.</p>
        )
      ) : (
        <p className="text-sm text-slate-600">
          Take the baseline reading before the dose; the schedule starts when the dose is given.
        </p>
      )}
      {chips.length > 0 ? (
        <ol className="flex flex-wrap gap-1 text-xs" aria-label="Reading schedule">
          {chips.map((m) => (
            <li
              key={m.label}
              title={m.skip ? `Skipped: ${m.skip.reason}` : undefined}
              className={`rounded px-2 py-1 ${m.covered ? "bg-emerald-100 text-emerald-900" : m.skip ? "bg-slate-200 text-slate-700 line-through" : m.dueAt && m.dueAt < now ? "bg-red-100 text-red-900" : "bg-slate-100 text-slate-700"}`}
            >
              {m.label}
              {m.covered ? " ✓" : m.skip ? " skipped" : ""}
            </li>
          ))}
        </ol>
      ) : null}
      {skipped.length > 0 ? (
        <ul className="space-y-1 text-xs text-slate-700" data-testid="skipped-readings">
          {skipped.map((x) => (
            <li key={x.id}>
              {markName(x.markMinute)} reading skipped ({clock(x.createdAt, timeZone)}): {x.reason}
            </li>
          ))}
        </ul>
      ) : null}
      {open && doseGivenAt && skippable.length > 0 ? (
        <SkipReadingsForm recordId={recordId} marks={skippable.map((m) => markMinuteOf(m))} />
      ) : null}
      {lastAlerts.length > 0 ? (
        <Notice tone="danger" live="assertive" data-testid="vitals-alert">
          Out of range: {lastAlerts.map((a) => a.label).join("; ")}
        </Notice>
      ) : null}
      {open ? (
        <form
          {...f.formProps}
          className="flex flex-wrap items-end gap-3 rounded-md border border-slate-200 p-3"
          data-testid="vitals-form"
        >
          <FormNotice of={f} className="w-full" />
          {(["systolic", "diastolic", "heartRate", "respiratoryRate", "spo2"] as const).map((k) => (
            <Field key={k} label={VALUE_LABEL[k]} id={`${recordId}-v-${k}`} error={f.error(`reading.${k}`)}>
              <Input type="number" inputMode="numeric" className="w-24" {...reading(k)} />
            </Field>
          ))}
          <Field label="Sedation" id={`${recordId}-v-sedation`} error={f.error("reading.sedation")}>
            <Select className="w-56" {...reading("sedation")}>
              <option value="">—</option>
              {SEDATION_SCALE.levels.map((l) => (
                <option key={l.value} value={l.value}>
                  {l.value}: {l.label}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            label="Dissociation (0-10)"
            id={`${recordId}-v-dissociation`}
            error={f.error("reading.dissociation")}
          >
            <Input
              type="number"
              min={DISSOCIATION_SCALE.min}
              max={DISSOCIATION_SCALE.max}
              className="w-24"
              {...reading("dissociation")}
            />
          </Field>
          <Field label="Time" id={`${recordId}-v-time`} error={f.error("takenAt")}>
            <Input type="time" className="w-32" {...f.register("takenAt")} />
          </Field>
          <LateReasonField
            id={`${recordId}-v-late`}
            show={late}
            error={f.error("lateReason")}
            registration={f.register("lateReason")}
            className="w-full max-w-xl"
          />
          <Button type="submit" disabled={!f.ready || f.pending}>
            Add reading
          </Button>
        </form>
      ) : null}
      {vitals.length > 0 ? (
        <>
          {doseGivenAt ? (
            <LineChart
              label="Vitals after the dose"
              x={{
                min: 0,
                max: maxX,
                format: (v) => `${Math.round(v)} min`,
                ticks: [0, 30, 60, 90, 120].filter((t) => t <= maxX),
              }}
              y={{ min: 40, max: 200, ticks: [40, 80, 120, 160, 200] }}
              lines={[
                { y: settings.alertSystolicAbove, label: `systolic alert > ${settings.alertSystolicAbove}` },
                {
                  y: settings.alertHeartRateAbove,
                  label: `HR alert > ${settings.alertHeartRateAbove}`,
                  color: "#a16207",
                },
              ]}
              series={[
                { name: "Systolic", color: "#be123c", points: points("systolic") },
                { name: "Diastolic", color: "#9333ea", points: points("diastolic") },
                { name: "Heart rate", color: "#0369a1", points: points("heartRate") },
                { name: "SpO2", color: "#047857", points: points("spo2") },
              ]}
            />
          ) : null}
          <Table data-testid="vitals-table">
            <THead>
              <tr>
                <Th>Time</Th>
                <Th>BP</Th>
                <Th>HR</Th>
                <Th>RR</Th>
                <Th>SpO2</Th>
                <Th>Sedation</Th>
                <Th>Dissociation</Th>
                <Th>Alerts</Th>
              </tr>
            </THead>
            <tbody>
              {vitals.map((v) => (
                <Tr key={v.id} className={v.alerts.length ? "bg-red-50" : undefined}>
                  <Td>
                    {clock(v.takenAt, timeZone)}
                    <span className="block text-xs text-slate-500">
                      {v.minuteMark === null ? "baseline" : `${v.minuteMark} min`}
                    </span>
                    <LateEntryNote reason={v.lateReason} enteredAt={v.createdAt} timeZone={timeZone} />
                  </Td>
                  <Td>
                    {v.systolic ?? "—"}/{v.diastolic ?? "—"}
                  </Td>
                  <Td>{v.heartRate ?? "—"}</Td>
                  <Td>{v.respiratoryRate ?? "—"}</Td>
                  <Td>{v.spo2 ?? "—"}</Td>
                  <Td>{v.sedation ?? "—"}</Td>
                  <Td>{v.dissociation ?? "—"}</Td>
                  <Td className="space-x-1">
                    {v.alerts.map((a) => (
                      <Badge key={a} tone="danger">
                        {ALERT_LABEL[a] ?? a}
                      </Badge>
                    ))}
                  </Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        </>
      ) : null}
    </div>
  );
}

type SkipFields = { markMinutes: string[] | string | false; reason: string };

/** Scheduled readings that were not taken: chosen together, with one reason, kept on the record. */
function SkipReadingsForm({ recordId, marks }: { recordId: string; marks: number[] }) {
  const f = useActionForm(skipReadingsAction, {
    schema: skipReadingsSchema,
    defaultValues: { markMinutes: [], reason: "" },
    // A lone checkbox gives its value or false, several give a list: always a list of minutes.
    toInput: (v: SkipFields) => ({
      recordId,
      markMinutes: (Array.isArray(v.markMinutes) ? v.markMinutes : v.markMinutes ? [v.markMinutes] : []).map(
        Number,
      ),
      reason: v.reason,
    }),
    reset: () => ({ markMinutes: [], reason: "" }),
    refresh: true,
  });
  return (
    <details className="rounded-md border border-slate-200 p-3 text-sm" data-testid="skip-readings">
      <summary className="cursor-pointer font-medium text-teal-800">
        Skip a reading that was not taken ({marks.length} missed)
      </summary>
      <form {...f.formProps} className="mt-3 space-y-3">
        <FormNotice of={f} />
        <fieldset aria-describedby={f.error("markMinutes") ? `skip-marks-${recordId}-error` : undefined}>
          <legend className="text-sm font-medium text-slate-800">Readings not taken</legend>
          <div className="mt-1 flex flex-wrap gap-3">
            {marks.map((minute) => (
              <label key={minute} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  className="size-4 accent-teal-700"
                  value={String(minute)}
                  {...f.register("markMinutes")}
                />
                {markName(minute)}
              </label>
            ))}
          </div>
          {f.error("markMinutes") ? (
            <p id={`skip-marks-${recordId}-error`} className="mt-1 text-sm font-medium text-red-700">
              {f.error("markMinutes")}
            </p>
          ) : null}
        </fieldset>
        <Field
          label="Why they were not taken"
          id={`skip-reason-${recordId}`}
          error={f.error("reason")}
          hint="Kept on the record; discharge does not wait for a skipped reading."
          required
        >
          <Input className="w-full max-w-xl" {...f.register("reason")} />
        </Field>
        <Button type="submit" variant="secondary" size="sm" disabled={!f.ready || f.pending}>
          Skip these readings
        </Button>
      </form>
    </details>
  );
}
