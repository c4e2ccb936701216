"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { EmptyState } from "@/components/layout/empty-state";
import { Badge } from "@/components/ui/badge";
import { Notice } from "@/components/ui/notice";
import { clock } from "./local-time";

type LiveRecord = {
  id: string;
  status: string;
  checklistPassed: boolean | null;
  overrideReason: string | null;
  doseGivenAt: string | null;
  readyToLeaveAt: string | null;
  dischargedAt: string | null;
  client: { id: string; name: string };
  latest: {
    takenAt: string;
    systolic: number | null;
    diastolic: number | null;
    heartRate: number | null;
    spo2: number | null;
    respiratoryRate: number | null;
    alerts: string[];
  } | null;
  adverseEvents: number;
  alertReadings: number;
};
type LiveSession = {
  id: string;
  sequence: number | null;
  status: string;
  startsAt: string;
  series: { therapist: { name: string } };
  dosingRecords: LiveRecord[];
};

export const liveKeys = { all: ["dosing-live"] as const };

async function fetchLive(): Promise<LiveSession[]> {
  const res = await fetch("/api/dosing/live", { cache: "no-store" });
  if (!res.ok)
    throw new Error(
      res.status === 401 ? "Your session ended. Sign in again." : "The live view could not be loaded.",
    );
  return res.json();
}

function recordState(r: LiveRecord): {
  label: string;
  tone: "neutral" | "info" | "success" | "warning" | "danger";
} {
  if (r.status === "SIGNED") return { label: "signed", tone: "success" };
  if (r.status === "COMPLETED") return { label: "awaiting your signature", tone: "info" };
  if (r.checklistPassed === false && !r.overrideReason)
    return { label: "no-go: override needed", tone: "danger" };
  // Records discharged before the discharge time was kept apart have only readyToLeaveAt.
  if (r.dischargedAt ?? r.readyToLeaveAt) return { label: "discharged", tone: "success" };
  if (r.doseGivenAt) return { label: "monitoring", tone: "warning" };
  return { label: "before the dose", tone: "neutral" };
}

/** Every dosing session in progress, refreshed every 10 seconds. */
export function LiveDosing({ timeZone }: { timeZone: string }) {
  const { data, error, dataUpdatedAt } = useQuery({
    queryKey: liveKeys.all,
    queryFn: fetchLive,
    refetchInterval: 10_000,
  });
  if (error) return <Notice tone="danger">{(error as Error).message}</Notice>;
  if (!data) return <p className="text-sm text-slate-600">Loading…</p>;
  if (data.length === 0)
    return (
      <EmptyState title="No dosing session in progress">
        Sessions appear here when a therapist begins one.
      </EmptyState>
    );
  return (
    <div className="space-y-4" data-testid="live-dosing">
      <p className="text-xs text-slate-500" aria-live="polite" suppressHydrationWarning>
        Updated {new Date(dataUpdatedAt).toLocaleTimeString()}
      </p>
      {data.map((s) => (
        <section key={s.id} className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="font-semibold">
            <Link href={`/dosing/${s.id}`} className="text-teal-800 underline">
              Dose {s.sequence ?? ""}: {s.dosingRecords.map((r) => r.client.name).join(" & ")}
            </Link>{" "}
            <span className="text-sm font-normal text-slate-600">
              {clock(new Date(s.startsAt), timeZone)} · {s.series.therapist.name}
            </span>
          </h2>
          <ul className="mt-2 grid gap-2 sm:grid-cols-2">
            {s.dosingRecords.map((r) => {
              const state = recordState(r);
              return (
                <li
                  key={r.id}
                  className={`rounded-md border p-3 text-sm ${r.latest?.alerts.length ? "border-red-300 bg-red-50" : "border-slate-200"}`}
                  data-testid="live-record"
                >
                  <p className="flex flex-wrap items-center gap-2 font-medium">
                    {r.client.name} <Badge tone={state.tone}>{state.label}</Badge>
                  </p>
                  {r.doseGivenAt ? <p>Dose at {clock(new Date(r.doseGivenAt), timeZone)}</p> : null}
                  {r.dischargedAt ? (
                    <p>
                      Discharged at {clock(new Date(r.dischargedAt), timeZone)}
                      {r.readyToLeaveAt
                        ? ` (ready to leave at ${clock(new Date(r.readyToLeaveAt), timeZone)})`
                        : ""}
                    </p>
                  ) : null}
                  {r.latest ? (
                    <p>
                      Latest {clock(new Date(r.latest.takenAt), timeZone)}: BP {r.latest.systolic ?? "—"}/
                      {r.latest.diastolic ?? "—"}, HR {r.latest.heartRate ?? "—"}, RR{" "}
                      {r.latest.respiratoryRate ?? "—"}, SpO2 {r.latest.spo2 ?? "—"}
                      {r.latest.alerts.length ? (
                        <span className="ml-1 font-semibold text-red-800">out of range</span>
                      ) : null}
                    </p>
                  ) : (
                    <p className="text-slate-600">No vitals yet.</p>
                  )}
                  <p className="text-slate-700">
                    {r.alertReadings} out-of-range reading{r.alertReadings === 1 ? "" : "s"} ·{" "}
                    {r.adverseEvents} adverse event{r.adverseEvents === 1 ? "" : "s"}
                  </p>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
