"use client";

import { useRef, useState } from "react";
import { useDraftSaver } from "@/components/forms/draft-saver";
import { DraftConflict, DraftProblemNotice, draftStatusText } from "@/components/forms/draft-status";
import { FormNotice } from "@/components/forms/form-notice";
import { useAction } from "@/components/forms/use-action";
import { useHydrated } from "@/components/forms/use-hydrated";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { getNoteForEditingAction, saveNoteDraftAction, signNoteAction } from "@/lib/actions/notes";

export type NoteField = { key: string; label: string; prompt: string };
type Body = Record<string, string>;

const AUTOSAVE_MS = 1500;
const SIGNED_ELSEWHERE =
  "This note was signed in another window, so these changes were not saved. They are still on this screen: copy what you need, reload, and add it as an addendum.";
const NOT_SIGNED_OFFLINE =
  "Not signed — we could not reach Kapstone. Check your connection and press Sign again; the note is kept as a draft.";

/** Two bodies hold the same note when their non-empty sections match. */
const sameBody = (a: Body, b: Body) => {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? "") === (b[k] ?? ""));
};

/**
 * A note draft: saved about 1.5 s after typing stops, on leaving the page and
 * when the tab is hidden, with a version on each save. If another tab or device
 * saved first, nothing is overwritten: both versions are shown and the writer
 * chooses. If a save fails, the text stays and the save is tried again.
 */
export function NoteEditor({
  noteId,
  version,
  body,
  fields,
  canSign,
}: {
  noteId: string;
  version: number;
  body: Body;
  fields: NoteField[];
  canSign: boolean;
}) {
  const ready = useHydrated();
  const [values, setValues] = useState<Body>(body);
  const latest = useRef(values);
  const signing = useAction({ unreachable: NOT_SIGNED_OFFLINE });
  const [draft, saver] = useDraftSaver<Body>({
    version,
    values: body,
    delayMs: AUTOSAVE_MS,
    read: () => latest.current,
    same: sameBody,
    send: ({ values, version }) => saveNoteDraftAction({ noteId, version, body: values }),
    loadSaved: async () => {
      const r = await getNoteForEditingAction({ noteId });
      if (!r.ok) return { ok: false, message: r.message };
      if (r.data.status !== "DRAFT") return { ok: false, message: SIGNED_ELSEWHERE };
      return { ok: true, version: r.data.version, values: r.data.body };
    },
  });

  const change = (key: string, text: string) => {
    latest.current = { ...latest.current, [key]: text };
    setValues(latest.current);
    saver.changed();
  };

  const takeSaved = () => {
    const theirs = saver.takeSaved();
    if (!theirs) return;
    latest.current = theirs;
    setValues(theirs);
  };

  // What is typed is saved first; the signature then goes after that save, never beside it.
  const sign = () =>
    signing.run(async () => {
      if (!(await saver.flush()).ok) return null;
      if (!window.confirm("Sign this note? A signed note cannot be changed; corrections become addenda."))
        return null;
      return saver.exclusive(() => signNoteAction({ noteId, version: saver.version }));
    });

  return (
    <div className="space-y-4" data-testid="note-editor" data-ready={ready || undefined}>
      {draft.conflict ? (
        <DraftConflict
          id={`conflict-${noteId}`}
          testId="note-conflict"
          message="This note was changed in another window or by someone else. Which version do you want to keep?"
          rows={fields.map((f) => ({
            key: f.key,
            label: f.label,
            mine: values[f.key] ?? "",
            theirs: draft.conflict?.theirs[f.key] ?? "",
          }))}
          onKeepMine={() => void saver.keepMine()}
          onTakeSaved={takeSaved}
        />
      ) : null}
      {draft.problem && !draft.conflict ? (
        <DraftProblemNotice
          problem={draft.problem}
          saving={draft.saving}
          onRetry={() => saver.retry()}
          testId="note-save-problem"
        />
      ) : null}
      <FormNotice of={signing} testId="note-sign-error" />
      {fields.map((f) => (
        <Field key={f.key} label={f.label} id={`${noteId}-${f.key}`} hint={f.prompt || undefined}>
          <Textarea
            rows={4}
            value={values[f.key] ?? ""}
            readOnly={signing.pending}
            onChange={(e) => change(f.key, e.target.value)}
            onBlur={() => void saver.flush()}
          />
        </Field>
      ))}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600" aria-live="polite" data-testid="note-status">
          {draftStatusText(draft)}
        </p>
        {canSign ? (
          <Button
            type="button"
            disabled={!ready || signing.pending || Boolean(draft.conflict)}
            onClick={() => void sign()}
          >
            {signing.pending ? "Signing…" : "Sign the note"}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
