"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { placeServerErrors, UNREACHABLE } from "./form-errors";

/**
 * A one-click action without fields ("Begin the dosing session", "Revoke",
 * "Review and sign"): pending while it runs, its refusal as `message`, and the page
 * refreshed after success (and after a CONFLICT, to show the current record).
 * Forms with fields use useActionForm (./use-action-form.ts); this module stays
 * apart from it so that pages with buttons only do not load react-hook-form.
 */
export function useAction({
  refresh = true,
  unreachable = UNREACHABLE,
}: {
  refresh?: boolean;
  /** Said when the request could not be sent at all. */
  unreachable?: string;
} = {}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  /** Runs the call; resolves with its result (null when it could not be sent or was cancelled). */
  const run = async <T>(
    call: () => Promise<ActionResult<T> | null>,
    onSuccess?: (data: T) => void,
  ): Promise<ActionResult<T> | null> => {
    setPending(true);
    setMessage(null);
    try {
      const result = await call();
      if (!result) return null;
      if (!result.ok) {
        setMessage(placeServerErrors(result, () => false).message);
        if (result.code === "CONFLICT") router.refresh();
        return result;
      }
      onSuccess?.(result.data);
      if (refresh) router.refresh();
      return result;
    } catch {
      setMessage(unreachable);
      return null;
    } finally {
      setPending(false);
    }
  };
  return { run, pending, message, setMessage };
}
