"use client";

import { useEffect } from "react";
import { signOutAction } from "@/lib/actions/auth";
import { announceSigningOut } from "./signing-out";

const ACTIVITY_CHANNEL = "kapstone-activity";
/** Other tabs hear of activity at most this often; far below the idle limit. */
const TELL_EVERY_MS = 10_000;

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
    // Tabs share one session: activity in any of them keeps all of them signed in.
    const tabs = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel(ACTIVITY_CHANNEL);
    let told = 0;
    const onActivity = () => {
      arm();
      if (tabs && Date.now() - told > TELL_EVERY_MS) {
        told = Date.now();
        tabs.postMessage("active");
      }
    };
    tabs?.addEventListener("message", arm);
    const events = ["pointerdown", "keydown", "scroll", "visibilitychange"] as const;
    for (const e of events) window.addEventListener(e, onActivity, { passive: true });
    arm();
    return () => {
      clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, onActivity);
      tabs?.close();
    };
  }, [minutes]);
  return null;
}
