"use client";

import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";

/**
 * The ten recovery codes, shown this once (only their hashes are kept). Each signs in once
 * instead of the authenticator's code, for the day the phone is lost.
 */
export function RecoveryCodesShown({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <div className="space-y-3" data-testid="recovery-codes">
      <Notice tone="warning" live="polite">
        Save these recovery codes somewhere safe, away from your phone (a password manager, or printed). Each
        one signs you in once if you lose your phone. They are shown only now.
      </Notice>
      <ol className="grid grid-cols-2 gap-x-6 gap-y-1 rounded-md bg-slate-100 px-4 py-3 font-mono text-base">
        {codes.map((code) => (
          <li key={code} data-testid="recovery-code">
            {code}
          </li>
        ))}
      </ol>
      <Button type="button" onClick={onDone}>
        I have saved my recovery codes
      </Button>
    </div>
  );
}
