import type { Metadata } from "next";
import Link from "next/link";
import { AdverseEvents } from "@/components/dosing/adverse-events";
import { AutoRefresh } from "@/components/dosing/auto-refresh";
import { BeginDosingButton } from "@/components/dosing/begin-dosing-button";
import { BoosterForm } from "@/components/dosing/booster-form";
import { ChecklistForm } from "@/components/dosing/checklist-form";
import { ChecklistResult } from "@/components/dosing/checklist-result";
import { DoseForm } from "@/components/dosing/dose-form";
import { LateEntryNote } from "@/components/dosing/late-entry";
import { PreDoseMeasures } from "@/components/dosing/pre-dose-measures";
import { Discharge, DoseGiven, Finish } from "@/components/dosing/record-sections";
import { VitalsPanel } from "@/components/dosing/vitals-panel";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { can } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/domain/core/format";
import type { GoNoGoResult } from "@/lib/domain/dosing/checklist";
import { recheckDose } from "@/lib/domain/dosing/dose-recheck";
import { ROUTE_LABEL } from "@/lib/domain/dosing/order";
import { measureFormSpec } from "@/lib/domain/measures/form-spec";
import { requireStaff } from "@/lib/server/auth/current-user";
import { orNotFound } from "@/lib/server/core/page";
import { getDosingDay } from "@/lib/server/dosing/dosing-day";

export const metadata: Metadata = { title: "Dosing session" };

function Step({
  n,
  title,
  children,
  testId,
}: {
  n: number;
  title: string;
  children: React.ReactNode;
  testId?: string;
}) {
  return (
    <section
      aria-labelledby={`step-${n}-${testId}`}
      className="border-t border-slate-100 pt-4"
      data-testid={testId}
    >
      <h3 id={`step-${n}-${testId}`} className="mb-2 font-semibold">
        {n}. {title}
      </h3>
      {children}
    </section>
  );
}

export default async function DosingDayPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const actor = await requireStaff("THERAPIST", "PRESCRIBER");
  const { sessionId } = await params;
  const { session, participants, settings } = await orNotFound(getDosingDay(actor, sessionId));
  const canWrite = can(actor.role, "write", "dosingRecord");
  const started = participants.some((p) => p.record);
  // Checks and doses only while the session is in progress (not once it was ended early).
  const dosing = session.status === "IN_PROGRESS";
  const tz = actor.timeZone;
  const now = new Date();
  const specs = {
    cssrs: { ...measureFormSpec("CSSRS", "SINCE_LAST_VISIT"), scale: "CSSRS" as const },
    phq9: { ...measureFormSpec("PHQ9"), scale: "PHQ9" as const },
  };
  return (
    <>
      {actor.role === "PRESCRIBER" ? <AutoRefresh seconds={10} /> : null}
      <Link
        href={actor.role === "PRESCRIBER" ? "/dosing" : `/series/${session.series.id}`}
        className="text-sm text-teal-800 underline"
      >
        ← {actor.role === "PRESCRIBER" ? "Live dosing" : "The series"}
      </Link>
      <PageHeader
        title={`Dose ${session.sequence ?? ""}: ${participants.map((p) => p.name).join(" & ")}`}
        description={`${formatDateTime(session.startsAt, tz)} · ${session.series.therapist.name}${session.series.prescriber ? ` · prescriber ${session.series.prescriber.name}` : ""} · ${session.status.toLowerCase().replace("_", " ")}`}
      />
      {session.status === "ENDED_EARLY" ? (
        <Notice tone="warning" className="mb-4" data-testid="ended-early">
          Ended early: {session.statusReason}. The dose given counts toward the limits; complete each record
          (discharge first) and sign it as usual.
        </Notice>
      ) : null}
      {!started ? (
        canWrite ? (
          <BeginDosingButton sessionId={session.id} />
        ) : (
          <p className="text-slate-600">The session has not started.</p>
        )
      ) : (
        <div className={`grid gap-6 ${participants.length > 1 ? "xl:grid-cols-2" : ""}`}>
          {participants.map((p) => {
            const r = p.record;
            if (!r) return null;
            const open = r.status === "IN_PROGRESS";
            const result = (r.checklist as { result?: GoNoGoResult } | null)?.result ?? null;
            // What the server will re-check when the dose is recorded (lib/domain/dosing/dose-recheck.ts),
            // from what this page knows; the server judges again with the facts of that moment.
            const holds = recheckDose({
              now,
              givenAt: now,
              checklist: result,
              checklistAt: r.checklistAt,
              override: r.overrideReason
                ? { reason: r.overrideReason, byRole: "PRESCRIBER", items: r.overrideItems }
                : null,
              bpReadingMaxAgeMinutes: settings.bpReadingMaxAgeMinutes,
              preDose: {
                cssrsSinceLastVisit: Boolean(p.preDose?.cssrsSinceLastVisit),
                phq9: Boolean(p.preDose?.phq9),
              },
            });
            if (p.openSafetyFlags > 0 && !holds.some((h) => h.code === "item:safety-flag")) {
              holds.push({
                code: "open-safety-flag",
                message:
                  "A suicide-risk safety flag was raised after the checklist: the dose is held until a clinician records a review.",
              });
            }
            const mayDose = result !== null && holds.length === 0;
            const b = r.order;
            const booster =
              b?.boosterMg && b.boosterEarliestMinute !== null && b.totalMaxMg
                ? {
                    boosterMg: b.boosterMg.toNumber(),
                    boosterEarliestMinute: b.boosterEarliestMinute,
                    totalMaxMg: b.totalMaxMg.toNumber(),
                  }
                : null;
            const earliestAt = p.lastAdministrationAt
              ? new Date(p.lastAdministrationAt.getTime() + settings.monitoringMinutes * 60_000)
              : null;
            return (
              <Card key={p.id} className="space-y-4" data-testid={`record-${p.name}`}>
                <CardTitle>
                  {p.name}{" "}
                  <Badge
                    tone={r.status === "SIGNED" ? "success" : r.status === "COMPLETED" ? "info" : "warning"}
                  >
                    {r.status.toLowerCase().replace("_", " ")}
                  </Badge>
                </CardTitle>
                <Step n={1} title="Before the dose: questionnaires" testId="step-pre-dose">
                  {r.doseGivenAt ? (
                    <p className="text-sm text-slate-600">Done before the dose.</p>
                  ) : (
                    <PreDoseMeasures
                      recordId={r.id}
                      clientId={p.id}
                      cssrs={p.preDose?.cssrsSinceLastVisit ?? null}
                      phq9={p.preDose?.phq9 ?? null}
                      specs={specs}
                      openSafetyFlags={p.openSafetyFlags}
                      canAdminister={can(actor.role, "administer", "measure")}
                      open={open}
                      timeZone={tz}
                    />
                  )}
                </Step>
                <Step n={2} title="Go / no-go" testId="step-checklist">
                  {result ? (
                    <ChecklistResult
                      recordId={r.id}
                      version={r.version}
                      result={result}
                      overrideReason={r.overrideReason}
                      canOverride={can(actor.role, "override", "dosingRecord")}
                      open={open && dosing && !r.doseGivenAt}
                    />
                  ) : null}
                  {open && dosing && canWrite && !r.doseGivenAt ? (
                    <details open={!result} className="mt-3">
                      <summary className="cursor-pointer text-sm font-medium text-teal-800">
                        {result ? "Check again" : "Enter the checks"}
                      </summary>
                      <div className="mt-3">
                        <ChecklistForm recordId={r.id} version={r.version} settings={settings} />
                      </div>
                    </details>
                  ) : null}
                </Step>
                <Step n={3} title="The dose" testId="step-dose">
                  {r.doseGivenAt ? (
                    <div className="space-y-3">
                      <DoseGiven
                        mg={r.doseMg?.toString() ?? ""}
                        route={r.route ? ROUTE_LABEL[r.route] : ""}
                        lotNumber={r.lotNumber}
                        givenAt={r.doseGivenAt}
                        lateReason={r.doseLateReason}
                        timeZone={tz}
                      />
                      {r.boosterGivenAt ? (
                        <p className="text-sm" data-testid="booster-given">
                          Booster {r.boosterMg?.toString()} mg · lot {r.boosterLotNumber} · given{" "}
                          {formatDateTime(r.boosterGivenAt, tz)} (minutes on the vitals still count from the
                          first administration)
                          <LateEntryNote reason={r.boosterLateReason} timeZone={tz} />
                        </p>
                      ) : booster && open && canWrite && !r.readyToLeaveAt && r.doseMg ? (
                        <BoosterForm
                          recordId={r.id}
                          version={r.version}
                          booster={booster}
                          doseMg={r.doseMg.toNumber()}
                          doseGivenAt={r.doseGivenAt}
                          timeZone={tz}
                        />
                      ) : null}
                    </div>
                  ) : mayDose && open && dosing && canWrite ? (
                    <DoseForm recordId={r.id} version={r.version} orders={p.orders} timeZone={tz} />
                  ) : result && open && holds.length > 0 ? (
                    <Notice tone="warning" data-testid="dose-held">
                      <p className="font-medium">Held until:</p>
                      <ul className="mt-1 list-disc space-y-1 pl-5">
                        {holds.map((h) => (
                          <li key={h.code}>{h.message}</li>
                        ))}
                      </ul>
                    </Notice>
                  ) : (
                    <p className="text-sm text-slate-600">
                      {!dosing
                        ? "No dose: the session is no longer in progress."
                        : mayDose && open
                          ? "Nothing holds the dose."
                          : "After the go / no-go checks."}
                    </p>
                  )}
                </Step>
                <Step n={4} title="Vitals" testId="step-vitals">
                  <VitalsPanel
                    recordId={r.id}
                    vitals={r.vitals}
                    skipped={r.skippedReadings}
                    doseGivenAt={r.doseGivenAt}
                    settings={settings}
                    timeZone={tz}
                    open={open && canWrite}
                  />
                </Step>
                <Step n={5} title="Adverse events" testId="step-adverse">
                  <AdverseEvents
                    recordId={r.id}
                    events={r.adverseEvents}
                    timeZone={tz}
                    open={open && canWrite}
                    canReview={can(actor.role, "sign", "dosingRecord")}
                  />
                </Step>
                <Step n={6} title="Discharge" testId="step-discharge">
                  {earliestAt ? (
                    <Discharge
                      recordId={r.id}
                      version={r.version}
                      earliestAt={earliestAt}
                      readyToLeaveAt={r.readyToLeaveAt}
                      dischargedAt={r.dischargedAt}
                      lateReason={p.dischargeLateReason}
                      settings={settings}
                      timeZone={tz}
                      open={open && canWrite}
                    />
                  ) : (
                    <p className="text-sm text-slate-600">After the dose.</p>
                  )}
                </Step>
                <Step n={7} title="Sign-off" testId="step-finish">
                  <Finish
                    recordId={r.id}
                    version={r.version}
                    status={r.status}
                    canComplete={canWrite}
                    canSign={can(actor.role, "sign", "dosingRecord")}
                    addenda={r.addenda}
                    timeZone={tz}
                  />
                </Step>
              </Card>
            );
          })}
        </div>
      )}
    </>
  );
}
