"use client";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { Table, Td, THead, Th, Tr } from "@/components/ui/table";
import { formatDateTime } from "@/lib/domain/core/format";
import {
  isLocalDate,
  isLocalTime,
  localDateOf,
  localTimeOf,
  zonedDateTime,
} from "@/lib/domain/core/zoned-time";
import { planWarnings, validatePlanOrder } from "@/lib/domain/scheduling/series-plan";

export type PlanRow = {
  index: number;
  kind: "PREPARATION" | "DOSING" | "INTEGRATION" | "FOLLOW_UP" | "CLOSING";
  sequence: number | null;
  startsAt: Date;
  endsAt: Date;
  label: string;
  conflicts: { who: string; what: string }[];
};

const TONE = {
  PREPARATION: "info",
  DOSING: "danger",
  INTEGRATION: "success",
  FOLLOW_UP: "warning",
  CLOSING: "neutral",
} as const;

/** What the plan is checked against: the protocol's follow-up and the practice's integration window. */
export type PlanChecks = {
  followUpAfterDose: number | null;
  integrationWindow: { minDays: number; maxDays: number };
};

/**
 * The whole plan before anything is created: conflicts marked, each date and time editable, and
 * the series order checked again as it is edited (the same check creation makes).
 */
export function PlanReview({
  rows,
  onChange,
  timeZone,
  checks,
  onCreate,
  creating,
}: {
  rows: PlanRow[];
  onChange: (rows: PlanRow[]) => void;
  timeZone: string;
  checks: PlanChecks;
  onCreate: () => void;
  creating: boolean;
}) {
  const clashes = rows.filter((r) => r.conflicts.length > 0).length;
  const integrationWindow = { ...checks.integrationWindow, timeZone };
  const problems = validatePlanOrder(rows, {
    followUpAfterDose: checks.followUpAfterDose,
    integrationWindow,
  });
  const warnings = planWarnings(rows, integrationWindow);
  const move = (index: number, date: string, time: string) => {
    if (!isLocalDate(date) || !isLocalTime(time)) return;
    onChange(
      rows.map((r) => {
        if (r.index !== index) return r;
        const startsAt = zonedDateTime(date, time, timeZone);
        // A moved session drops its old conflict marks; creation checks everything again.
        return {
          ...r,
          startsAt,
          endsAt: new Date(startsAt.getTime() + (r.endsAt.getTime() - r.startsAt.getTime())),
          conflicts: [],
        };
      }),
    );
  };
  return (
    <section aria-labelledby="plan-title" className="space-y-3" data-testid="plan-review">
      <h2 id="plan-title" className="text-lg font-semibold">
        The plan: {rows.length} sessions
      </h2>
      {clashes > 0 ? (
        <Notice tone="warning" live="polite">
          {clashes} session{clashes > 1 ? "s clash" : " clashes"} with existing commitments. Change the date
          or time of each, or lay out the plan again from another day.
        </Notice>
      ) : (
        <Notice tone="success" live="polite">
          No conflicts found for the therapist, the prescriber or the client{rows.length ? "s" : ""}.
        </Notice>
      )}
      {problems.length > 0 ? (
        <Notice tone="danger" live="polite" data-testid="plan-problems">
          <p>The series would be out of order; change these dates or times before creating it:</p>
          <ul className="mt-1 list-disc pl-5">
            {problems.map((p) => (
              <li key={`${p.code}-${p.sequence ?? ""}-${p.message}`}>{p.message}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {warnings.length > 0 ? (
        <Notice tone="warning" live="polite" data-testid="plan-warnings">
          <p>Allowed, but later than the clinic&apos;s integration window (a practice setting):</p>
          <ul className="mt-1 list-disc pl-5">
            {warnings.map((w) => (
              <li key={`${w.code}-${w.sequence}`}>{w.message}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <Table>
        <THead>
          <tr>
            <Th>Session</Th>
            <Th>Date</Th>
            <Th>Time</Th>
            <Th>Checks</Th>
          </tr>
        </THead>
        <tbody>
          {rows.map((r) => {
            const date = localDateOf(r.startsAt, timeZone);
            const time = localTimeOf(r.startsAt, timeZone);
            return (
              <Tr key={r.index} data-testid={`plan-row-${r.index}`}>
                <Td>
                  <Badge tone={TONE[r.kind]}>{r.label}</Badge>
                  <span className="mt-1 block text-xs text-slate-500">
                    {formatDateTime(r.startsAt, timeZone)}
                  </span>
                </Td>
                <Td>
                  <Input
                    type="date"
                    aria-label={`Date of ${r.label}`}
                    defaultValue={date}
                    className="w-40"
                    onBlur={(e) => move(r.index, e.target.value, time)}
                  />
                </Td>
                <Td>
                  <Input
                    type="time"
                    aria-label={`Time of ${r.label}`}
                    defaultValue={time}
                    step={900}
                    className="w-32"
                    onBlur={(e) => move(r.index, date, e.target.value)}
                  />
                </Td>
                <Td>
                  {r.conflicts.length === 0 ? (
                    <span className="text-emerald-800">Free</span>
                  ) : (
                    <ul className="text-red-800">
                      {r.conflicts.map((c) => (
                        <li key={`${c.who}-${c.what}`}>
                          {c.who}: {c.what}
                        </li>
                      ))}
                    </ul>
                  )}
                </Td>
              </Tr>
            );
          })}
        </tbody>
      </Table>
      <Button onClick={onCreate} disabled={creating || problems.length > 0} size="lg">
        {creating ? "Creating…" : `Create the series (${rows.length} sessions)`}
      </Button>
      <p className="text-sm text-slate-600">
        Everything is created in one step: if any session clashes at that moment, nothing is created.
      </p>
    </section>
  );
}
