"use client";

import { FormNotice } from "@/components/forms/form-notice";
import { useAction } from "@/components/forms/use-action";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { addNoteAddendumAction, openNoteAction } from "@/lib/actions/notes";

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
  const start = useAction();
  return (
    <div className="space-y-2">
      <FormNotice of={start} />
      <Button
        variant="secondary"
        disabled={start.pending}
        onClick={() => void start.run(() => openNoteAction({ sessionId, clientId }))}
      >
        {label}
      </Button>
    </div>
  );
}

/** An addendum to a signed note: its own author and time, the note itself unchanged. */
export function NoteAddendumForm({ noteId }: { noteId: string }) {
  const f = useActionForm(addNoteAddendumAction, {
    // The notes page ships no zod: the check is fetched when the box is first focused.
    schema: () => import("@/lib/validation/notes").then((m) => m.noteAddendumSchema),
    defaultValues: { body: "" },
    toInput: (v: { body: string }) => ({ ...v, noteId }),
    reset: () => ({ body: "" }),
    refresh: true,
  });
  return (
    <form {...f.formProps} className="space-y-2">
      <FormNotice of={f} />
      <Field label="Add an addendum" id={`addendum-${noteId}`} error={f.error("body")}>
        <Textarea rows={3} {...f.register("body")} />
      </Field>
      <Button type="submit" size="sm" variant="secondary" disabled={!f.ready || f.pending}>
        Add addendum
      </Button>
    </form>
  );
}
