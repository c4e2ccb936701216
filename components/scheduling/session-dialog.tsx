"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useId, useRef } from "react";
import { SessionActions } from "@/components/scheduling/session-actions";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/lib/domain/core/format";
import type { GateResult } from "@/lib/domain/dosing/gates";
import { sessionLabel } from "@/lib/domain/scheduling/session-label";
import type { Session } from "./therapist-calendar";

export function SessionDialog({
  session,
  onClose,
  timeZone,
  canEdit,
}: {
  session: Session | null;
  onClose: () => void;
  timeZone: string;
  canEdit: boolean;
}) {
  const queryClient = useQueryClient();
  const { data: gate } = useQuery({
    queryKey: ["gate", session?.id, session?.version],
    queryFn: async () => {
      const res = await fetch(`/api/sessions/${session?.id}/gate`, { cache: "no-store" });
      if (!res.ok) throw new Error("The gate check could not be loaded.");
      return ((await res.json()) as { gate: GateResult | null }).gate;
    },
    enabled: session?.kind === "DOSING",
  });
  // The browser's modal dialog: focus moves in and back, the page behind is inert,
  // Escape closes it. No dialog library in the page's JavaScript.
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  useEffect(() => {
    const d = dialog.current;
    if (session && !d?.open) d?.showModal();
    if (!session && d?.open) d.close();
  }, [session]);
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard way out is Escape, which the browser handles
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      onClose={onClose}
      // A click on the backdrop lands on the dialog element itself, outside the padded content.
      onClick={(e) => {
        if (e.target === e.currentTarget) e.currentTarget.close();
      }}
      className="m-auto max-h-[90dvh] w-[min(36rem,95vw)] overflow-y-auto rounded-lg bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      {session ? (
        <div className="space-y-3 p-5">
          <h2 id={titleId} className="text-lg font-semibold">
            {sessionLabel(session)} · {session.clients.map((c) => c.name).join(" & ")}
          </h2>
          <p id={descriptionId} className="text-sm text-slate-600">
            {formatDateTime(session.startsAt, timeZone)} ·{" "}
            {Math.round((session.endsAt.getTime() - session.startsAt.getTime()) / 60_000)} min ·{" "}
            {session.clinician} · {session.status.toLowerCase().replace("_", " ")}
            {session.location ? ` · ${session.location}` : ""}
          </p>
          {session.statusReason ? <p className="text-sm">Reason: {session.statusReason}</p> : null}
          {canEdit ? (
            <SessionActions
              session={session}
              participants={session.clients}
              gate={gate ?? undefined}
              timeZone={timeZone}
              onChanged={() => queryClient.invalidateQueries({ queryKey: ["calendar"] })}
            />
          ) : null}
          <div className="flex justify-between border-t border-slate-100 pt-3 text-sm">
            <span className="space-x-4">
              <Link className="text-teal-800 underline" href={`/series/${session.seriesId}`}>
                Open the series
              </Link>
              <Link className="text-teal-800 underline" href={`/sessions/${session.id}/notes`}>
                Notes
              </Link>
              {session.kind === "DOSING" && session.status !== "SCHEDULED" ? (
                <Link className="text-teal-800 underline" href={`/dosing/${session.id}`}>
                  Dosing record
                </Link>
              ) : null}
            </span>
            <Button variant="ghost" size="sm" onClick={() => dialog.current?.close()}>
              Close
            </Button>
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
