import { Badge } from "@/components/ui/badge";
import { type ClientStage, STAGE_LABEL } from "@/lib/domain/clients/stages";

const TONE: Record<ClientStage, "neutral" | "info" | "success" | "warning" | "danger"> = {
  REFERRED: "neutral",
  INVITED: "neutral",
  INTAKE_IN_PROGRESS: "info",
  AWAITING_SCREENING: "warning",
  SCREENING_NEEDS_INFO: "warning",
  ELIGIBLE: "success",
  NOT_ELIGIBLE: "danger",
  IN_SERIES: "info",
  COMPLETED: "neutral",
};

export function StageBadge({ stage }: { stage: string }) {
  const s = stage as ClientStage;
  return <Badge tone={TONE[s] ?? "neutral"}>{STAGE_LABEL[s] ?? stage}</Badge>;
}
