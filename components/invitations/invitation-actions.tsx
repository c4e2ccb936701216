"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { resendInvitationAction, revokeInvitationAction } from "@/lib/actions/invitations";

/** Resend and revoke for one invitation; each shows only where the server would accept it. */
export function InvitationActions({
  id,
  email,
  canResend,
  canRevoke,
}: {
  id: string;
  email: string;
  canResend: boolean;
  canRevoke: boolean;
}) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const run = (fn: () => Promise<{ ok: boolean; message?: string }>, done: string) =>
    start(async () => {
      const r = await fn();
      setMessage(r.ok ? done : (r.message ?? "That did not work."));
    });
  return (
    <div className="flex flex-wrap items-center gap-2">
      {canResend ? (
        <Button
          size="sm"
          variant="secondary"
          disabled={pending}
          onClick={() =>
            run(() => resendInvitationAction({ invitationId: id }), `New link sent to ${email}.`)
          }
        >
          Resend
        </Button>
      ) : null}
      {canRevoke ? (
        <Button
          size="sm"
          variant="ghost"
          disabled={pending}
          onClick={() => {
            if (window.confirm(`Revoke the invitation for ${email}?`))
              run(() => revokeInvitationAction({ invitationId: id }), "Revoked.");
          }}
        >
          Revoke
        </Button>
      ) : null}
      {message ? (
        <p className="w-full text-sm text-slate-700" aria-live="polite">
          {message}
        </p>
      ) : null}
    </div>
  );
}
