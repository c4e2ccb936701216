import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/domain/core/format";
import { RaiseSafetyFlagForm } from "./raise-safety-flag-form";
import { SafetyFlagReviewForm } from "./safety-flag-review-form";

type Flag = {
  id: string;
  reason: string;
  raisedAt: Date;
  /** The clinician who raised it; null when a questionnaire answer did. */
  raisedById?: string | null;
  reviewedAt: Date | null;
  reviewNote: string | null;
};

/**
 * Suicide-risk flags: open ones first, each reviewable by a clinician on the care team, who may
 * also raise one themselves (`canRaise`).
 */
export function SafetyFlags({
  clientId,
  flags,
  timeZone,
  canReview,
  canRaise = false,
  staffNames = {},
}: {
  clientId: string;
  flags: Flag[];
  timeZone: string;
  canReview: boolean;
  canRaise?: boolean;
  /** Names of the care team by user id, to say who raised a flag. */
  staffNames?: Record<string, string>;
}) {
  if (flags.length === 0) {
    return canRaise ? (
      <section aria-label="Safety flags" className="rounded-lg border border-slate-200 bg-white p-4">
        <p className="text-sm text-slate-600">No safety flags.</p>
        <RaiseSafetyFlagForm clientId={clientId} />
      </section>
    ) : null;
  }
  const open = flags.filter((f) => !f.reviewedAt);
  return (
    <section
      aria-labelledby="safety-title"
      className={
        open.length
          ? "rounded-lg border-2 border-red-300 bg-red-50 p-4"
          : "rounded-lg border border-slate-200 bg-white p-4"
      }
      data-testid="safety-flags"
    >
      <h2 id="safety-title" className="font-semibold text-red-950">
        Safety flags {open.length ? <Badge tone="danger">{open.length} open</Badge> : null}
      </h2>
      <ul className="mt-2 space-y-3">
        {flags.map((f) => (
          <li key={f.id} className="rounded-md bg-white p-3 text-sm">
            <p className="font-medium">{f.reason}</p>
            <p className="text-slate-600">
              Raised {formatDateTime(f.raisedAt, timeZone)}
              {f.raisedById
                ? ` by ${staffNames[f.raisedById] ?? "a clinician"}`
                : " from a questionnaire answer"}
            </p>
            {f.reviewedAt ? (
              <p className="mt-1 text-slate-700">
                Reviewed {formatDateTime(f.reviewedAt, timeZone)}: {f.reviewNote}
              </p>
            ) : canReview ? (
              <SafetyFlagReviewForm clientId={clientId} flagId={f.id} />
            ) : (
              <p className="mt-1 font-medium text-red-900">
                Awaiting a clinician&apos;s review. Dosing is on hold.
              </p>
            )}
          </li>
        ))}
      </ul>
      {canRaise ? <RaiseSafetyFlagForm clientId={clientId} /> : null}
    </section>
  );
}
