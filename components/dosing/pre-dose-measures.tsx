import Link from "next/link";
import { AdministerMeasureForm } from "@/components/measures/administer-measure-form";
import { Badge } from "@/components/ui/badge";
import { Notice } from "@/components/ui/notice";
import { formatDateTime } from "@/lib/domain/core/format";
import type { MeasureFormSpec } from "@/lib/domain/measures/form-answers";
import { bandLabel } from "@/lib/domain/measures/form-spec";

type Answered = { id: string; takenAt: Date; band: string; total: number | null; flags: string[] } | null;

/**
 * Before each dose: the C-SSRS since last visit and the PHQ-9, answered for this dose in the
 * client's portal or asked here by a clinician (docs/clinical-rules.md §4). The dose is held until
 * both are done, and while any suicide-risk flag is open.
 */
export function PreDoseMeasures({
  recordId,
  clientId,
  cssrs,
  phq9,
  specs,
  openSafetyFlags,
  canAdminister,
  open,
  timeZone,
}: {
  recordId: string;
  clientId: string;
  cssrs: Answered;
  phq9: Answered;
  specs: { cssrs: MeasureFormSpec & { scale: "CSSRS" }; phq9: MeasureFormSpec & { scale: "PHQ9" } };
  openSafetyFlags: number;
  canAdminister: boolean;
  open: boolean;
  timeZone: string;
}) {
  const rows = [
    { key: "cssrs", spec: specs.cssrs, answered: cssrs },
    { key: "phq9", spec: specs.phq9, answered: phq9 },
  ] as const;
  return (
    <div className="space-y-3" data-testid="pre-dose-measures">
      <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 text-sm">
        {rows.map(({ key, spec, answered }) => (
          <li key={key} className="space-y-2 px-3 py-2" data-testid={`pre-dose-${key}`}>
            <p>
              <span className="font-medium">{spec.shortTitle}</span>{" "}
              {answered ? (
                <>
                  <span className="text-slate-700">
                    done {formatDateTime(answered.takenAt, timeZone)} ·{" "}
                    {answered.total !== null ? `${answered.total}, ` : ""}
                    {bandLabel(spec.scale, answered.band)}
                  </span>{" "}
                  {answered.flags.includes("cssrs-high-risk") ? <Badge tone="danger">High risk</Badge> : null}
                  {answered.flags.includes("phq9-item9") ? <Badge tone="danger">Item 9 above 0</Badge> : null}
                </>
              ) : (
                <span className="text-amber-900">
                  not done yet: the client answers it in their portal, or a clinician asks it here.
                </span>
              )}
            </p>
            {!answered && open && canAdminister ? (
              <details>
                <summary className="cursor-pointer font-medium text-teal-800">
                  Ask the {spec.shortTitle} now
                </summary>
                <div className="mt-3">
                  <AdministerMeasureForm recordId={recordId} spec={spec} />
                </div>
              </details>
            ) : null}
          </li>
        ))}
      </ul>
      {openSafetyFlags > 0 ? (
        <Notice tone="danger" data-testid="open-safety-flag">
          {openSafetyFlags === 1
            ? "A suicide-risk safety flag is"
            : `${openSafetyFlags} suicide-risk safety flags are`}{" "}
          open: the dose is held until a therapist or prescriber records a review on{" "}
          <Link className="font-medium underline" href={`/clients/${clientId}`}>
            the client&apos;s page
          </Link>
          . No override lifts this hold.
        </Notice>
      ) : null}
    </div>
  );
}
