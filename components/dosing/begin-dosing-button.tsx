"use client";

import { FormNotice } from "@/components/forms/form-notice";
import { useAction } from "@/components/forms/use-action";
import { Button } from "@/components/ui/button";
import { beginDosingDayAction } from "@/lib/actions/dosing";

/** Starts the session (the protocol gates must allow it) and opens a record per participant. */
export function BeginDosingButton({ sessionId }: { sessionId: string }) {
  const begin = useAction();
  return (
    <div className="space-y-2">
      <FormNotice of={begin} testId="begin-error" />
      <Button
        size="lg"
        disabled={begin.pending}
        onClick={() => void begin.run(() => beginDosingDayAction({ sessionId }))}
      >
        Begin the dosing session
      </Button>
    </div>
  );
}
