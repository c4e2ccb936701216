"use client";

import { signOut } from "next-auth/react";
import { useEffect } from "react";

/**
 * Mirrors the server's idle limit in the browser: after `minutes` without any
 * activity the tab signs out and says why. The server enforces the limit anyway.
 */
export function IdleSignOut({ minutes }: { minutes: number }) {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => signOut({ callbackUrl: "/signin?reason=idle" }), minutes * 60_000);
    };
    const events = ["pointerdown", "keydown", "scroll", "visibilitychange"] as const;
    for (const e of events) window.addEventListener(e, arm, { passive: true });
    arm();
    return () => {
      clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, arm);
    };
  }, [minutes]);
  return null;
}
