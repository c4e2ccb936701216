import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInvitationForm } from "@/components/invitations/accept-invitation-form";
import { Card } from "@/components/ui/card";
import { previewInvitation } from "@/lib/server/invitations/accept-invitation";

export const metadata: Metadata = { title: "Accept invitation", referrer: "no-referrer" };

const GONE: Record<string, string> = {
  accepted: "This invitation has already been used. Sign in with the password you chose.",
  revoked: "This invitation was withdrawn. Ask your clinic for a new one.",
  expired: "This invitation has expired. Ask your clinic to send a new one.",
};

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = token.length <= 200 ? await previewInvitation(token) : null;
  if (invitation?.status !== "pending") {
    return (
      <Card>
        <h1 className="text-2xl font-semibold">Invitation not available</h1>
        <p className="mt-2 text-slate-700" data-testid="invitation-unavailable">
          {invitation
            ? GONE[invitation.status]
            : "This invitation link is not valid. Check the link in your e-mail."}
        </p>
        <Link href="/signin" className="mt-4 inline-block text-teal-800 underline">
          Go to sign in
        </Link>
      </Card>
    );
  }
  return (
    <Card>
      <h1 className="text-2xl font-semibold">Welcome, {invitation.name}</h1>
      <p className="mt-1 mb-6 text-slate-700">
        {invitation.practiceName} invited you to Kapstone. Choose a password for{" "}
        <strong>{invitation.email}</strong>.
      </p>
      <AcceptInvitationForm token={token} email={invitation.email} />
    </Card>
  );
}
