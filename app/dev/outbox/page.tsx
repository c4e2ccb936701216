import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireStaff } from "@/lib/server/auth/current-user";
import { listDevOutbox } from "@/lib/server/mail/dev-outbox";

export const metadata: Metadata = { title: "Development outbox" };
export const dynamic = "force-dynamic";

/**
 * Mail the app would have sent, kept here in development (MAIL_TRANSPORT=outbox).
 * Staff only: a client's invitation shows to the staff member who sent it and to admins,
 * and each invitation link is shown once (lib/server/mail/dev-outbox.ts). Anonymous
 * visitors go to sign-in, clients get 404.
 */
export default async function DevOutboxPage() {
  const actor = await requireStaff();
  const messages = await listDevOutbox(actor);
  if (!messages) notFound();
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="text-2xl font-semibold">Development outbox</h1>
      <p className="mt-1 text-slate-600">
        Nothing here was sent. This page exists only while MAIL_TRANSPORT=outbox (development). Invitation
        links are shown once: copy one now, or resend the invitation later.
      </p>
      {messages.length === 0 ? (
        <p className="mt-6 text-slate-600">No mail yet.</p>
      ) : (
        <ol className="mt-6 space-y-4">
          {messages.map((m) => (
            <li
              key={m.id}
              className="rounded-lg border border-slate-200 bg-white p-4"
              data-testid="outbox-message"
            >
              <p className="text-sm text-slate-600">
                To <span data-testid="outbox-to">{m.to}</span> · {m.createdAt.toISOString()}
              </p>
              <p className="font-medium">{m.subject}</p>
              <pre
                className="mt-2 whitespace-pre-wrap break-words font-sans text-sm"
                data-testid="outbox-body"
              >
                {m.text}
              </pre>
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
