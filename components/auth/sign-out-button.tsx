"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { signOutAction } from "@/lib/actions/auth";

/** Signs this browser out, for pages without the account menu (the two-step set-up). */
export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  return (
    <Button
      type="button"
      variant="ghost"
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await signOutAction("signed-out");
        } finally {
          // A full page load, so that nothing the tab held stays in memory.
          window.location.assign("/signin?reason=signed-out");
        }
      }}
    >
      Sign out
    </Button>
  );
}
