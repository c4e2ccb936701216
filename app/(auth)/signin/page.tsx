import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card } from "@/components/ui/card";
import { homePathFor } from "@/lib/auth/permissions";
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
  searchParams: Promise<Record<string, string>>;
}) {
  const actor = await getSessionUser();
  if (actor) redirect(homePathFor(actor.role));
  const { reason, error } = await searchParams;
  return (
    <Card>
      <h1 className="mb-1 text-2xl font-semibold">Sign in</h1>
      <p className="mb-6 text-sm text-slate-600">For clients and staff of Kapstone practices.</p>
      <SignInForm notice={reason ? REASONS[reason] : undefined} initialError={error} />
      <Link href="/reset-password" className="mt-4 inline-block text-sm text-teal-800 underline">
        Forgot your password?
      </Link>
    </Card>
  );
}
