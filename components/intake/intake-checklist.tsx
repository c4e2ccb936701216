import { CheckCircle2, Circle } from "lucide-react";
import Link from "next/link";
import type { ChecklistItem } from "@/lib/domain/intake/intake-checklist";
import { SubmitIntakeButton } from "./submit-intake-button";

/** What is due before screening, with progress announced as text and as a bar. */
export function IntakeChecklist({
  items,
  doneCount,
  total,
  ready,
}: {
  items: ChecklistItem[];
  doneCount: number;
  total: number;
  ready: boolean;
}) {
  return (
    <section
      aria-labelledby="checklist-title"
      className="rounded-lg border border-slate-200 bg-white p-5"
      data-testid="checklist"
    >
      <h2 id="checklist-title" className="text-lg font-semibold">
        Before your screening
      </h2>
      <p className="mt-1 text-slate-700" id="checklist-progress" data-testid="checklist-progress">
        {doneCount} of {total} done
      </p>
      <div
        role="progressbar"
        aria-labelledby="checklist-progress"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={doneCount}
        className="mt-2 h-2 overflow-hidden rounded bg-slate-100"
      >
        <div className="h-full bg-teal-600" style={{ width: `${(doneCount / total) * 100}%` }} />
      </div>
      <ul className="mt-4 divide-y divide-slate-100">
        {items.map((item) => (
          <li key={item.id}>
            <Link
              href={item.href}
              className="flex items-center gap-3 py-3 hover:bg-slate-50"
              data-testid={`checklist-${item.id}`}
            >
              {item.done ? (
                <CheckCircle2 className="size-6 shrink-0 text-emerald-700" aria-hidden="true" />
              ) : (
                <Circle className="size-6 shrink-0 text-slate-400" aria-hidden="true" />
              )}
              <span className="flex-1">
                <span className="block font-medium text-slate-900">{item.label}</span>
                <span className="block text-sm text-slate-600">{item.detail}</span>
              </span>
              <span className="text-sm font-medium text-teal-800">
                {item.done ? <span className="text-emerald-800">Done</span> : "Start"}
                <span className="sr-only"> {item.label}</span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
      <div className="mt-4 border-t border-slate-100 pt-4">
        {ready ? (
          <SubmitIntakeButton />
        ) : (
          <p className="text-sm text-slate-600">
            When everything above is done, you can send it to your prescriber.
          </p>
        )}
      </div>
    </section>
  );
}
