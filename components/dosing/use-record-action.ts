"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/lib/actions/result";

/** Runs a dosing action, then re-renders the page with the saved record; keeps the error to show. */
export function useRecordAction() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async <T>(fn: () => Promise<ActionResult<T>>, onDone?: (data: T) => void) => {
    setPending(true);
    setError(null);
    const r = await fn();
    setPending(false);
    if (!r.ok) {
      setError(r.message);
      // Someone else changed the record: show the current one, so the next try succeeds.
      if (r.code === "CONFLICT") router.refresh();
      return r;
    }
    onDone?.(r.data);
    router.refresh();
    return r;
  };
  return { run, pending, error, setError };
}
