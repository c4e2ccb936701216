import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { StartMfaSetup } from "@/components/auth/start-two-step-setup";
import { TwoStepSetupSteps } from "@/components/auth/two-step-setup-steps";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { requireStaffForTwoStepSetup } from "@/lib/server/auth/current-user";
import { getSecurityStatus } from "@/lib/server/auth/two-step";

export const metadata: Metadata = { title: "Set up two-step sign-in" };

/**
 * Where a staff member goes when their practice requires two-step sign-in and theirs is not on
 * (docs/security.md S5): every other page, action and API refuses them until it is.
 */
export default async function TwoStepSetupPage() {
  const actor = await requireStaffForTwoStepSetup();
  if (!actor.twoStepSetupDue) redirect("/");
  const status = await getSecurityStatus(actor);
  if (status.state === "on") redirect("/");
  return (
    <Card className="space-y-4">
      <h1 className="text-2xl font-semibold">Set up two-step sign-in</h1>
      <Notice tone="info" data-testid="two-step-required">
        Your practice requires two-step sign-in for all staff. Set it up now: after your password, Kapstone
        will ask for a code from an authenticator app on your phone. Nothing else opens until it is on.
      </Notice>
      {status.state === "pending" ? (
        <TwoStepSetupSteps secret={status.secret} uri={status.uri} qrSvg={status.qrSvg} afterCodes="home" />
      ) : (
        <StartMfaSetup label="Set up two-step sign-in" />
      )}
      <div className="border-t border-slate-200 pt-3 text-sm text-slate-600">
        Signed in as {actor.email}. <SignOutButton />
      </div>
    </Card>
  );
}
