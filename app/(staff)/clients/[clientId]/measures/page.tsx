import type { Metadata } from "next";
import { ClientTabs } from "@/components/clients/client-tabs";
import { PageHeader } from "@/components/layout/page-header";
import { MeasureTable } from "@/components/measures/measure-table";
import { TrendChart } from "@/components/measures/trend-chart";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { formatDateTime } from "@/lib/domain/core/format";
import { SCALES } from "@/lib/domain/measures/scales";
import { requireStaff } from "@/lib/server/auth/current-user";
import { orNotFound } from "@/lib/server/core/page";
import { getMeasureTrends } from "@/lib/server/measures/measure-trends";

export const metadata: Metadata = { title: "Measures" };

const CONTEXT: Record<string, string> = {
  PRE_DOSE: "before a dose",
  END_OF_SERIES: "end of series",
  FOLLOW_UP_1M: "1 month after",
  FOLLOW_UP_3M: "3 months after",
};

export default async function ClientMeasuresPage({ params }: { params: Promise<{ clientId: string }> }) {
  const actor = await requireStaff("THERAPIST", "PRESCRIBER");
  const { clientId } = await params;
  const { trends, measures, pending } = await orNotFound(getMeasureTrends(actor, clientId));
  return (
    <>
      <PageHeader
        title="Measures over the series"
        description="Totals with their severity bands; response is a drop of at least 50 % from the first answer."
      />
      <ClientTabs clientId={clientId} show={{ intake: true, measures: true }} />
      <div className="grid gap-4 lg:grid-cols-3">
        {trends.map((t) => (
          <TrendChart
            key={t.scale}
            scale={t.scale}
            points={t.points}
            summary={t.summary}
            bands={t.bands}
            timeZone={actor.timeZone}
          />
        ))}
      </div>
      <Card className="mt-6">
        <CardTitle>Requested and not yet answered</CardTitle>
        {pending.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">Nothing pending.</p>
        ) : (
          <ul className="mt-2 space-y-1 text-sm" data-testid="pending-measures">
            {pending.map((p) => (
              <li key={p.id}>
                {SCALES[p.scale].shortTitle} ({CONTEXT[p.context] ?? p.context}) · due{" "}
                {formatDateTime(p.dueAt, actor.timeZone)}{" "}
                <Badge tone={p.state === "overdue" ? "danger" : p.state === "due" ? "warning" : "neutral"}>
                  {p.state}
                </Badge>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card className="mt-6">
        <CardTitle>Every answer</CardTitle>
        <div className="mt-3">
          <MeasureTable measures={[...measures].reverse()} timeZone={actor.timeZone} />
        </div>
      </Card>
    </>
  );
}
