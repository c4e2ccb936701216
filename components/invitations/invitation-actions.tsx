"use client";

import { useState } from "react";
import { useAction } from "@/components/forms/use-action";
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
  const { run, pending, message: refused } = useAction({ refresh: false });
  const [done, setDone] = useState<string | null>(null);
  const message = refused ?? done;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {canResend ? (
        <Button
          size="sm"
          variant="secondary"
          disabled={pending}
          onClick={() => {
            setDone(null);
            void run(
              () => resendInvitationAction({ invitationId: id }),
              () => setDone(`New link sent to ${email}.`),
            );
          }}
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
            if (!window.confirm(`Revoke the invitation for ${email}?`)) return;
            setDone(null);
            void run(
              () => revokeInvitationAction({ invitationId: id }),
              () => setDone("Revoked."),
            );
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
