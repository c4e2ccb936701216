import type { Metadata } from "next";
import Link from "next/link";
import { IntakeChecklist } from "@/components/intake/intake-checklist";
import { AnswerRequestForm } from "@/components/screening/answer-request-form";
import { Card, CardTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { type ClientStage, STAGE_FOR_CLIENT } from "@/lib/domain/clients/stages";
import { CONSENT_KIND_LABEL } from "@/lib/domain/consents/consent-documents";
import { formatDateTime, SESSION_KIND_LABEL } from "@/lib/domain/core/format";
import { measureTitle } from "@/lib/domain/measures/scales";
import { requireClientUser } from "@/lib/server/auth/current-user";
import { ownOpenMeasureRequests } from "@/lib/server/measures/measure-requests";
import { getPortalHome } from "@/lib/server/portal/portal-home";
import { openInformationRequests } from "@/lib/server/screening/information-requests";

export const metadata: Metadata = { title: "Home" };

export default async function PortalHomePage({
  searchParams,
}: {
  searchParams: Promise<{ intake?: string }>;
}) {
  const actor = await requireClientUser();
  const { client, upcoming, consentsToRenew, consentsSigned, checklist } = await getPortalHome(actor);
  const requests = client.stage === "SCREENING_NEEDS_INFO" ? await openInformationRequests(actor) : [];
  const measuresDue = checklist ? [] : await ownOpenMeasureRequests(actor);
  const stage = STAGE_FOR_CLIENT[client.stage as ClientStage];
  const { intake } = await searchParams;
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold">Hello, {client.preferredName ?? client.legalFirstName}</h1>
      {intake === "done" && checklist ? (
        <Notice tone="success" live="polite">
          Your intake forms are complete. Finish the rest of the list below.
        </Notice>
      ) : null}
      <Card data-testid="next-steps">
        <CardTitle>{stage.title}</CardTitle>
        <p className="mt-2 text-slate-700">{stage.next}</p>
      </Card>
      {consentsToRenew.map((c) => (
        <Notice
          key={c.kind}
          tone="warning"
          data-testid={c.withdrawnAt ? "consent-withdrawn" : "consent-renew"}
        >
          {c.withdrawnAt ? (
            <>
              You withdrew the {CONSENT_KIND_LABEL[c.kind]} on{" "}
              {formatDateTime(c.withdrawnAt, client.practice.timeZone)}. No dose is given while it is
              withdrawn.{" "}
              <Link className="font-medium underline" href={`/portal/consents/${c.kind}`}>
                Read and sign it again
              </Link>
              .
            </>
          ) : (
            <>
              Your clinic updated the {CONSENT_KIND_LABEL[c.kind]} (version {c.currentVersion}).{" "}
              <Link className="font-medium underline" href={`/portal/consents/${c.kind}`}>
                Read and sign the new version
              </Link>
              .
            </>
          )}
        </Notice>
      ))}
      {requests.map((r) => (
        <Card key={r.id}>
          <CardTitle>A question from your prescriber</CardTitle>
          <div className="mt-3">
            <AnswerRequestForm requestId={r.id} question={r.question} />
          </div>
        </Card>
      ))}
      {checklist ? <IntakeChecklist {...checklist} /> : null}
      {measuresDue.length > 0 ? (
        <Card data-testid="measures-due">
          <CardTitle>Questionnaires to complete</CardTitle>
          <p className="mt-1 text-sm text-slate-600">
            They help you and your care team see how the series is going.
          </p>
          <ul className="mt-3 divide-y divide-slate-100">
            {measuresDue.map((m) => (
              <li key={m.id} className="flex items-center justify-between gap-3 py-3">
                <span>
                  <span className="block font-medium">{measureTitle(m.scale, m.variant).title}</span>
                  <span
                    className={`block text-sm ${m.state === "overdue" ? "text-red-800" : "text-slate-600"}`}
                  >
                    {m.state === "overdue" ? "Overdue: " : "Please complete by "}
                    {formatDateTime(m.dueAt, client.practice.timeZone)}
                  </span>
                </span>
                <Link
                  href={`/portal/measures/${m.scale}?request=${m.id}`}
                  className="font-medium text-teal-800 underline"
                >
                  Start<span className="sr-only"> {measureTitle(m.scale, m.variant).shortTitle}</span>
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card>
        <CardTitle>Upcoming sessions</CardTitle>
        {upcoming.length === 0 ? (
          <p className="mt-2 text-slate-600">Nothing is scheduled yet.</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-100">
            {upcoming.map((s) => (
              <li key={s.id} className="py-2">
                <p className="font-medium">{SESSION_KIND_LABEL[s.kind]}</p>
                <p className="text-sm text-slate-600">
                  {formatDateTime(s.startsAt, client.practice.timeZone)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </Card>
      {consentsSigned.length > 0 ? (
        <Card data-testid="consents-signed">
          <CardTitle>Your consents</CardTitle>
          <ul className="mt-3 divide-y divide-slate-100">
            {consentsSigned.map((c) => (
              <li key={c.kind} className="flex items-center justify-between gap-3 py-2">
                <span>
                  <span className="block font-medium">{CONSENT_KIND_LABEL[c.kind]}</span>
                  <span className="block text-sm text-slate-600">
                    Signed {c.signedAt ? formatDateTime(c.signedAt, client.practice.timeZone) : ""}
                  </span>
                </span>
                <Link href={`/portal/consents/${c.kind}`} className="font-medium text-teal-800 underline">
                  View or withdraw<span className="sr-only"> {CONSENT_KIND_LABEL[c.kind]}</span>
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <p className="text-sm text-slate-600">
        In a crisis, call or text <strong>988</strong> (Suicide &amp; Crisis Lifeline) or call 911.
      </p>
    </div>
  );
}
