"use client";

import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { beginDosingDayAction } from "@/lib/actions/dosing";
import { useRecordAction } from "./use-record-action";

/** Starts the session (the protocol gates must allow it) and opens a record per participant. */
export function BeginDosingButton({ sessionId }: { sessionId: string }) {
  const { run, pending, error } = useRecordAction();
  return (
    <div className="space-y-2">
      {error ? (
        <Notice tone="danger" live="assertive" data-testid="begin-error">
          {error}
        </Notice>
      ) : null}
      <Button size="lg" disabled={pending} onClick={() => run(() => beginDosingDayAction({ sessionId }))}>
        Begin the dosing session
      </Button>
    </div>
  );
}
