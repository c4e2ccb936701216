import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { seriesScope } from "@/lib/auth/relations";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  type NoteAddendumInput,
  noteAddendumSchema,
  noteIdSchema,
  type OpenNoteInput,
  openNoteSchema,
  type SaveNoteInput,
  type SignNoteInput,
  saveNoteSchema,
  signNoteSchema,
} from "@/lib/validation/notes";
import { auditMany } from "./audit";
import { authorize, deniedAsNotFound } from "./authorize";
import { db, type Tx } from "./db";
import { getNoteTemplateFor } from "./note-templates";
import { partyClientLabel } from "./scheduling";
import { parseOrThrow } from "./validate";

const noteSelect = {
  id: true,
  kind: true,
  clientId: true,
  isPrivate: true,
  body: true,
  status: true,
  version: true,
  signedAt: true,
  updatedAt: true,
  author: { select: { name: true } },
  addenda: {
    orderBy: { createdAt: "asc" },
    select: { id: true, body: true, createdAt: true, author: { select: { name: true } } },
  },
} satisfies Prisma.NoteSelect;

/**
 * A session's notes as the actor may read them: the joint note, and for
 * therapists each partner's private note. Clients never read notes.
 */
export async function getSessionNotes(actor: Actor, sessionId: string) {
  await authorize(actor, "read", "note", { recordType: "Session", recordId: sessionId });
  const privateToo = can(actor.role, "read", "privateNote");
  const session = await db().session.findFirst({
    where: { id: sessionId, deletedAt: null, series: seriesScope(actor) },
    select: {
      id: true,
      kind: true,
      sequence: true,
      status: true,
      startsAt: true,
      series: {
        select: {
          id: true,
          kind: true,
          practiceId: true,
          participants: {
            select: {
              client: {
                select: { id: true, preferredName: true, legalFirstName: true, legalLastName: true },
              },
            },
          },
        },
      },
      dosingRecords: { select: { id: true, clientId: true, status: true } },
      notes: {
        where: { deletedAt: null, ...(privateToo ? {} : { isPrivate: false }) },
        orderBy: { createdAt: "asc" },
        select: noteSelect,
      },
    },
  });
  if (!session)
    return deniedAsNotFound(actor, { action: "note.read", recordType: "Session", recordId: sessionId });
  await auditMany(
    actor,
    session.series.participants.map(({ client }) => ({
      action: "note.read",
      recordType: "Session",
      recordId: session.id,
      clientId: client.id,
    })),
  );
  const template = await getNoteTemplateFor(db(), session.series.practiceId, session.kind);
  const participants = session.series.participants.map(({ client }) => ({
    id: client.id,
    name: partyClientLabel(client),
  }));
  return {
    session,
    participants,
    template,
    joint: session.notes.find((n) => !n.isPrivate) ?? null,
    privateNotes: privateToo
      ? participants.map((p) => ({
          client: p,
          note: session.notes.find((n) => n.isPrivate && n.clientId === p.id) ?? null,
        }))
      : [],
  };
}

/** Starts the joint note (or, with clientId, a partner's private note) as a draft; returns the existing one if any. */
export async function openNote(actor: Actor, input: OpenNoteInput) {
  const data = parseOrThrow(openNoteSchema, input);
  await authorize(actor, "write", data.clientId ? "privateNote" : "note", {
    recordType: "Session",
    recordId: data.sessionId,
  });
  return db().$transaction(async (tx) => {
    const session = await tx.session.findFirst({
      where: { id: data.sessionId, deletedAt: null, series: seriesScope(actor) },
      select: {
        id: true,
        kind: true,
        series: { select: { practiceId: true, participants: { select: { clientId: true } } } },
      },
    });
    if (!session)
      return deniedAsNotFound(actor, {
        action: "note.open",
        recordType: "Session",
        recordId: data.sessionId,
      });
    if (data.clientId && !session.series.participants.some((p) => p.clientId === data.clientId)) {
      return deniedAsNotFound(actor, {
        action: "note.open",
        recordType: "Session",
        recordId: data.sessionId,
        clientId: data.clientId,
      });
    }
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`note:${session.id}:${data.clientId ?? "joint"}`}))`;
    const existing = await tx.note.findFirst({
      where: {
        sessionId: session.id,
        deletedAt: null,
        isPrivate: Boolean(data.clientId),
        clientId: data.clientId ?? null,
      },
      select: { id: true },
    });
    if (existing) return { noteId: existing.id };
    const template = await tx.noteTemplate.findFirst({
      where: { practiceId: session.series.practiceId, kind: session.kind, archivedAt: null },
      select: { id: true },
    });
    const note = await tx.note.create({
      data: {
        sessionId: session.id,
        kind: session.kind,
        templateId: template?.id,
        authorId: actor.userId,
        clientId: data.clientId ?? null,
        isPrivate: Boolean(data.clientId),
      },
      select: { id: true },
    });
    const clients = data.clientId ? [data.clientId] : session.series.participants.map((p) => p.clientId);
    await auditMany(
      actor,
      clients.map((clientId) => ({ action: "note.create", recordType: "Note", recordId: note.id, clientId })),
      tx,
    );
    return { noteId: note.id };
  });
}

/** A note the actor may write, with the clients it concerns (for the audit rows). */
async function writableNote(tx: Tx, actor: Actor, noteId: string, action: string) {
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
  return db().$transaction(async (tx) => {
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

/** The current text and version of a note, for resolving a conflict. */
export async function getNoteForEditing(actor: Actor, noteIdInput: string) {
  const noteId = parseOrThrow(noteIdSchema, noteIdInput);
  await authorize(actor, "read", "note", { recordType: "Note", recordId: noteId });
  const note = await writableNote(db(), actor, noteId, "note.read");
  await auditMany(
    actor,
    note.clients.map((clientId) => ({
      action: "note.read",
      recordType: "Note",
      recordId: note.id,
      clientId,
    })),
  );
  return { version: note.version, status: note.status, body: (note.body ?? {}) as Record<string, string> };
}

/** Signs a note: from then on it is fixed (a database trigger too); corrections are addenda. */
export async function signNote(actor: Actor, input: SignNoteInput) {
  const data = parseOrThrow(signNoteSchema, input);
  await authorize(actor, "sign", "note", { recordType: "Note", recordId: data.noteId });
  return db().$transaction(async (tx) => {
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
  return db().$transaction(async (tx) => {
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
