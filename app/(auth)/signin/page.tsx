import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card } from "@/components/ui/card";
import { homePathFor } from "@/lib/auth/permissions";
import { callbackPathFor } from "@/lib/server/auth/callback-url";
import { getSessionUser } from "@/lib/server/auth/current-user";

export const metadata: Metadata = { title: "Sign in" };

const REASONS: Record<string, string> = {
  idle: "You were signed out after a period of inactivity.",
  "signed-out": "You have signed out.",
  everywhere: "You have been signed out on every device.",
  invited: "Your account is ready. Sign in with your new password.",
  "password-reset":
    "Your password is changed and every device was signed out. Sign in with your new password.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { reason, error, callbackUrl } = await searchParams;
  // Only a path of this app; anything else (another site, a script, a value that does not
  // parse) is dropped and the person lands on their home page (docs/security.md S12).
  const callbackPath = callbackPathFor(callbackUrl);
  const actor = await getSessionUser();
  if (actor) redirect(callbackPath ?? homePathFor(actor.role));
  return (
    <Card>
      <h1 className="mb-1 text-2xl font-semibold">Sign in</h1>
      <p className="mb-6 text-sm text-slate-600">For clients and staff of Kapstone practices.</p>
      <SignInForm
        notice={typeof reason === "string" && Object.hasOwn(REASONS, reason) ? REASONS[reason] : undefined}
        initialError={typeof error === "string" ? error : undefined}
        callbackPath={callbackPath ?? "/"}
      />
      <Link href="/reset-password" className="mt-4 inline-block text-sm text-teal-800 underline">
        Forgot your password?
      </Link>
    </Card>
  );
}
