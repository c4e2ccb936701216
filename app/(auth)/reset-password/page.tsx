import type { Metadata } from "next";
import Link from "next/link";
import { RequestPasswordResetForm } from "@/components/auth/request-password-reset-form";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: "Reset your password", referrer: "no-referrer" };
// Rendered per request, so that it is never cached (Cache-Control: no-store).
export const dynamic = "force-dynamic";

export default function RequestPasswordResetPage() {
  return (
    <Card>
      <h1 className="mb-1 text-2xl font-semibold">Reset your password</h1>
      <p className="mb-6 text-sm text-slate-600">
        Enter the e-mail address you sign in with. We will send a link to choose a new password; it works
        once, for 30 minutes.
      </p>
      <RequestPasswordResetForm />
      <Link href="/signin" className="mt-4 inline-block text-sm text-teal-800 underline">
        Back to sign in
      </Link>
    </Card>
  );
}
