import { z } from "zod";
import { idSchema, requiredText, storableString } from "@/lib/domain/core/fields";
import { fieldsToText, type NoteField, textToFields } from "@/lib/domain/notes/note-templates";

/**
 * A note template as the admin edits it: a name and its fields written in the text format of
 * lib/domain/notes/note-templates.ts (`Label: guiding question`, one a line, `[couples]` to mark a
 * couples-only field). Every problem of the text is an issue on `fieldsText` naming its line.
 */

export const FIELDS_TEXT_MAX_LENGTH = 10_000;

const fieldsTextSchema = storableString({ error: "Write the fields, one a line." })
  .max(FIELDS_TEXT_MAX_LENGTH, `Keep the fields under ${FIELDS_TEXT_MAX_LENGTH} characters.`)
  .superRefine((text, ctx) => {
    if (text.length > FIELDS_TEXT_MAX_LENGTH) return;
    const parsed = textToFields(text);
    if (!parsed.ok) for (const e of parsed.errors) ctx.addIssue({ code: "custom", message: e.message });
  });

const templateFields = {
  name: requiredText("a name", 100),
  fieldsText: fieldsTextSchema,
};

/** What the edit form holds. */
export const noteTemplateFormSchema = z.strictObject(templateFields);
export type NoteTemplateFormInput = z.input<typeof noteTemplateFormSchema>;

/** What the server receives: the form, the template's id and the version the form was opened with. */
export const updateNoteTemplateSchema = z.strictObject({
  ...templateFields,
  id: idSchema,
  /** The `updatedAt` the form was opened with: a stale one is refused with 409. */
  updatedAt: z.iso.datetime({ error: "Reload the page and try again." }),
});
export type UpdateNoteTemplateInput = z.input<typeof updateNoteTemplateSchema>;

export const noteTemplateIdSchema = idSchema;
export const noteTemplateIdInputSchema = z.object({ templateId: noteTemplateIdSchema });

/** The form's starting values for a template. */
export function noteTemplateFormValues(name: string, fields: readonly NoteField[]): NoteTemplateFormInput {
  return { name, fieldsText: fieldsToText(fields) };
}
