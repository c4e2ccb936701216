import type { Metadata } from "next";
import { PasswordSection } from "@/components/auth/password-section";
import { RecoveryCodesStatus } from "@/components/auth/recovery-codes-status";
import { StartMfaSetup } from "@/components/auth/start-two-step-setup";
import { MfaCodeForm } from "@/components/auth/two-step-code-form";
import { TwoStepSetupSteps } from "@/components/auth/two-step-setup-steps";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/lib/domain/core/format";
import { requireStaff } from "@/lib/server/auth/current-user";
import { getSecurityStatus } from "@/lib/server/auth/two-step";

export const metadata: Metadata = { title: "Account security" };

/** Two-step sign-in for the signed-in staff member: turn it on with an authenticator app, or off. */
export default async function AccountSecurityPage() {
  const actor = await requireStaff();
  const status = await getSecurityStatus(actor);
  return (
    <>
      <PageHeader
        title="Account security"
        description="Two-step sign-in asks for a code from an authenticator app on your phone after your password."
      />
      <Card className="max-w-2xl space-y-4">
        <div className="flex items-center gap-3">
          <h2 className="text-lg font-semibold">Two-step sign-in</h2>
          {status.state === "on" ? (
            <Badge tone="success" data-testid="mfa-status">
              On
            </Badge>
          ) : (
            <Badge tone="neutral" data-testid="mfa-status">
              Off
            </Badge>
          )}
        </div>
        {status.state === "on" ? (
          <>
            <p className="text-sm text-slate-700">
              On since {formatDateTime(status.enabledAt, actor.timeZone)}. Each time you sign in, Kapstone
              asks for the 6-digit code your authenticator app shows.
            </p>
            <RecoveryCodesStatus left={status.recoveryCodesLeft} />
            <MfaCodeForm mode="disable" />
          </>
        ) : status.state === "pending" ? (
          <TwoStepSetupSteps secret={status.secret} uri={status.uri} qrSvg={status.qrSvg} />
        ) : (
          <>
            <p className="text-sm text-slate-700">
              Two-step sign-in is off: your password alone signs you in. Turn it on so that someone who learns
              your password still cannot open client records.
            </p>
            <StartMfaSetup label="Set up two-step sign-in" />
          </>
        )}
      </Card>
      <PasswordSection email={actor.email} className="mt-6 max-w-2xl" />
    </>
  );
}
