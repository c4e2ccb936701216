"use server";

import { fieldsToText } from "@/lib/domain/notes/note-templates";
import { resetNoteTemplate, updateNoteTemplate } from "@/lib/server/notes/note-templates";
import { addNoteAddendum, saveNoteDraft, signNote } from "@/lib/server/notes/note-writing";
import { getNoteForEditing, openNote } from "@/lib/server/notes/session-notes";
import { noteTemplateIdInputSchema, updateNoteTemplateSchema } from "@/lib/validation/note-templates";
import {
  noteAddendumSchema,
  noteIdInputSchema,
  openNoteSchema,
  saveNoteSchema,
  signNoteSchema,
} from "@/lib/validation/notes";
import { action } from "./define";

export const openNoteAction = action(openNoteSchema, (actor, input) => openNote(actor, input));

export const saveNoteDraftAction = action(saveNoteSchema, (actor, input) => saveNoteDraft(actor, input));

export const getNoteForEditingAction = action(noteIdInputSchema, (actor, { noteId }) =>
  getNoteForEditing(actor, noteId),
);

export const signNoteAction = action(signNoteSchema, (actor, input) => signNote(actor, input));

export const addNoteAddendumAction = action(noteAddendumSchema, (actor, input) =>
  addNoteAddendum(actor, input),
);

const NOTE_TEMPLATES = "/admin/note-templates";

export const updateNoteTemplateAction = action(
  updateNoteTemplateSchema,
  async (actor, input) => {
    const t = await updateNoteTemplate(actor, input);
    return { id: t.id, updatedAt: t.updatedAt.toISOString() };
  },
  { revalidate: NOTE_TEMPLATES },
);

export const resetNoteTemplateAction = action(
  noteTemplateIdInputSchema,
  async (actor, { templateId }) => {
    const t = await resetNoteTemplate(actor, templateId);
    return {
      id: t.id,
      name: t.name,
      fieldsText: fieldsToText(t.fields),
      updatedAt: t.updatedAt.toISOString(),
    };
  },
  { revalidate: NOTE_TEMPLATES },
);
