import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { seriesScope } from "@/lib/auth/relations";
import { displayName } from "@/lib/domain/clients/display-name";
import type { Prisma } from "@/lib/generated/prisma/client";
import { clientNameSelect } from "@/lib/server/clients/client-selects";
import { auditMany } from "@/lib/server/core/audit";
import { authorize, deniedAsNotFound } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";
import { parseOrThrow } from "@/lib/server/core/parse";
import { transaction } from "@/lib/server/core/transaction";
import { noteIdSchema, type OpenNoteInput, openNoteSchema } from "@/lib/validation/notes";
import { getNoteTemplateFor } from "./note-templates";
import { writableNote } from "./note-writing";

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
                select: clientNameSelect,
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
    name: displayName(client),
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
  return transaction(actor, async (tx) => {
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
