import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/domain/core/format";
import { currentScreening } from "@/lib/domain/screening/eligibility-status";
import { DECISION_LABEL } from "@/lib/validation/screening";

type Screening = {
  id: string;
  status: "AWAITING_REVIEW" | "SIGNED";
  decision: keyof typeof DECISION_LABEL | null;
  signedAt: Date | null;
  createdAt: Date;
  supersedesId: string | null;
  conditions: string | null;
  prescriber: { name: string } | null;
};

const TONE = { ELIGIBLE: "success", NOT_ELIGIBLE: "danger", NEEDS_INFORMATION: "warning" } as const;

/** The screening in force, for the client's record. */
export function ScreeningSummary({
  screenings,
  timeZone,
  eligibility,
}: {
  screenings: Screening[];
  timeZone: string;
  /** Where the client stands now, from the server's one rule (lib/domain/screening/eligibility-status.ts). */
  eligibility?: { state: string; expiry?: string; expiresAt?: Date } | null;
}) {
  const current = currentScreening(screenings);
  if (!current) return null;
  const expired = eligibility?.state === "EXPIRED";
  return (
    <div className="mt-3 space-y-2 text-sm" data-testid="screening-summary">
      <p className="flex flex-wrap items-center gap-2">
        {expired ? (
          <Badge tone="warning">Eligibility expired</Badge>
        ) : current.decision ? (
          <Badge tone={TONE[current.decision]}>{DECISION_LABEL[current.decision]}</Badge>
        ) : (
          <Badge tone="info">Awaiting review</Badge>
        )}
        <span className="text-slate-600">
          {current.signedAt
            ? `signed ${formatDateTime(current.signedAt, timeZone)} by ${current.prescriber?.name ?? "a prescriber"}`
            : `since ${formatDateTime(current.createdAt, timeZone)}`}
        </span>
      </p>
      {expired && eligibility?.expiry ? (
        <p className="text-amber-900" data-testid="eligibility-expired">
          Doses are held: {eligibility.expiry}.
        </p>
      ) : null}
      {eligibility?.state === "ELIGIBLE" && eligibility.expiresAt ? (
        <p className="text-slate-600">Current until {formatDateTime(eligibility.expiresAt, timeZone)}.</p>
      ) : null}
      {current.conditions ? <p>Conditions: {current.conditions}</p> : null}
      <Link href={`/screenings/${current.id}`} className="text-teal-800 underline">
        Open the screening
      </Link>
    </div>
  );
}
