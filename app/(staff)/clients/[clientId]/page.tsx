import type { Metadata } from "next";
import Link from "next/link";
import { ClientTabs } from "@/components/clients/client-tabs";
import { StageBadge } from "@/components/clients/stage-badge";
import { OrdersCard } from "@/components/dosing/orders-card";
import { PageHeader } from "@/components/layout/page-header";
import { SafetyFlags } from "@/components/measures/safety-flags";
import { AnswerRequestForm } from "@/components/screening/answer-request-form";
import { ScreeningSummary } from "@/components/screening/screening-summary";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { can } from "@/lib/auth/permissions";
import { displayName } from "@/lib/domain/clients/display-name";
import { CONSENT_KIND_LABEL } from "@/lib/domain/consents/consent-documents";
import { ageOn } from "@/lib/domain/core/dates";
import { formatDate, formatDateTime, ROLE_LABEL } from "@/lib/domain/core/format";
import { US_STATES, type UsStateCode } from "@/lib/domain/core/us-states";
import { loadPracticeSettings } from "@/lib/server/admin/practice-settings";
import { requireStaff } from "@/lib/server/auth/current-user";
import { getClientSummary } from "@/lib/server/clients/client-summary";
import { orNotFound } from "@/lib/server/core/page";
import { listClientOrders } from "@/lib/server/dosing/dosing-orders";

export const metadata: Metadata = { title: "Client" };

const CARE_ROLE: Record<string, string> = {
  PRIMARY_THERAPIST: "Primary therapist",
  THERAPIST: "Therapist",
  PRESCRIBER: "Prescriber",
};

export default async function ClientPage({
  params,
  searchParams,
}: {
  params: Promise<{ clientId: string }>;
  searchParams: Promise<{ invited?: string }>;
}) {
  const actor = await requireStaff();
  const { clientId } = await params;
  const { invited } = await searchParams;
  const client = await orNotFound(getClientSummary(actor, clientId));
  const orders = can(actor.role, "read", "dosingOrder") ? await listClientOrders(actor, clientId) : null;
  const canWriteOrders = can(actor.role, "write", "dosingOrder");
  // The route ceilings the order form checks before sending (the server checks them again).
  const settings = orders && canWriteOrders ? (await loadPracticeSettings(actor.practiceId)).settings : null;
  return (
    <>
      <PageHeader
        title={displayName(client)}
        description={
          <span className="inline-flex items-center gap-2">
            <StageBadge stage={client.stage} />
            <span>since {formatDate(client.stageChangedAt, actor.timeZone)}</span>
          </span>
        }
      />
      <ClientTabs clientId={client.id} show={{ intake: can(actor.role, "read", "intake") }} />
      <SafetyFlags
        clientId={client.id}
        flags={client.safetyFlags}
        timeZone={actor.timeZone}
        canReview={can(actor.role, "review", "safetyFlag")}
        canRaise={can(actor.role, "raise", "safetyFlag")}
        staffNames={Object.fromEntries(client.careTeam.map((m) => [m.user.id, m.user.name]))}
      />
      {invited ? (
        <Notice tone="success" className="mb-4" data-testid="invited-notice">
          Invitation sent to {client.email}. It expires in 7 days.
        </Notice>
      ) : null}
      <div className="mt-4 grid gap-4 md:grid-cols-2">
        <Card>
          <CardTitle>Details</CardTitle>
          <dl className="mt-3 grid grid-cols-[10rem_1fr] gap-y-2 text-sm">
            <dt className="text-slate-600">Legal name</dt>
            <dd>
              {client.legalFirstName} {client.legalLastName}
            </dd>
            {client.pronouns ? (
              <>
                <dt className="text-slate-600">Pronouns</dt>
                <dd>{client.pronouns}</dd>
              </>
            ) : null}
            <dt className="text-slate-600">Date of birth</dt>
            <dd>
              {formatDate(client.dateOfBirth)} (age {ageOn(client.dateOfBirth, new Date(), actor.timeZone)})
            </dd>
            <dt className="text-slate-600">State</dt>
            <dd>{US_STATES[client.state as UsStateCode] ?? client.state}</dd>
            <dt className="text-slate-600">E-mail</dt>
            <dd>{client.email}</dd>
            {client.phone ? (
              <>
                <dt className="text-slate-600">Phone</dt>
                <dd>{client.phone}</dd>
              </>
            ) : null}
            <dt className="text-slate-600">Portal</dt>
            <dd>{client.userId ? "Has an account" : "Not yet signed up"}</dd>
          </dl>
        </Card>
        {client.consentsWithdrawn.length > 0 ? (
          <Notice tone="danger" data-testid="consent-withdrawn">
            {client.consentsWithdrawn.map((c) => (
              <p key={c.kind}>
                The client withdrew the {CONSENT_KIND_LABEL[c.kind]} on{" "}
                {formatDateTime(c.withdrawnAt, actor.timeZone)}
                {c.reason ? ` (reason: “${c.reason}”)` : " (no reason given)"}. Doses are held until they sign
                it again.
              </p>
            ))}
          </Notice>
        ) : null}
        {client.screenings.length > 0 ? (
          <Card data-testid="screening-card">
            <CardTitle>Eligibility screening</CardTitle>
            <ScreeningSummary
              screenings={client.screenings}
              timeZone={actor.timeZone}
              eligibility={client.eligibility}
            />
            {client.screenings
              .flatMap((s) => s.informationRequests)
              .map((r) =>
                can(actor.role, "answer", "informationRequest") ? (
                  <div key={r.id} className="mt-3">
                    <AnswerRequestForm requestId={r.id} question={r.question} label="Answer for the client" />
                  </div>
                ) : null,
              )}
          </Card>
        ) : null}
        {can(actor.role, "read", "series") ? (
          <Card data-testid="series-card">
            <CardTitle>KAP series</CardTitle>
            {client.seriesParticipations.length === 0 ? (
              <p className="mt-2 text-sm text-slate-600">No series yet.</p>
            ) : (
              <ul className="mt-2 space-y-1 text-sm">
                {client.seriesParticipations.map(({ series }) => (
                  <li key={series.id}>
                    <Link href={`/series/${series.id}`} className="text-teal-800 underline">
                      {series.kind === "COUPLE" ? "Couples series" : "Individual series"}
                    </Link>{" "}
                    · {series.status.toLowerCase()} · planned {formatDate(series.createdAt, actor.timeZone)}
                  </li>
                ))}
              </ul>
            )}
            {can(actor.role, "schedule", "series") ? (
              <Button asChild size="sm" className="mt-3">
                <Link href={`/series/new?client=${client.id}`}>Plan a KAP series</Link>
              </Button>
            ) : null}
          </Card>
        ) : null}
        {orders ? (
          <OrdersCard
            clientId={client.id}
            orders={orders}
            canWrite={canWriteOrders}
            settings={settings}
            timeZone={actor.timeZone}
          />
        ) : null}
        <Card>
          <CardTitle>Care team</CardTitle>
          {client.careTeam.length === 0 ? (
            <p className="mt-3 text-sm text-slate-600">No one is on this client&apos;s care team yet.</p>
          ) : (
            <ul className="mt-3 space-y-2 text-sm">
              {client.careTeam.map((m) => (
                <li key={m.user.id}>
                  <span className="font-medium">{m.user.name}</span>{" "}
                  <span className="text-slate-600">· {CARE_ROLE[m.role] ?? ROLE_LABEL[m.user.role]}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
