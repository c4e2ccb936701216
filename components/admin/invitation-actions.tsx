"use client";

import { useState, useTransition } from "react";
import { resendInvitationAction, revokeInvitationAction } from "@/app/(staff)/admin/invitations/actions";
import { Button } from "@/components/ui/button";

export function InvitationActions({ id, email }: { id: string; email: string }) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const run = (fn: () => Promise<{ ok: boolean; message?: string }>, done: string) =>
    start(async () => {
      const r = await fn();
      setMessage(r.ok ? done : (r.message ?? "That did not work."));
    });
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button
        size="sm"
        variant="secondary"
        disabled={pending}
        onClick={() => run(() => resendInvitationAction(id), `New link sent to ${email}.`)}
      >
        Resend
      </Button>
      <Button
        size="sm"
        variant="ghost"
        disabled={pending}
        onClick={() => {
          if (window.confirm(`Revoke the invitation for ${email}?`))
            run(() => revokeInvitationAction(id), "Revoked.");
        }}
      >
        Revoke
      </Button>
      {message ? (
        <p className="w-full text-sm text-slate-700" aria-live="polite">
          {message}
        </p>
      ) : null}
    </div>
  );
}
