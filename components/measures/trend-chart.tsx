import { Badge } from "@/components/ui/badge";
import { LineChart } from "@/components/ui/line-chart";
import type { TrendSummary } from "@/lib/domain/measures/measure-schedule";
import type { BandRange } from "@/lib/domain/measures/measure-types";

const BAND_COLORS = ["#f0fdf4", "#fefce8", "#fff7ed", "#fef2f2", "#fee2e2"];
const MAX: Record<string, number> = { PHQ9: 27, GAD7: 21, PCL5: 80 };
const TITLE: Record<string, string> = {
  PHQ9: "PHQ-9 (depression)",
  GAD7: "GAD-7 (anxiety)",
  PCL5: "PCL-5 (PTSD symptoms)",
};

/** One scale over the series, with its severity bands drawn in and the change from baseline. */
export function TrendChart({
  scale,
  points,
  summary,
  bands,
  timeZone,
}: {
  scale: string;
  points: { total: number; takenAt: Date }[];
  summary: TrendSummary;
  bands: BandRange[];
  timeZone: string;
}) {
  const day = (ms: number) =>
    new Intl.DateTimeFormat("en-US", { timeZone, month: "short", day: "numeric" }).format(new Date(ms));
  const xs = points.map((p) => p.takenAt.getTime());
  const min = Math.min(...xs);
  const max = Math.max(...xs, min + 86_400_000);
  const top = MAX[scale] ?? 30;
  return (
    <section
      className="rounded-lg border border-slate-200 bg-white p-4"
      data-testid={`trend-${scale}`}
      aria-labelledby={`trend-title-${scale}`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={`trend-title-${scale}`} className="font-semibold">
          {TITLE[scale] ?? scale}
        </h3>
        {summary.response ? <Badge tone="success">Response (≥ 50 % drop)</Badge> : null}
        {summary.remission ? <Badge tone="success">Remission (below 5)</Badge> : null}
        {summary.baselineBelowModerate ? (
          <Badge tone="neutral">Baseline below the moderate range: response and remission not read</Badge>
        ) : null}
        {summary.pcl5Change && summary.pcl5Change !== "none" ? (
          <Badge tone="success">
            {summary.pcl5Change === "clinically-meaningful"
              ? "Clinically meaningful change (≥ 10)"
              : "Reliable change (≥ 5)"}
          </Badge>
        ) : null}
      </div>
      {points.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No answers yet.</p>
      ) : (
        <>
          <p className="mt-1 text-sm text-slate-700" data-testid={`trend-summary-${scale}`}>
            Baseline {summary.baseline?.total} → latest {summary.latest?.total}
            {summary.percentChange !== null
              ? ` (${summary.percentChange > 0 ? "+" : ""}${Math.round(summary.percentChange)} %)`
              : ""}
          </p>
          <LineChart
            label={`${TITLE[scale] ?? scale} totals over time`}
            height={200}
            x={{ min, max, format: day, ticks: xs.length > 1 ? [min, max] : [min] }}
            y={{ min: 0, max: top, ticks: [0, Math.round(top / 3), Math.round((2 * top) / 3), top] }}
            bands={bands.map((b, i) => ({
              from: b.min,
              to: b.max + 1,
              color: BAND_COLORS[i] ?? "#f8fafc",
              label: b.label,
            }))}
            series={[
              {
                name: "Total",
                color: "#0f766e",
                points: points.map((p) => ({ x: p.takenAt.getTime(), y: p.total })),
              },
            ]}
          />
        </>
      )}
    </section>
  );
}
