"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { startMfaSetupAction } from "@/lib/actions/auth";

/** Asks the server for a new secret; the page then shows it with its QR code. */
export function StartMfaSetup({ label, variant }: { label: string; variant?: "primary" | "secondary" }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      <Button
        type="button"
        variant={variant}
        disabled={pending}
        onClick={() =>
          start(async () => {
            setError(null);
            const r = await startMfaSetupAction();
            if (!r.ok) setError(r.message);
            else router.refresh();
          })
        }
      >
        {pending ? "Making a key…" : label}
      </Button>
      {error ? (
        <p className="text-sm text-red-700" aria-live="assertive">
          {error}
        </p>
      ) : null}
    </div>
  );
}
