"use client";

import Link from "next/link";
import { lazy, Suspense, useState } from "react";
import { FormNotice } from "@/components/forms/form-notice";
import { useAction } from "@/components/forms/use-action";
import { Button } from "@/components/ui/button";
import { changeSessionStatusAction } from "@/lib/actions/scheduling";
import type { GateResult } from "@/lib/domain/dosing/gates";

// Loaded when "Reschedule" or "Cancel or no-show" is pressed (see session-forms.tsx).
const MoveSessionForm = lazy(() => import("./session-forms").then((m) => ({ default: m.MoveSessionForm })));
const CancelSessionForm = lazy(() =>
  import("./session-forms").then((m) => ({ default: m.CancelSessionForm })),
);

export type ActionableSession = {
  id: string;
  kind: string;
  status: string;
  startsAt: Date;
  endsAt: Date;
  version: number;
};

/** What can be done with one session: move it, confirm/start/complete it, cancel it or mark a no-show. */
export function SessionActions({
  session,
  gate,
  timeZone,
  onChanged,
}: {
  session: ActionableSession;
  gate?: GateResult;
  timeZone: string;
  /** After a change, besides refreshing the page (the calendar reloads its sessions). */
  onChanged?: () => unknown;
}) {
  const [mode, setMode] = useState<"none" | "move" | "cancel">("none");
  const { run, pending, message } = useAction();
  const open = ["SCHEDULED", "CONFIRMED", "IN_PROGRESS"].includes(session.status);
  const done = async () => {
    setMode("none");
    await onChanged?.();
  };
  const status = (action: "confirm" | "start" | "complete") =>
    void run(
      () => changeSessionStatusAction({ sessionId: session.id, version: session.version, action }),
      () => void done(),
    );
  if (!open) return null;
  // A session is completed once it has begun; a dosing session through its dosing record.
  const hasStarted = new Date(session.startsAt).getTime() <= Date.now();
  const blocked = session.kind === "DOSING" && gate && !gate.allowed;
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
          <Button size="sm" variant="secondary" disabled={pending} onClick={() => status("complete")}>
            Mark completed
          </Button>
        ) : null}
        <Button
          size="sm"
          variant="secondary"
          disabled={pending}
          onClick={() => setMode(mode === "move" ? "none" : "move")}
        >
          Reschedule
        </Button>
        <Button
          size="sm"
          variant="ghost"
          disabled={pending}
          onClick={() => setMode(mode === "cancel" ? "none" : "cancel")}
        >
          Cancel or no-show
        </Button>
      </div>
      <Suspense fallback={mode === "none" ? null : <p className="text-sm text-slate-600">Loading…</p>}>
        {mode === "move" ? <MoveSessionForm session={session} timeZone={timeZone} onDone={done} /> : null}
        {mode === "cancel" ? <CancelSessionForm session={session} onDone={done} /> : null}
      </Suspense>
    </div>
  );
}
