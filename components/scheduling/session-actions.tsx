"use client";

import Link from "next/link";
import { lazy, Suspense, useState } from "react";
import { FormNotice } from "@/components/forms/form-notice";
import { useAction } from "@/components/forms/use-action";
import { Button } from "@/components/ui/button";
import { changeSessionStatusAction } from "@/lib/actions/scheduling";
import type { GateResult } from "@/lib/domain/dosing/gates";
import { needsAttendance, sessionClosing } from "@/lib/domain/scheduling/session-closing";

// Loaded when one of the forms is opened (see session-forms.tsx).
const forms = () => import("./session-forms");
const MoveSessionForm = lazy(() => forms().then((m) => ({ default: m.MoveSessionForm })));
const CancelSessionForm = lazy(() => forms().then((m) => ({ default: m.CancelSessionForm })));
const EndEarlyForm = lazy(() => forms().then((m) => ({ default: m.EndEarlyForm })));
const AttendanceForm = lazy(() => forms().then((m) => ({ default: m.AttendanceForm })));

export type ActionableSession = {
  id: string;
  kind: string;
  status: string;
  startsAt: Date;
  endsAt: Date;
  version: number;
  /** INDIVIDUAL or COUPLE: a couple's preparation and integration record who attended. */
  seriesKind: string;
  /** A dose was given in this session: it can be ended early, never cancelled. */
  doseGiven: boolean;
  /** Each partner's recorded attendance (empty until recorded). */
  attendance: { clientId: string; attended: boolean }[];
};

export type Participant = { id: string; name: string };

type Mode = "none" | "move" | "cancel" | "end-early" | "complete" | "attendance";

/** Who attended a couple's session, as recorded. */
function AttendanceSummary({
  session,
  participants,
}: {
  session: ActionableSession;
  participants: Participant[];
}) {
  const name = (id: string) => participants.find((p) => p.id === id)?.name ?? "A partner";
  const came = session.attendance.filter((a) => a.attended).map((a) => name(a.clientId));
  const absent = session.attendance.filter((a) => !a.attended).map((a) => name(a.clientId));
  return (
    <p className="text-sm text-slate-700" data-testid="attendance-summary">
      Attended: {came.join(" & ") || "nobody"}
      {absent.length ? ` · Absent: ${absent.join(" & ")}` : ""}
    </p>
  );
}

/**
 * What can be done with one session: move it, confirm/start/complete it, and close it: cancel
 * or mark a no-show, or, once a dose was given, only end it early (sessionClosing decides, as on
 * the server). A couple's preparation or integration is completed by ticking who attended.
 */
export function SessionActions({
  session,
  participants,
  gate,
  timeZone,
  onChanged,
}: {
  session: ActionableSession;
  /** The series' participants, by name (for attendance). */
  participants: Participant[];
  gate?: GateResult;
  timeZone: string;
  /** After a change, besides refreshing the page (the calendar reloads its sessions). */
  onChanged?: () => unknown;
}) {
  const [mode, setMode] = useState<Mode>("none");
  const { run, pending, message } = useAction();
  const open = ["SCHEDULED", "CONFIRMED", "IN_PROGRESS"].includes(session.status);
  const attendanceNeeded = needsAttendance(session);
  const closing = sessionClosing(session);
  const done = async () => {
    setMode("none");
    await onChanged?.();
  };
  const toggle = (next: Mode) => setMode(mode === next ? "none" : next);
  const status = (action: "confirm" | "start" | "complete") =>
    void run(
      () => changeSessionStatusAction({ sessionId: session.id, version: session.version, action }),
      () => void done(),
    );
  const forms = (
    <Suspense fallback={mode === "none" ? null : <p className="text-sm text-slate-600">Loading…</p>}>
      {mode === "move" ? <MoveSessionForm session={session} timeZone={timeZone} onDone={done} /> : null}
      {mode === "cancel" ? <CancelSessionForm session={session} onDone={done} /> : null}
      {mode === "end-early" ? <EndEarlyForm session={session} onDone={done} /> : null}
      {mode === "complete" || mode === "attendance" ? (
        <AttendanceForm
          session={session}
          participants={participants}
          completing={mode === "complete"}
          onDone={done}
        />
      ) : null}
    </Suspense>
  );

  if (!open) {
    if (!attendanceNeeded || session.status !== "COMPLETED") return null;
    if (session.attendance.length > 0)
      return <AttendanceSummary session={session} participants={participants} />;
    // Completed before attendance was recorded: the gate counts nobody until it is.
    return (
      <div className="space-y-3" data-testid="session-actions">
        <p className="text-sm text-amber-900">
          Who attended is not recorded: until it is, this session counts for neither partner.
        </p>
        <Button size="sm" variant="secondary" onClick={() => toggle("attendance")}>
          Record attendance
        </Button>
        {forms}
      </div>
    );
  }
  // A session is completed once it has begun; a dosing session through its dosing record.
  const hasStarted = new Date(session.startsAt).getTime() <= Date.now();
  const blocked = session.kind === "DOSING" && gate && !gate.allowed;
  const warnings = session.kind === "DOSING" && gate ? gate.warnings : [];
  return (
    <div className="space-y-3" data-testid="session-actions">
      {blocked ? (
        <div
          className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
          data-testid="gate-blocks"
        >
          <p className="font-medium">This dose cannot be confirmed or started yet:</p>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {gate.blocks.map((b) => (
              <li key={`${b.code}-${b.clientId ?? ""}`}>
                {b.reason} <span className="text-amber-800">{b.unblock}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {warnings.length > 0 ? (
        <div
          className="rounded-md border border-sky-300 bg-sky-50 p-3 text-sm text-sky-950"
          data-testid="gate-warnings"
        >
          <p className="font-medium">Allowed, but note:</p>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {warnings.map((w) => (
              <li key={`${w.code}-${w.clientId ?? ""}`}>{w.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {closing === "end-early" ? (
        <p className="text-sm text-slate-700" data-testid="dose-given-note">
          A dose was given in this session: it counts toward the limits, so the session cannot be cancelled.
          End it early with the reason if it has to stop.
        </p>
      ) : null}
      <FormNotice of={{ message }} testId="action-error" />
      <div className="flex flex-wrap gap-2">
        {session.status === "SCHEDULED" ? (
          <Button size="sm" disabled={pending} onClick={() => status("confirm")}>
            Confirm
          </Button>
        ) : null}
        {session.status !== "IN_PROGRESS" ? (
          <Button size="sm" variant="secondary" disabled={pending} onClick={() => status("start")}>
            Start
          </Button>
        ) : null}
        {session.kind === "DOSING" ? (
          <Button size="sm" variant="secondary" asChild>
            <Link href={`/dosing/${session.id}`}>Dosing day</Link>
          </Button>
        ) : hasStarted ? (
          <Button
            size="sm"
            variant="secondary"
            disabled={pending}
            onClick={() => (attendanceNeeded ? toggle("complete") : status("complete"))}
          >
            Mark completed
          </Button>
        ) : null}
        <Button size="sm" variant="secondary" disabled={pending} onClick={() => toggle("move")}>
          Reschedule
        </Button>
        {closing === "end-early" ? (
          <Button size="sm" variant="ghost" disabled={pending} onClick={() => toggle("end-early")}>
            End early
          </Button>
        ) : (
          <Button size="sm" variant="ghost" disabled={pending} onClick={() => toggle("cancel")}>
            Cancel or no-show
          </Button>
        )}
      </div>
      {forms}
    </div>
  );
}
