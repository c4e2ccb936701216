import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { SessionActions } from "@/components/scheduling/session-actions";
import { ShiftSeriesForm } from "@/components/scheduling/shift-series-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { can } from "@/lib/auth/permissions";
import { displayName } from "@/lib/domain/clients/display-name";
import { formatDateTime } from "@/lib/domain/core/format";
import { sessionLabel } from "@/lib/domain/scheduling/session-label";
import { requireStaff } from "@/lib/server/auth/current-user";
import { orNotFound } from "@/lib/server/core/page";
import { getSeriesDetail } from "@/lib/server/scheduling/series-detail";

export const metadata: Metadata = { title: "KAP series" };

const STATUS_TONE = {
  SCHEDULED: "neutral",
  CONFIRMED: "info",
  IN_PROGRESS: "warning",
  COMPLETED: "success",
  CANCELLED: "danger",
  NO_SHOW: "danger",
  ENDED_EARLY: "warning",
} as const;

export default async function SeriesPage({
  params,
  searchParams,
}: {
  params: Promise<{ seriesId: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const actor = await requireStaff();
  const { seriesId } = await params;
  const { created } = await searchParams;
  const { series, gates } = await orNotFound(getSeriesDetail(actor, seriesId));
  const names = series.participants.map(({ client }) => displayName(client));
  const participants = series.participants.map(({ client }) => ({
    id: client.id,
    name: displayName(client),
  }));
  const canEdit = can(actor.role, "update", "session");
  return (
    <>
      <PageHeader
        title={`KAP series: ${names.join(" & ")}`}
        description={`${series.kind === "COUPLE" ? "Couples" : "Individual"} series · ${series.protocolTemplate?.name ?? "custom plan"} · therapist ${series.therapist.name}${series.prescriber ? ` · prescriber ${series.prescriber.name}` : ""}`}
        actions={
          <Link href="/schedule" className="text-sm text-teal-800 underline">
            Calendar
          </Link>
        }
      />
      {created ? (
        <Notice tone="success" className="mb-4" data-testid="series-created">
          The series is created with {series.sessions.length} sessions.
        </Notice>
      ) : null}
      <div className="mb-4 flex flex-wrap gap-2 text-sm">
        {series.participants.map(({ client }) => (
          <Link key={client.id} href={`/clients/${client.id}`} className="text-teal-800 underline">
            {displayName(client)}
          </Link>
        ))}
      </div>
      {canEdit ? (
        <Card className="mb-4">
          <ShiftSeriesForm seriesId={series.id} />
        </Card>
      ) : null}
      <ol className="space-y-3" data-testid="series-sessions">
        {series.sessions.map((s) => (
          <li
            key={s.id}
            className="rounded-lg border border-slate-200 bg-white p-4"
            data-testid={`session-${s.id}`}
          >
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{sessionLabel(s)}</span>
              <Badge tone={STATUS_TONE[s.status]}>{s.status.replace("_", " ").toLowerCase()}</Badge>
              <span className="text-sm text-slate-600">
                {formatDateTime(s.startsAt, actor.timeZone)} ·{" "}
                {Math.round((s.endsAt.getTime() - s.startsAt.getTime()) / 60_000)} min · {s.clinician.name}
              </span>
            </div>
            {s.statusReason ? <p className="mt-1 text-sm text-slate-600">Reason: {s.statusReason}</p> : null}
            {can(actor.role, "read", "note") && s.status !== "CANCELLED" ? (
              <Link
                href={`/sessions/${s.id}/notes`}
                className="mt-1 mr-4 inline-block text-sm font-medium text-teal-800 underline"
              >
                Notes
              </Link>
            ) : null}
            {s.kind === "DOSING" &&
            ["CONFIRMED", "IN_PROGRESS", "COMPLETED", "ENDED_EARLY"].includes(s.status) ? (
              <Link
                href={`/dosing/${s.id}`}
                className="mt-1 inline-block text-sm font-medium text-teal-800 underline"
              >
                {["COMPLETED", "ENDED_EARLY"].includes(s.status)
                  ? "Dosing record"
                  : "Open the dosing session"}
              </Link>
            ) : null}
            {canEdit ? (
              <div className="mt-3">
                <SessionActions
                  session={s}
                  participants={participants}
                  gate={gates[s.id]}
                  timeZone={actor.timeZone}
                />
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    </>
  );
}
