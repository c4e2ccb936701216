import { Notice } from "@/components/ui/notice";
import { RECOVERY_CODES_FEW } from "@/lib/domain/auth/recovery-codes";
import { RegenerateRecoveryCodes } from "./regenerate-recovery-codes";

/** How many recovery codes are left, a warning when few are, and the form that makes new ones. */
export function RecoveryCodesStatus({ left }: { left: number }) {
  return (
    <section className="space-y-3 border-t border-slate-200 pt-4" aria-labelledby="recovery-codes-heading">
      <h3 id="recovery-codes-heading" className="font-semibold">
        Recovery codes
      </h3>
      <p className="text-sm text-slate-700" data-testid="recovery-codes-left">
        {left === 1 ? "1 recovery code left" : `${left} recovery codes left`}. Each signs you in once instead
        of a code from your phone.
      </p>
      {left <= RECOVERY_CODES_FEW ? (
        <Notice tone="warning" data-testid="recovery-codes-few">
          {left === 0
            ? "You have no recovery codes left: if you lose your phone, only an admin can let you back in."
            : "Only a few recovery codes are left."}{" "}
          Make new ones; the old ones then stop working.
        </Notice>
      ) : null}
      <RegenerateRecoveryCodes />
    </section>
  );
}
