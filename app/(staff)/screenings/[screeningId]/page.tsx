import type { Metadata } from "next";
import Link from "next/link";
import { IntakeSummary } from "@/components/intake/intake-summary";
import { PageHeader } from "@/components/layout/page-header";
import { MeasureTable } from "@/components/measures/measure-table";
import { SafetyFlags } from "@/components/measures/safety-flags";
import { DecisionForm } from "@/components/screening/decision-form";
import { FlagList } from "@/components/screening/flag-list";
import { RevisitForm } from "@/components/screening/revisit-form";
import { ScreeningHistory } from "@/components/screening/screening-history";
import { Card, CardTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { can } from "@/lib/auth/permissions";
import { displayName } from "@/lib/domain/clients/display-name";
import { ageOn } from "@/lib/domain/core/dates";
import { formatDateTime, formatWaiting } from "@/lib/domain/core/format";
import { countFlags } from "@/lib/domain/screening/eligibility";
import { currentScreening } from "@/lib/domain/screening/eligibility-status";
import { requireStaff } from "@/lib/server/auth/current-user";
import { orNotFound } from "@/lib/server/core/page";
import { getScreeningReview } from "@/lib/server/screening/screening-review";

export const metadata: Metadata = { title: "Screening review" };

export default async function ScreeningReviewPage({ params }: { params: Promise<{ screeningId: string }> }) {
  const actor = await requireStaff();
  const { screeningId } = await params;
  const { screening, intake, flags, licenseStates, unlicensedStates, canOpenClientRecord } = await orNotFound(
    getScreeningReview(actor, screeningId),
  );
  const client = screening.client;
  const counts = countFlags(flags);
  const open = screening.status === "AWAITING_REVIEW";
  const inForce = currentScreening(client.screenings)?.id === screening.id;
  return (
    <>
      <Link href="/screenings" className="text-sm text-teal-800 underline">
        ← Screening queue
      </Link>
      <PageHeader
        title={displayName(client)}
        description={`${ageOn(client.dateOfBirth, new Date(), actor.timeZone)} years · lives in ${client.state} · ${
          open ? `waiting ${formatWaiting(screening.createdAt, new Date())}` : "signed"
        }`}
        actions={
          canOpenClientRecord ? (
            <Link href={`/clients/${client.id}`} className="text-sm text-teal-800 underline">
              Client record
            </Link>
          ) : null
        }
      />
      {screening.openedReason ? (
        <Notice tone="info" className="mb-4">
          Re-review. Opened because: {screening.openedReason}
        </Notice>
      ) : null}
      {licenseStates && licenseStates.length > 0 ? (
        <p className="mb-4 text-sm text-slate-600">Your current licence states: {licenseStates.join(", ")}</p>
      ) : null}
      {open && unlicensedStates.length > 0 ? (
        <Notice tone="warning" className="mb-4" data-testid="not-licensed">
          You hold no current licence in {unlicensedStates.join(" or ")}, where the client lives: you cannot
          find them eligible, even with an override. A prescriber licensed there must decide.
        </Notice>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <div className="space-y-6">
          <SafetyFlags
            clientId={client.id}
            flags={client.safetyFlags}
            timeZone={actor.timeZone}
            canReview={can(actor.role, "review", "safetyFlag")}
          />
          <Card>
            <CardTitle>Measures</CardTitle>
            <div className="mt-3">
              <MeasureTable measures={client.measureResponses} timeZone={actor.timeZone} />
            </div>
          </Card>
          {intake ? (
            <div>
              <h2 className="mb-2 text-lg font-semibold">
                Intake{" "}
                {screening.intakeResponse?.submittedAt ? (
                  <span className="text-sm font-normal text-slate-600">
                    submitted {formatDateTime(screening.intakeResponse.submittedAt, actor.timeZone)}
                  </span>
                ) : null}
              </h2>
              <IntakeSummary intake={intake} flags={flags} />
            </div>
          ) : (
            <Notice tone="warning">This screening has no submitted intake attached.</Notice>
          )}
        </div>
        <div className="space-y-6">
          <Card>
            <CardTitle>
              Flags ({counts.absolute} absolute, {counts.relative} relative)
            </CardTitle>
            <div className="mt-3">
              <FlagList flags={flags} />
            </div>
          </Card>
          <Card>
            <CardTitle>{open ? "Your decision" : "Decision"}</CardTitle>
            <div className="mt-3">
              {open && can(actor.role, "decide", "screening") ? (
                <DecisionForm
                  screeningId={screening.id}
                  version={screening.version}
                  absoluteFlags={counts.absolute}
                  unlicensedStates={unlicensedStates}
                />
              ) : open ? (
                <p className="text-sm text-slate-600">Awaiting a prescriber&apos;s decision.</p>
              ) : (
                <div className="space-y-3">
                  <ScreeningHistory
                    screenings={[{ ...screening, informationRequests: screening.informationRequests }]}
                    timeZone={actor.timeZone}
                  />
                  {inForce && can(actor.role, "revisit", "screening") ? (
                    <RevisitForm screeningId={screening.id} />
                  ) : null}
                </div>
              )}
            </div>
          </Card>
          <Card>
            <CardTitle>History</CardTitle>
            <div className="mt-3">
              <ScreeningHistory
                screenings={client.screenings}
                currentId={screening.id}
                timeZone={actor.timeZone}
              />
            </div>
          </Card>
        </div>
      </div>
    </>
  );
}
