"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { addNoteAddendumAction, openNoteAction } from "@/lib/actions/notes";

const OFFLINE = "We could not reach Kapstone. Check your connection and try again.";

/** Starts a note draft from the practice's template for this kind of session. */
export function StartNoteButton({
  sessionId,
  clientId,
  label,
}: {
  sessionId: string;
  clientId?: string;
  label: string;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <div className="space-y-2">
      {error ? <Notice tone="danger">{error}</Notice> : null}
      <Button
        variant="secondary"
        disabled={pending}
        onClick={async () => {
          setPending(true);
          setError(null);
          try {
            const r = await openNoteAction({ sessionId, clientId });
            if (!r.ok) setError(r.message);
            else router.refresh();
          } catch {
            setError(OFFLINE);
          } finally {
            setPending(false);
          }
        }}
      >
        {label}
      </Button>
    </div>
  );
}

/** An addendum to a signed note: its own author and time, the note itself unchanged. */
export function NoteAddendumForm({ noteId }: { noteId: string }) {
  const router = useRouter();
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <form
      method="post"
      className="space-y-2"
      onSubmit={async (e) => {
        e.preventDefault();
        setPending(true);
        try {
          const r = await addNoteAddendumAction({ noteId, body });
          if (!r.ok) setError(r.fieldErrors?.body?.[0] ?? r.message);
          else {
            setBody("");
            setError(null);
            router.refresh();
          }
        } catch {
          // The addendum stays in the box to send again.
          setError(`${OFFLINE} Your addendum is still in the box.`);
        } finally {
          setPending(false);
        }
      }}
    >
      <Field label="Add an addendum" id={`addendum-${noteId}`} error={error ?? undefined}>
        <Textarea rows={3} value={body} onChange={(e) => setBody(e.target.value)} />
      </Field>
      <Button type="submit" size="sm" variant="secondary" disabled={pending}>
        Add addendum
      </Button>
    </form>
  );
}
