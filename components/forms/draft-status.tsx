"use client";

import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { DraftProblem, DraftState } from "./draft-saver";

const time = (d: Date) => d.toLocaleTimeString([], { hour: "numeric", minute: "2-digit" });

/** The short line beside a form's buttons: saving, saved at, or not saved. */
export function draftStatusText(state: DraftState<unknown>): string {
  if (state.saving) return "Saving…";
  if (state.conflict || state.problem) return "Not saved";
  if (state.tookSaved) return "Showing the saved version";
  return state.savedAt ? `Saved at ${time(state.savedAt)}` : "";
}

const problemText = (problem: DraftProblem) =>
  problem.kind === "offline"
    ? "Not saved — check your connection; we'll keep trying. What you typed is still here."
    : problem.message;

/** A save that did not go through: what happened, with a way to try again. Nothing typed is cleared. */
export function DraftProblemNotice({
  problem,
  saving,
  onRetry,
  testId = "save-problem",
}: {
  problem: DraftProblem;
  saving: boolean;
  onRetry: () => void;
  testId?: string;
}) {
  return (
    <Notice
      tone="warning"
      live="assertive"
      data-testid={testId}
      className="flex flex-wrap items-center justify-between gap-3"
    >
      <p className="min-w-0 flex-1">{problemText(problem)}</p>
      <Button type="button" size="sm" variant="secondary" onClick={onRetry} disabled={saving}>
        {saving ? "Trying…" : "Try again"}
      </Button>
    </Notice>
  );
}

export type ConflictRow = { key: string; label: string; mine: string; theirs: string };

/**
 * Two versions of a draft side by side (stacked on a phone): the one on this
 * screen and the one another window or device saved. Only answers that differ
 * are listed. Nothing is overwritten until the user chooses.
 */
export function DraftConflict({
  id,
  message,
  rows,
  onKeepMine,
  onTakeSaved,
  testId,
}: {
  id: string;
  message: string;
  rows: ConflictRow[];
  onKeepMine: () => void;
  onTakeSaved: () => void;
  testId: string;
}) {
  const differ = rows.filter((r) => r.mine !== r.theirs);
  const sides = [
    { side: "mine", title: "Yours (on this screen)" },
    { side: "theirs", title: "The saved version" },
  ] as const;
  return (
    <section
      className="space-y-3 rounded-md border-2 border-amber-300 bg-amber-50 p-4"
      aria-labelledby={`${id}-title`}
      data-testid={testId}
    >
      <div aria-live="assertive">
        <h2 id={`${id}-title`} className="font-medium text-amber-950">
          {message}
        </h2>
        <p className="mt-1 text-sm text-amber-950">
          Nothing was overwritten, and what you typed is still here. Autosave is paused until you choose which
          version to keep.
        </p>
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        {sides.map(({ side, title }) => (
          <div key={side} className="min-w-0 rounded bg-white p-3 text-sm" data-testid={`${testId}-${side}`}>
            <h3 className="mb-1 font-semibold">{title}</h3>
            {differ.length === 0 ? (
              <p className="text-slate-600">The same answers.</p>
            ) : (
              <dl className="space-y-2">
                {differ.map((r) => (
                  <div key={r.key}>
                    <dt className="text-slate-600">{r.label}</dt>
                    <dd className="whitespace-pre-wrap break-words">
                      {r[side] || <span className="text-slate-500 italic">(blank)</span>}
                    </dd>
                  </div>
                ))}
              </dl>
            )}
          </div>
        ))}
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="button" size="sm" onClick={onKeepMine}>
          Keep mine
        </Button>
        <Button type="button" size="sm" variant="secondary" onClick={onTakeSaved}>
          Use the saved version
        </Button>
      </div>
    </section>
  );
}
