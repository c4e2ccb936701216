"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import {
  getNoteForEditingAction,
  saveNoteDraftAction,
  signNoteAction,
} from "@/app/(staff)/sessions/[sessionId]/notes/actions";
import { useHydrated } from "@/components/forms/use-hydrated";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";

export type NoteField = { key: string; label: string; prompt: string };
type Body = Record<string, string>;
type Conflict = { theirs: Body; version: number };

const AUTOSAVE_MS = 1500;

/**
 * A note draft: saved about 1.5 s after typing stops, with a version on each
 * save. If another tab or device saved first, nothing is overwritten: both
 * versions are shown and the writer chooses.
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
  const router = useRouter();
  const ready = useHydrated();
  const [values, setValues] = useState<Body>(body);
  const [status, setStatus] = useState<string>("");
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const versionRef = useRef(version);
  // Edits made and edits saved: a save that was in flight while typing went on must not
  // mark the newer text as saved.
  const edits = useRef(0);
  const savedEdits = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(values);

  // Saves run one after another: two saves racing with the same version would
  // make the second look like someone else's change.
  const chain = useRef<Promise<boolean>>(Promise.resolve(true));
  const saveOnce = useCallback(async () => {
    if (edits.current === savedEdits.current) return true;
    const sent = edits.current;
    setStatus("Saving…");
    const r = await saveNoteDraftAction({ noteId, version: versionRef.current, body: latest.current });
    if (r.ok) {
      versionRef.current = r.data.version;
      savedEdits.current = Math.max(savedEdits.current, sent);
      setStatus(
        `Saved at ${new Date(r.data.savedAt).toLocaleTimeString([], { hour: "numeric", minute: "2-digit" })}`,
      );
      return true;
    }
    setStatus("");
    if (r.code === "CONFLICT") {
      const theirs = await getNoteForEditingAction(noteId);
      if (theirs.ok && theirs.data.status === "DRAFT")
        setConflict({ theirs: theirs.data.body, version: theirs.data.version });
      else setError(r.message);
      return false;
    }
    setError(r.message);
    return false;
  }, [noteId]);
  const save = useCallback(() => {
    clearTimeout(timer.current);
    chain.current = chain.current.then(saveOnce, saveOnce);
    return chain.current;
  }, [saveOnce]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const change = (key: string, text: string) => {
    latest.current = { ...latest.current, [key]: text };
    setValues(latest.current);
    edits.current++;
    clearTimeout(timer.current);
    if (!conflict) timer.current = setTimeout(() => void save(), AUTOSAVE_MS);
  };

  const resolve = async (keep: "mine" | "theirs") => {
    if (!conflict) return;
    versionRef.current = conflict.version;
    if (keep === "theirs") {
      latest.current = conflict.theirs;
      setValues(conflict.theirs);
      savedEdits.current = edits.current;
      setConflict(null);
      setStatus("Showing the other version");
      return;
    }
    setConflict(null);
    edits.current++;
    await save();
  };

  return (
    <div className="space-y-4" data-testid="note-editor" data-ready={ready || undefined}>
      {conflict ? (
        <div
          className="space-y-3 rounded-md border-2 border-amber-300 bg-amber-50 p-4"
          role="alertdialog"
          aria-labelledby={`conflict-${noteId}`}
          data-testid="note-conflict"
        >
          <p id={`conflict-${noteId}`} className="font-medium text-amber-950">
            This note was changed in another window or by someone else. Nothing was overwritten. Which version
            do you want to keep?
          </p>
          <div className="grid gap-3 md:grid-cols-2">
            {(["mine", "theirs"] as const).map((side) => (
              <div key={side} className="rounded bg-white p-3 text-sm">
                <p className="mb-1 font-semibold">
                  {side === "mine" ? "Yours (this window)" : "The saved version"}
                </p>
                {fields.map((f) => {
                  const text = (side === "mine" ? values : conflict.theirs)[f.key];
                  return text ? (
                    <p key={f.key} className="mt-1">
                      <span className="text-slate-600">{f.label}:</span> {text}
                    </p>
                  ) : null;
                })}
              </div>
            ))}
          </div>
          <div className="flex gap-2">
            <Button size="sm" onClick={() => void resolve("mine")}>
              Keep mine
            </Button>
            <Button size="sm" variant="secondary" onClick={() => void resolve("theirs")}>
              Use the saved version
            </Button>
          </div>
        </div>
      ) : null}
      {error ? (
        <Notice tone="danger" live="assertive">
          {error}
        </Notice>
      ) : null}
      {fields.map((f) => (
        <Field key={f.key} label={f.label} id={`${noteId}-${f.key}`} hint={f.prompt || undefined}>
          <Textarea
            rows={4}
            value={values[f.key] ?? ""}
            onChange={(e) => change(f.key, e.target.value)}
            onBlur={() => void save()}
          />
        </Field>
      ))}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600" aria-live="polite" data-testid="note-status">
          {status}
        </p>
        {canSign ? (
          <Button
            disabled={!ready || Boolean(conflict)}
            onClick={async () => {
              if (!(await save())) return;
              if (
                !window.confirm(
                  "Sign this note? A signed note cannot be changed; corrections become addenda.",
                )
              )
                return;
              const r = await signNoteAction({ noteId, version: versionRef.current });
              if (!r.ok) setError(r.message);
              else router.refresh();
            }}
          >
            Sign the note
          </Button>
        ) : null}
      </div>
    </div>
  );
}
