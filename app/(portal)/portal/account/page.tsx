import type { Metadata } from "next";
import { PasswordSection } from "@/components/auth/password-section";
import { requireClientUser } from "@/lib/server/auth/current-user";

export const metadata: Metadata = { title: "Your account" };

/** The client's own account: the e-mail they sign in with, and changing their password. */
export default async function PortalAccountPage() {
  const actor = await requireClientUser();
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold">Your account</h1>
      <p className="text-sm text-slate-600">
        You sign in with <strong className="break-all">{actor.email}</strong>.
      </p>
      <PasswordSection email={actor.email} />
    </div>
  );
}
