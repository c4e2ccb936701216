"use client";

import { useAction } from "@/components/forms/use-action";
import { Button } from "@/components/ui/button";
import { startMfaSetupAction } from "@/lib/actions/auth";

/** Asks the server for a new secret; the page then shows it with its QR code. */
export function StartMfaSetup({ label, variant }: { label: string; variant?: "primary" | "secondary" }) {
  const start = useAction();
  return (
    <div className="space-y-2">
      <Button
        type="button"
        variant={variant}
        disabled={start.pending}
        onClick={() => void start.run(() => startMfaSetupAction())}
      >
        {start.pending ? "Making a key…" : label}
      </Button>
      {start.message ? (
        <p className="text-sm text-red-700" aria-live="assertive">
          {start.message}
        </p>
      ) : null}
    </div>
  );
}
