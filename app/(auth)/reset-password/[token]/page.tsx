import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { Card } from "@/components/ui/card";
import { previewPasswordReset, resetLinkMessage } from "@/lib/server/auth/password-reset";

// The token is in the path: no referrer leaves this page, and it is never cached (no-store).
export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await previewPasswordReset(token);
  if (link.status !== "valid") {
    return (
      <Card>
        <h1 className="text-2xl font-semibold">This link does not work any more</h1>
        <p className="mt-2 text-slate-700" data-testid="reset-link-unavailable">
          {resetLinkMessage(link.status)}
        </p>
        <Link href="/reset-password" className="mt-4 inline-block text-teal-800 underline">
          Ask for a new link
        </Link>
      </Card>
    );
  }
  return (
    <Card>
      <h1 className="text-2xl font-semibold">Choose a new password</h1>
      <p className="mt-1 mb-6 text-slate-700">
        For <strong>{link.email}</strong>. Every device where you are signed in will be signed out.
      </p>
      <ResetPasswordForm token={token} email={link.email} />
      <Link href="/reset-password" className="mt-4 inline-block text-sm text-teal-800 underline">
        Ask for a new link
      </Link>
    </Card>
  );
}
