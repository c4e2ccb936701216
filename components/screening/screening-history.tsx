import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/domain/core/format";
import { DECISION_LABEL } from "@/lib/validation/screening";

type Entry = {
  id: string;
  status: string;
  decision: keyof typeof DECISION_LABEL | null;
  rationale: string | null;
  conditions: string | null;
  diagnosisCode: string | null;
  diagnosisLabel: string | null;
  overrideReason: string | null;
  openedReason: string | null;
  signedAt: Date | null;
  createdAt: Date;
  prescriber: { name: string } | null;
  informationRequests: { question: string; answer: string | null; answeredAt: Date | null }[];
};

const TONE = { ELIGIBLE: "success", NOT_ELIGIBLE: "danger", NEEDS_INFORMATION: "warning" } as const;

/** Every screening of the client, newest first: signed ones never change, later ones supersede them. */
export function ScreeningHistory({
  screenings,
  currentId,
  timeZone,
}: {
  screenings: Entry[];
  currentId?: string;
  timeZone: string;
}) {
  if (screenings.length === 0) return <p className="text-sm text-slate-600">No screenings yet.</p>;
  return (
    <ol className="space-y-3" data-testid="screening-history">
      {screenings.map((s) => (
        <li key={s.id} className="rounded-md border border-slate-200 bg-white p-3 text-sm">
          <p className="flex flex-wrap items-center gap-2">
            {s.decision ? (
              <Badge tone={TONE[s.decision]}>{DECISION_LABEL[s.decision]}</Badge>
            ) : (
              <Badge tone="info">Awaiting review</Badge>
            )}
            {s.id === currentId ? <span className="text-xs text-slate-500">(this screening)</span> : null}
            <span className="text-slate-600">
              {s.signedAt
                ? `signed ${formatDateTime(s.signedAt, timeZone)} by ${s.prescriber?.name ?? "a prescriber"}`
                : `opened ${formatDateTime(s.createdAt, timeZone)}`}
            </span>
          </p>
          {s.openedReason ? <p className="mt-1 text-slate-700">Opened because: {s.openedReason}</p> : null}
          {s.rationale ? <p className="mt-1">Rationale: {s.rationale}</p> : null}
          {s.diagnosisCode ? (
            <p className="mt-1">
              Diagnosis: {s.diagnosisCode} {s.diagnosisLabel}
            </p>
          ) : null}
          {s.conditions ? <p className="mt-1">Conditions: {s.conditions}</p> : null}
          {s.overrideReason ? (
            <p className="mt-1 font-medium text-red-900">Override: {s.overrideReason}</p>
          ) : null}
          {s.informationRequests.map((r) => (
            <div key={r.question} className="mt-2 rounded bg-slate-50 p-2">
              <p>Asked: {r.question}</p>
              <p className="text-slate-700">
                {r.answer
                  ? `Answered ${r.answeredAt ? formatDateTime(r.answeredAt, timeZone) : ""}: ${r.answer}`
                  : "Not answered yet."}
              </p>
            </div>
          ))}
        </li>
      ))}
    </ol>
  );
}
