import type { Metadata } from "next";
import { ClientTabs } from "@/components/clients/client-tabs";
import { IntakeSummary } from "@/components/intake/intake-summary";
import { PageHeader } from "@/components/layout/page-header";
import { MeasureTable } from "@/components/measures/measure-table";
import { SafetyFlags } from "@/components/measures/safety-flags";
import { FlagList } from "@/components/screening/flag-list";
import { Card, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { displayName } from "@/lib/domain/clients/display-name";
import { formatDateTime } from "@/lib/domain/core/format";
import { requireStaff } from "@/lib/server/auth/current-user";
import { orNotFound } from "@/lib/server/core/page";
import { getClientIntakeView } from "@/lib/server/intake/intake-review";

export const metadata: Metadata = { title: "Intake" };

export default async function ClientIntakePage({ params }: { params: Promise<{ clientId: string }> }) {
  const actor = await requireStaff();
  const { clientId } = await params;
  const view = await orNotFound(getClientIntakeView(actor, clientId));
  return (
    <>
      <PageHeader
        title={displayName(view.client)}
        description={
          view.submittedAt
            ? `Intake submitted ${formatDateTime(view.submittedAt, actor.timeZone)}. Read-only: answers are the client's own.`
            : "The intake has not been submitted yet."
        }
      />
      <ClientTabs clientId={clientId} show={{ intake: true }} />
      <div className="space-y-6">
        <SafetyFlags
          clientId={clientId}
          flags={view.safetyFlags}
          timeZone={actor.timeZone}
          canReview={can(actor.role, "review", "safetyFlag")}
        />
        {view.intake ? (
          <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
            <IntakeSummary intake={view.intake} flags={view.flags} />
            <div className="space-y-4">
              <Card>
                <CardTitle>Screening flags</CardTitle>
                <p className="mb-3 text-xs text-slate-500">
                  Raised by the practice&apos;s rules from the intake and measures. The prescriber decides.
                </p>
                <FlagList flags={view.flags} />
              </Card>
            </div>
          </div>
        ) : (
          <Card>
            <CardTitle>Intake in progress</CardTitle>
            <p className="mt-2 text-sm text-slate-700" data-testid="intake-in-progress">
              {view.inProgress
                ? `${view.inProgress.sectionsDone} of 10 sections complete; last saved ${formatDateTime(view.inProgress.updatedAt, actor.timeZone)}. Answers appear here once the client submits them.`
                : "The client has not started their intake."}
            </p>
          </Card>
        )}
        <Card>
          <CardTitle>Measures</CardTitle>
          <div className="mt-3">
            <MeasureTable measures={view.measures} timeZone={actor.timeZone} />
          </div>
        </Card>
        <Card>
          <CardTitle>Consents</CardTitle>
          {view.consents.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">No consents signed yet.</p>
          ) : (
            <ul className="mt-2 space-y-1 text-sm" data-testid="consent-list">
              {view.consents.map((s) => (
                <li key={s.id}>
                  <span className="font-medium">{s.document.title}</span> (version {s.document.version}) —
                  signed “{s.typedName}” on {formatDateTime(s.signedAt, actor.timeZone)}
                  {s.ip ? ` from ${s.ip}` : ""}
                  {s.withdrawal ? (
                    <span className="block font-medium text-red-800" data-testid="consent-withdrawn">
                      Withdrawn by the client on {formatDateTime(s.withdrawal.withdrawnAt, actor.timeZone)}
                      {s.withdrawal.reason ? ` (reason: “${s.withdrawal.reason}”)` : " (no reason given)"}.
                      Doses are held until the client signs again.
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
