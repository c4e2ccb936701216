import type { Metadata } from "next";
import { PublishConsentForm } from "@/components/consents/publish-consent-form";
import { PageHeader } from "@/components/layout/page-header";
import { Card, CardTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import {
  CONSENT_KIND_LABEL,
  type ConsentKind,
  DEFAULT_KAP_CONSENT,
  DEFAULT_RELEASE,
} from "@/lib/domain/consents/consent-documents";
import { formatDateTime } from "@/lib/domain/core/format";
import { requireStaff } from "@/lib/server/auth/current-user";
import { listConsentDocuments } from "@/lib/server/consents/consent-documents";

export const metadata: Metadata = { title: "Consent documents" };

const STARTING_TEXT: Record<ConsentKind, { title: string; body: string }> = {
  KAP_INFORMED_CONSENT: DEFAULT_KAP_CONSENT,
  RELEASE_OF_INFORMATION: DEFAULT_RELEASE,
};

export default async function ConsentDocumentsPage() {
  const actor = await requireStaff("ADMIN");
  const docs = await listConsentDocuments(actor);
  return (
    <>
      <PageHeader
        title="Consent documents"
        description="Clients sign the newest version. Publishing a new version asks every client to sign again; signed versions are kept unchanged."
      />
      <Notice tone="warning" className="mb-6">
        The starting texts cover the elements of informed consent for KAP. Review them with your clinic&apos;s
        counsel before you use them. In the release, {"{{provider}}"} is replaced by the outside therapist the
        client names.
      </Notice>
      <div className="space-y-8">
        {(Object.keys(CONSENT_KIND_LABEL) as ConsentKind[]).map((kind) => {
          const versions = docs.filter((d) => d.kind === kind);
          const current = versions[0];
          return (
            <Card key={kind} data-testid={`consent-${kind}`}>
              <CardTitle>{CONSENT_KIND_LABEL[kind]}</CardTitle>
              {versions.length === 0 ? (
                <p className="mt-2 text-sm text-slate-600">
                  Not published yet: clients cannot sign it until you do.
                </p>
              ) : (
                <ul className="mt-2 space-y-1 text-sm">
                  {versions.map((v) => (
                    <li key={v.id}>
                      Version {v.version}
                      {v === current ? " (current)" : ""} · published{" "}
                      {formatDateTime(v.publishedAt, actor.timeZone)} · {v._count.signatures} signature
                      {v._count.signatures === 1 ? "" : "s"}
                    </li>
                  ))}
                </ul>
              )}
              <div className="mt-4">
                <PublishConsentForm
                  kind={kind}
                  title={current?.title ?? STARTING_TEXT[kind].title}
                  body={current?.body ?? STARTING_TEXT[kind].body}
                />
              </div>
            </Card>
          );
        })}
      </div>
    </>
  );
}
