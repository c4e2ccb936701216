import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConsentSignForm } from "@/components/consents/consent-sign-form";
import { ConsentWithdrawForm } from "@/components/consents/consent-withdraw-form";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { formatDateTime } from "@/lib/domain/core/format";
import { requireClientUser } from "@/lib/server/auth/current-user";
import { getConsentForSigning } from "@/lib/server/consents/consent-signing";
import { orNotFound } from "@/lib/server/core/page";
import { consentKindSchema } from "@/lib/validation/consents";

export const metadata: Metadata = { title: "Consent" };

export default async function ConsentPage({ params }: { params: Promise<{ kind: string }> }) {
  const kind = consentKindSchema.safeParse((await params).kind);
  if (!kind.success) notFound();
  const actor = await requireClientUser();
  const { document, signature, legalName } = await orNotFound(getConsentForSigning(actor, kind.data));
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <Link href="/portal" className="text-sm text-teal-800 underline">
        ← Back to your checklist
      </Link>
      <h1 className="text-2xl font-semibold">{document.title}</h1>
      <p className="text-sm text-slate-600">Version {document.version}</p>
      <Card>
        <div
          className="whitespace-pre-wrap text-[15px] leading-relaxed text-slate-800"
          data-testid="consent-text"
        >
          {document.body}
        </div>
      </Card>
      {signature && !signature.withdrawal ? (
        <>
          <Notice tone="success" data-testid="consent-signed">
            You signed this version as “{signature.typedName}” on{" "}
            {formatDateTime(signature.signedAt, actor.timeZone)}. Signed consents cannot be changed; if your
            clinic publishes a new version you will be asked to sign again.
          </Notice>
          <Card>
            <ConsentWithdrawForm signatureId={signature.id} title={document.title} />
          </Card>
        </>
      ) : (
        <>
          {signature?.withdrawal ? (
            <Notice tone="warning" data-testid="consent-withdrawn">
              You withdrew your consent on {formatDateTime(signature.withdrawal.withdrawnAt, actor.timeZone)}
              {signature.withdrawal.reason ? ` (“${signature.withdrawal.reason}”)` : ""}. Your care team
              knows, and no dose is given while it is withdrawn. To give your consent again, sign below.
            </Notice>
          ) : null}
          <Card>
            <ConsentSignForm kind={kind.data} documentId={document.id} legalName={legalName} />
          </Card>
        </>
      )}
    </div>
  );
}
