"use client";

import { useMemo, useState } from "react";
import { useWatch } from "react-hook-form";
import { FormNotice } from "@/components/forms/form-notice";
import { useAction } from "@/components/forms/use-action";
import { useActionForm } from "@/components/forms/use-action-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { resetNoteTemplateAction, updateNoteTemplateAction } from "@/lib/actions/notes";
import {
  COUPLES_MARKER,
  NOTE_FIELD_LIMITS,
  NOTE_KIND_LABEL,
  type NoteField,
  type NoteKind,
  textToFields,
} from "@/lib/domain/notes/note-templates";
import { type NoteTemplateFormInput, updateNoteTemplateSchema } from "@/lib/validation/note-templates";

/** A template's fields in order: label, a "couples only" badge, and the guiding question. */
export function NoteFieldList({ fields, testId }: { fields: readonly NoteField[]; testId?: string }) {
  return (
    <ol className="space-y-3" data-testid={testId}>
      {fields.map((f) => (
        <li key={f.key} className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium break-words text-slate-900">{f.label}</span>
            {f.couplesOnly ? (
              <Badge tone="info" title="Shown only in a couples series' joint note">
                couples only
              </Badge>
            ) : null}
          </div>
          {f.prompt ? <p className="mt-0.5 text-sm break-words text-slate-600">{f.prompt}</p> : null}
        </li>
      ))}
    </ol>
  );
}

/**
 * Edits one note template: its name, and its fields as text (`Label: guiding question`, one a
 * line, `[couples]` for a couples-only field) with a live preview. A save over someone else's
 * newer change is refused (409) and nothing typed is lost. "Reset to the default" puts the
 * built-in fields back. Either way only notes started from now on change.
 */
export function NoteTemplateForm({
  template,
  idPrefix,
}: {
  template: {
    id: string;
    kind: NoteKind;
    name: string;
    fieldsText: string;
    updatedAt: string;
    isDefault: boolean;
  };
  /** Makes the field ids unique when several forms share the page. */
  idPrefix: string;
}) {
  // The version this form saves over: what the page showed, then what our own last write returned.
  const [seenUpdatedAt, setSeenUpdatedAt] = useState(template.updatedAt);
  const [resetDone, setResetDone] = useState<string | null>(null);
  const reset = useAction();
  const f = useActionForm(updateNoteTemplateAction, {
    schema: updateNoteTemplateSchema,
    defaultValues: { name: template.name, fieldsText: template.fieldsText },
    toInput: (v: NoteTemplateFormInput) => ({ ...v, id: template.id, updatedAt: seenUpdatedAt }),
    invalidMessage: "Please correct the highlighted fields.",
    onSuccess: ({ updatedAt }) => {
      setSeenUpdatedAt(updatedAt);
      setResetDone(null);
    },
    successMessage: () =>
      "Saved. Notes started from now on use these fields; notes already written keep their text.",
    reset: "submitted",
    refresh: true,
  });
  const isDirty = f.form.formState.isDirty;
  const text = useWatch({ control: f.form.control, name: "fieldsText" }) ?? "";
  const preview = useMemo(() => textToFields(text), [text]);
  const id = (name: string) => `${idPrefix}-${name}`;
  const kindLabel = NOTE_KIND_LABEL[template.kind];
  const busy = !f.ready || f.pending || reset.pending;

  const onReset = () => {
    if (
      !window.confirm(
        `Put the built-in fields back in the ${kindLabel.toLowerCase()} note template? The fields written here are replaced; the name stays. Notes already written keep their text.`,
      )
    ) {
      return;
    }
    f.setMessage(null);
    setResetDone(null);
    void reset.run(
      () => resetNoteTemplateAction({ templateId: template.id }),
      (t) => {
        setSeenUpdatedAt(t.updatedAt);
        f.form.reset({ name: t.name, fieldsText: t.fieldsText });
        setResetDone("The built-in fields are back. Notes started from now on use them.");
      },
    );
  };

  return (
    <form
      {...f.formProps}
      className="space-y-5"
      aria-label={`Edit the ${kindLabel.toLowerCase()} note template`}
    >
      <Field label="Name" id={id("name")} error={f.error("name")} required>
        <Input autoComplete="off" {...f.register("name")} />
      </Field>
      <div className="grid gap-x-6 gap-y-5 lg:grid-cols-2">
        <Field
          label="Fields"
          id={id("fieldsText")}
          error={f.error("fieldsText")}
          required
          className="min-w-0"
          hint={
            <>
              One field a line, written{" "}
              <code className="font-mono text-slate-900">Label: guiding question</code>. Start a line with{" "}
              <code className="font-mono text-slate-900">{COUPLES_MARKER}</code> for a field shown only in a
              couples series&apos; joint note. The question is optional; a label (up to{" "}
              {NOTE_FIELD_LIMITS.labelLength} characters) cannot hold a colon; a question is up to{" "}
              {NOTE_FIELD_LIMITS.promptLength} characters; {NOTE_FIELD_LIMITS.minFields} to{" "}
              {NOTE_FIELD_LIMITS.maxFields} fields; blank lines are skipped. Keep a label as it is to keep it
              the same field.
            </>
          }
        >
          <Textarea
            rows={12}
            spellCheck
            autoComplete="off"
            className="min-h-64 font-mono sm:text-sm"
            {...f.register("fieldsText")}
          />
        </Field>
        <section aria-labelledby={id("preview-title")} className="min-w-0">
          <h3 id={id("preview-title")} className="text-sm font-medium text-slate-800">
            Preview
          </h3>
          <p className="text-sm text-slate-600">How a new {kindLabel.toLowerCase()} note will start.</p>
          <div className="mt-2 rounded-md border border-slate-200 bg-slate-50 p-4">
            {preview.ok ? (
              <NoteFieldList fields={preview.fields} testId={id("preview")} />
            ) : (
              <div data-testid={id("preview-errors")}>
                <p className="text-sm font-medium text-red-800">Not saved as is:</p>
                <ul className="mt-1 list-disc space-y-1 pl-5 text-sm text-red-800">
                  {preview.errors.map((e) => (
                    <li key={e.message}>{e.message}</li>
                  ))}
                </ul>
              </div>
            )}
          </div>
        </section>
      </div>
      <FormNotice of={{ message: f.message ?? reset.message, success: resetDone ?? f.success }} />
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" disabled={busy}>
          {f.pending ? "Saving…" : "Save changes"}
        </Button>
        <Button
          type="button"
          variant="secondary"
          disabled={busy || (template.isDefault && !isDirty)}
          onClick={onReset}
        >
          {reset.pending ? "Resetting…" : "Reset to the default"}
          <span className="sr-only">: {kindLabel} note template</span>
        </Button>
        {template.isDefault && !isDirty ? (
          <span className="text-sm text-slate-600">These are the built-in fields.</span>
        ) : null}
      </div>
    </form>
  );
}
