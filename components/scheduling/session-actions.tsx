"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import {
  cancelSessionAction,
  changeSessionStatusAction,
  rescheduleSessionAction,
} from "@/lib/actions/scheduling";
import { localDateOf, localTimeOf } from "@/lib/domain/core/zoned-time";
import type { GateResult } from "@/lib/domain/dosing/gates";

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
}: {
  session: ActionableSession;
  gate?: GateResult;
  timeZone: string;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<"none" | "move" | "cancel">("none");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const open = ["SCHEDULED", "CONFIRMED", "IN_PROGRESS"].includes(session.status);
  const run = async (
    fn: () => Promise<{ ok: boolean; message?: string; fieldErrors?: Record<string, string[]> }>,
  ) => {
    setPending(true);
    setError(null);
    const r = await fn();
    setPending(false);
    if (!r.ok) {
      setError(Object.values(r.fieldErrors ?? {})[0]?.[0] ?? r.message ?? "That did not work.");
      return;
    }
    setMode("none");
    await queryClient.invalidateQueries({ queryKey: ["calendar"] });
    router.refresh();
  };
  const status = (action: "confirm" | "start" | "complete") =>
    run(() => changeSessionStatusAction({ sessionId: session.id, version: session.version, action }));
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
      {error ? (
        <Notice tone="danger" live="assertive" data-testid="action-error">
          {error}
        </Notice>
      ) : null}
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
      {mode === "move" ? (
        <form
          method="post"
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            void run(() =>
              rescheduleSessionAction({
                sessionId: session.id,
                version: session.version,
                date: String(f.get("date")),
                time: String(f.get("time")),
                durationMinutes: Number(f.get("duration")),
              }),
            );
          }}
        >
          <Field label="New date" id={`date-${session.id}`}>
            <Input
              name="date"
              type="date"
              defaultValue={localDateOf(session.startsAt, timeZone)}
              className="w-40"
            />
          </Field>
          <Field label="Time" id={`time-${session.id}`}>
            <Input
              name="time"
              type="time"
              step={900}
              defaultValue={localTimeOf(session.startsAt, timeZone)}
              className="w-32"
            />
          </Field>
          <Field label="Minutes" id={`duration-${session.id}`}>
            <Input
              name="duration"
              type="number"
              min={15}
              max={480}
              step={15}
              defaultValue={Math.round((session.endsAt.getTime() - session.startsAt.getTime()) / 60_000)}
              className="w-24"
            />
          </Field>
          <Button type="submit" size="sm" disabled={pending}>
            Move session
          </Button>
        </form>
      ) : null}
      {mode === "cancel" ? (
        <form
          method="post"
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            void run(() =>
              cancelSessionAction({
                sessionId: session.id,
                version: session.version,
                outcome: String(f.get("outcome")) === "NO_SHOW" ? "NO_SHOW" : "CANCELLED",
                reason: String(f.get("reason")),
              }),
            );
          }}
        >
          <Field label="Outcome" id={`outcome-${session.id}`}>
            <Select name="outcome" className="w-40">
              <option value="CANCELLED">Cancelled</option>
              <option value="NO_SHOW">No-show</option>
            </Select>
          </Field>
          <Field label="Reason" id={`reason-${session.id}`}>
            <Input name="reason" className="w-64" />
          </Field>
          <Button type="submit" size="sm" variant="danger" disabled={pending}>
            Record
          </Button>
        </form>
      ) : null}
    </div>
  );
}
