import { Badge } from "@/components/ui/badge";
import { Table, Td, THead, Th, Tr } from "@/components/ui/table";
import { formatDateTime } from "@/lib/domain/core/format";
import { bandLabel } from "@/lib/domain/measures/form-spec";
import { pcl5AnswersSchema, pcl5Result, provisionalLabel } from "@/lib/domain/measures/pcl5";
import { isScaleId, measureTitle } from "@/lib/domain/measures/scales";

type Measure = {
  id: string;
  scale: string;
  /** The time frame asked (the C-SSRS before a dose: since the last visit). */
  variant?: "STANDARD" | "SINCE_LAST_VISIT";
  context: string;
  total: number | null;
  band: string;
  flags: string[];
  takenAt: Date;
  /** The answers given, where the page has them: the PCL-5 then shows its DSM-5 clusters. */
  answers?: unknown;
};
const CONTEXT: Record<string, string> = {
  INTAKE: "Intake",
  PRE_DOSE: "Before a dose",
  END_OF_SERIES: "End of series",
  FOLLOW_UP_1M: "1 month after",
  FOLLOW_UP_3M: "3 months after",
  AD_HOC: "Other",
};

export function MeasureTable({ measures, timeZone }: { measures: Measure[]; timeZone: string }) {
  if (measures.length === 0) return <p className="text-sm text-slate-600">No measures completed yet.</p>;
  return (
    <Table data-testid="measure-table">
      <THead>
        <tr>
          <Th>Measure</Th>
          <Th>When</Th>
          <Th>Score</Th>
          <Th>Band</Th>
        </tr>
      </THead>
      <tbody>
        {measures.map((m) => (
          <Tr key={m.id}>
            <Td className="font-medium">
              {isScaleId(m.scale) ? measureTitle(m.scale, m.variant).shortTitle : m.scale}
            </Td>
            <Td>
              {formatDateTime(m.takenAt, timeZone)}
              <span className="block text-xs text-slate-500">{CONTEXT[m.context] ?? m.context}</span>
            </Td>
            <Td>{m.total ?? "—"}</Td>
            <Td className="space-x-1">
              <span>{bandLabel(m.scale, m.band)}</span>
              {m.flags.includes("phq9-item9") ? <Badge tone="danger">Item 9 above 0</Badge> : null}
              {m.flags.includes("cssrs-high-risk") ? <Badge tone="danger">High risk</Badge> : null}
              {m.scale === "PCL5" ? <Pcl5Clusters answers={m.answers} /> : null}
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}

/**
 * The PCL-5's DSM-5 symptom rule (docs/clinical-rules.md §4): each cluster's subtotal and endorsed
 * items (rated 2 or more) against what the rule needs, and what a provisional PTSD rests on.
 */
function Pcl5Clusters({ answers }: { answers: unknown }) {
  const parsed = pcl5AnswersSchema.safeParse(answers);
  if (!parsed.success) return null;
  const r = pcl5Result(parsed.data);
  return (
    <span className="mt-1 block text-xs text-slate-600" data-testid="pcl5-clusters">
      <span className="block font-medium text-slate-800">
        {provisionalLabel(r.provisional) ?? "No provisional PTSD"} · DSM-5 symptom rule{" "}
        {r.dsm5RuleMet ? "met" : "not met"}
      </span>
      {r.clusters.map((c) => (
        <span key={c.id} className="block">
          {c.id} {c.label.replace(/ \(.*\)$/, "")}: {c.subtotal} · {c.endorsed} rated 2+ (needs {c.needed})
          {c.met ? " ✓" : ""}
        </span>
      ))}
    </span>
  );
}
