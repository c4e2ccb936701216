"use server";

import { runAction } from "@/lib/server/action";
import { addNoteAddendum, getNoteForEditing, openNote, saveNoteDraft, signNote } from "@/lib/server/notes";
import type { NoteAddendumInput, OpenNoteInput, SaveNoteInput, SignNoteInput } from "@/lib/validation/notes";

export async function openNoteAction(input: OpenNoteInput) {
  return runAction((actor) => openNote(actor, input));
}
export async function saveNoteDraftAction(input: SaveNoteInput) {
  return runAction((actor) => saveNoteDraft(actor, input));
}
export async function getNoteForEditingAction(noteId: string) {
  return runAction((actor) => getNoteForEditing(actor, noteId));
}
export async function signNoteAction(input: SignNoteInput) {
  return runAction((actor) => signNote(actor, input));
}
export async function addNoteAddendumAction(input: NoteAddendumInput) {
  return runAction((actor) => addNoteAddendum(actor, input));
}
