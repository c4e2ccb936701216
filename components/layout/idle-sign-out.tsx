"use client";

import { useEffect } from "react";
import { signOutAction } from "@/app/actions/session";
import { announceSigningOut } from "./signing-out";

/**
 * Mirrors the server's idle limit in the browser: after `minutes` without any
 * activity the tab signs out and says why. The server enforces the limit anyway;
 * this also ends sessions that a live view's background refresh would keep alive.
 * Unsaved draft text is saved before the session ends (see ./signing-out).
 */
export function IdleSignOut({ minutes }: { minutes: number }) {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const signOut = async () => {
      // Open drafts save what is pending first, and let the page go without asking.
      await announceSigningOut();
      // To the sign-in page even if the call fails (offline): the server ends idle sessions itself.
      await signOutAction("idle").catch(() => {});
      window.location.assign("/signin?reason=idle");
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void signOut(), minutes * 60_000);
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
