import { z } from "zod";
import { idSchema, storableString, versionSchema } from "@/lib/domain/core/fields";

/** A note's answers by template field key. Drafts keep whatever was typed. */
export const noteBodySchema = z.record(
  z.string().regex(/^[a-z0-9-]{1,40}$/, "Unknown field."),
  storableString().max(20_000, "Keep each section under 20,000 characters."),
);

export const noteIdSchema = idSchema;
export const noteIdInputSchema = z.object({ noteId: noteIdSchema });

export const openNoteSchema = z.object({ sessionId: idSchema, clientId: idSchema.optional() });
export type OpenNoteInput = z.input<typeof openNoteSchema>;

export const saveNoteSchema = z.object({
  noteId: idSchema,
  version: versionSchema,
  body: noteBodySchema,
});
export type SaveNoteInput = z.input<typeof saveNoteSchema>;

export const signNoteSchema = z.object({ noteId: idSchema, version: versionSchema });
export type SignNoteInput = z.input<typeof signNoteSchema>;

export const noteAddendumSchema = z.object({
  noteId: idSchema,
  body: storableString().trim().min(5, "Write the addendum.").max(8000),
});
export type NoteAddendumInput = z.input<typeof noteAddendumSchema>;
