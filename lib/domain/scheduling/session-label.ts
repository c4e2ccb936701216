import { SESSION_KIND_LABEL } from "@/lib/domain/core/format";

/** "Dose 2", "Integration after dose 2", "Preparation", "Prescriber follow-up", "Closing". */
export function sessionLabel(s: { kind: string; sequence: number | null }): string {
  if (s.kind === "DOSING") return s.sequence ? `Dose ${s.sequence}` : "Dose";
  if (s.kind === "INTEGRATION") return s.sequence ? `Integration after dose ${s.sequence}` : "Integration";
  return SESSION_KIND_LABEL[s.kind] ?? s.kind;
}
