import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { seriesScope } from "@/lib/auth/relations";
import { AppError } from "@/lib/errors";
import { auditMany } from "@/lib/server/core/audit";
import { authorize, deniedAsNotFound } from "@/lib/server/core/authorize";
import type { Tx } from "@/lib/server/core/db";
import { parseOrThrow } from "@/lib/server/core/parse";
import { transaction } from "@/lib/server/core/transaction";
import {
  type NoteAddendumInput,
  noteAddendumSchema,
  type SaveNoteInput,
  type SignNoteInput,
  saveNoteSchema,
  signNoteSchema,
} from "@/lib/validation/notes";

/** A note the actor may write, with the clients it concerns (for the audit rows). */
export async function writableNote(tx: Tx, actor: Actor, noteId: string, action: string) {
  const note = await tx.note.findFirst({
    where: { id: noteId, deletedAt: null, session: { deletedAt: null, series: seriesScope(actor) } },
    select: {
      id: true,
      isPrivate: true,
      clientId: true,
      status: true,
      version: true,
      body: true,
      session: { select: { series: { select: { participants: { select: { clientId: true } } } } } },
    },
  });
  if (!note) return deniedAsNotFound(actor, { action, recordType: "Note", recordId: noteId });
  if (note.isPrivate)
    await authorize(actor, "write", "privateNote", { recordType: "Note", recordId: noteId });
  return {
    ...note,
    clients: note.clientId ? [note.clientId] : note.session.series.participants.map((p) => p.clientId),
  };
}

/**
 * Saves a draft. A stale version (another tab or device saved since) gets 409
 * and changes nothing; the editor then shows both versions to choose from.
 */
export async function saveNoteDraft(actor: Actor, input: SaveNoteInput) {
  const data = parseOrThrow(saveNoteSchema, input);
  await authorize(actor, "write", "note", { recordType: "Note", recordId: data.noteId });
  return transaction(actor, async (tx) => {
    const note = await writableNote(tx, actor, data.noteId, "note.update");
    if (note.status === "SIGNED")
      throw new AppError("CONFLICT", "This note is signed; add an addendum instead.");
    const savedAt = new Date();
    const { count } = await tx.note.updateMany({
      where: { id: note.id, version: data.version, status: "DRAFT" },
      data: { body: data.body, version: { increment: 1 }, updatedAt: savedAt },
    });
    if (count !== 1)
      throw new AppError("CONFLICT", "This note was changed in another window or by someone else.");
    await auditMany(
      actor,
      note.clients.map((clientId) => ({
        action: "note.update",
        recordType: "Note",
        recordId: note.id,
        clientId,
      })),
      tx,
    );
    return { version: data.version + 1, savedAt };
  });
}

/** Signs a note: from then on it is fixed (a database trigger too); corrections are addenda. */
export async function signNote(actor: Actor, input: SignNoteInput) {
  const data = parseOrThrow(signNoteSchema, input);
  await authorize(actor, "sign", "note", { recordType: "Note", recordId: data.noteId });
  return transaction(actor, async (tx) => {
    const note = await writableNote(tx, actor, data.noteId, "note.sign");
    const body = (note.body ?? {}) as Record<string, string>;
    if (!Object.values(body).some((v) => v.trim().length > 0))
      throw new AppError("VALIDATION", "Write the note before signing it.");
    const { count } = await tx.note.updateMany({
      where: { id: note.id, version: data.version, status: "DRAFT" },
      data: { status: "SIGNED", signedAt: new Date(), signedById: actor.userId, version: { increment: 1 } },
    });
    if (count !== 1)
      throw new AppError(
        "CONFLICT",
        "The note changed since you opened it (or is signed). Reload to see it.",
      );
    await auditMany(
      actor,
      note.clients.map((clientId) => ({
        action: "note.sign",
        recordType: "Note",
        recordId: note.id,
        clientId,
      })),
      tx,
    );
  });
}

/** A correction or late addition to a signed note, with its own author and time. */
export async function addNoteAddendum(actor: Actor, input: NoteAddendumInput) {
  const data = parseOrThrow(noteAddendumSchema, input);
  await authorize(actor, "write", "note", { recordType: "Note", recordId: data.noteId });
  return transaction(actor, async (tx) => {
    const note = await writableNote(tx, actor, data.noteId, "note.addendum");
    if (note.status !== "SIGNED")
      throw new AppError("CONFLICT", "Addenda are for signed notes; edit the draft instead.");
    const addendum = await tx.addendum.create({
      data: { noteId: note.id, authorId: actor.userId, body: data.body },
      select: { id: true },
    });
    await auditMany(
      actor,
      note.clients.map((clientId) => ({
        action: "note.addendum",
        recordType: "Addendum",
        recordId: addendum.id,
        clientId,
      })),
      tx,
    );
  });
}
