import "server-only";
import type { Actor } from "@/lib/auth/actor";
import {
  DEFAULT_NOTE_TEMPLATES,
  defaultNoteFields,
  isDefaultNoteFields,
  readNoteTemplateFields,
} from "@/lib/domain/notes/default-note-templates";
import {
  NOTE_KINDS,
  type NoteField,
  type NoteKind,
  noteTemplateFieldsSchema,
  sameNoteFields,
  textToFields,
} from "@/lib/domain/notes/note-templates";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { audit } from "@/lib/server/core/audit";
import { authorize } from "@/lib/server/core/authorize";
import { db, type Tx } from "@/lib/server/core/db";
import { parseOrThrow } from "@/lib/server/core/parse";
import { transaction } from "@/lib/server/core/transaction";
import {
  noteTemplateIdSchema,
  type UpdateNoteTemplateInput,
  updateNoteTemplateSchema,
} from "@/lib/validation/note-templates";

/**
 * Note templates: per practice, one per kind of session, the fields (headings and guiding
 * questions) a new session note starts with. Templates hold no PHI, so reading them writes no
 * audit rows; changing them does.
 *
 * A template shapes only notes started from now on: a note keeps the text written in it by field
 * key, so editing, resetting or archiving a template never rewrites a note already written (and a
 * signed note is fixed regardless). Keys come from labels, so a field whose label is kept keeps
 * its key; renaming a label starts a new field for new notes.
 */

const templateSelect = {
  id: true,
  kind: true,
  name: true,
  fields: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.NoteTemplateSelect;
type TemplateRow = Prisma.NoteTemplateGetPayload<{ select: typeof templateSelect }>;

export type NoteTemplateView = {
  id: string;
  kind: NoteKind;
  name: string;
  fields: NoteField[];
  createdAt: Date;
  /** The version an edit form saves over. */
  updatedAt: Date;
  /** True when the fields are the built-in ones for the kind. */
  isDefault: boolean;
};

/** The template a new note of a kind starts from: the practice's, or the built-in (id null). */
export type EffectiveNoteTemplate = {
  id: string | null;
  kind: NoteKind;
  name: string;
  fields: NoteField[];
};

function toView(row: TemplateRow): NoteTemplateView {
  const fields = readNoteTemplateFields(row.fields, row.kind);
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    fields,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    isDefault: isDefaultNoteFields(fields, row.kind),
  };
}

/** The oldest row wins should a kind ever have two templates in use, everywhere alike. */
const canonicalOrder: Prisma.NoteTemplateOrderByWithRelationInput[] = [{ createdAt: "asc" }, { id: "asc" }];

/** The practice's templates in use, one per kind, in session order (internal: callers authorize). */
async function templatesOf(tx: Pick<Tx, "noteTemplate">, practiceId: string): Promise<NoteTemplateView[]> {
  const rows = await tx.noteTemplate.findMany({
    where: { practiceId, archivedAt: null },
    orderBy: canonicalOrder,
    select: templateSelect,
    take: 100,
  });
  const byKind = new Map<NoteKind, TemplateRow>();
  for (const row of rows) if (!byKind.has(row.kind)) byKind.set(row.kind, row);
  return NOTE_KINDS.flatMap((kind) => {
    const row = byKind.get(kind);
    return row ? [toView(row)] : [];
  });
}

/** The practice's note templates in use, one per kind that has one, in session order. */
export async function listNoteTemplates(actor: Actor): Promise<NoteTemplateView[]> {
  await authorize(actor, "read", "noteTemplate");
  return templatesOf(db(), actor.practiceId);
}

/**
 * For the admin page: makes the built-in templates that are missing, then lists all five, in one
 * transaction. Audits nothing on success (templates hold no PHI); a refusal is audited.
 */
export async function listNoteTemplatesForAdmin(actor: Actor): Promise<NoteTemplateView[]> {
  await authorize(actor, "manage", "noteTemplate");
  return transaction(actor, async (tx) => {
    await ensureDefaultNoteTemplates(tx, actor.practiceId);
    return templatesOf(tx, actor.practiceId);
  });
}

/**
 * The template a new note of `kind` starts from: the practice's, or the built-in default when it
 * has none stored. Writes nothing (internal: callers authorize; nothing here is PHI).
 */
export async function getNoteTemplateFor(
  tx: Pick<Tx, "noteTemplate">,
  practiceId: string,
  kind: NoteKind,
): Promise<EffectiveNoteTemplate> {
  const row = await tx.noteTemplate.findFirst({
    where: { practiceId, kind, archivedAt: null },
    orderBy: canonicalOrder,
    select: templateSelect,
  });
  if (row) {
    const { id, name, fields } = toView(row);
    return { id, kind, name, fields };
  }
  return { id: null, kind, name: DEFAULT_NOTE_TEMPLATES[kind].name, fields: defaultNoteFields(kind) };
}

async function missingKinds(tx: Pick<Tx, "noteTemplate">, practiceId: string): Promise<NoteKind[]> {
  const present = await tx.noteTemplate.findMany({
    where: { practiceId, archivedAt: null },
    distinct: ["kind"],
    select: { kind: true },
  });
  const have = new Set<NoteKind>(present.map((p) => p.kind));
  return NOTE_KINDS.filter((kind) => !have.has(kind));
}

/**
 * Creates the built-in template of every kind the practice has none of, and returns the kinds it
 * created (none the second time). Call it inside a transaction: a lock on the practice's templates
 * keeps two callers at once from creating the same kind twice (internal: callers authorize).
 */
export async function ensureDefaultNoteTemplates(tx: Tx, practiceId: string): Promise<NoteKind[]> {
  if ((await missingKinds(tx, practiceId)).length === 0) return [];
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`note-templates:${practiceId}`}))`;
  const missing = await missingKinds(tx, practiceId);
  if (missing.length === 0) return [];
  await tx.noteTemplate.createMany({
    data: missing.map((kind) => ({
      practiceId,
      kind,
      name: DEFAULT_NOTE_TEMPLATES[kind].name,
      fields: defaultNoteFields(kind),
    })),
  });
  return missing;
}

/** A template of the actor's practice still in use; another practice's is not found. */
async function findOwnTemplate(tx: Pick<Tx, "noteTemplate">, actor: Actor, id: string): Promise<TemplateRow> {
  const row = await tx.noteTemplate.findFirst({
    where: { id, practiceId: actor.practiceId, archivedAt: null },
    select: templateSelect,
  });
  if (!row) throw new AppError("NOT_FOUND", "Not found.");
  return row;
}

const STALE_MESSAGE =
  "Someone changed this template since you opened it. Reload the page to see their version; what you typed is still here.";

/** A version strictly after the one seen, so an edit form opened before this write goes stale. */
const nextVersion = (seen: Date) => new Date(Math.max(Date.now(), seen.getTime() + 1));

/**
 * Saves a template's name and fields (the editor's text). `updatedAt` is the version the form was
 * opened with: if the template changed since, the save is refused with 409 (CONFLICT), never
 * silently overwritten. A text that does not parse is refused with field errors on `fieldsText`,
 * each naming its line. Changes shape only notes started from now on.
 */
export async function updateNoteTemplate(
  actor: Actor,
  input: UpdateNoteTemplateInput,
): Promise<NoteTemplateView> {
  await authorize(actor, "manage", "noteTemplate");
  const data = parseOrThrow(updateNoteTemplateSchema, input);
  const parsed = textToFields(data.fieldsText);
  if (!parsed.ok) {
    // The schema has already checked the text; this only narrows the type.
    throw new AppError("VALIDATION", "Please correct the highlighted fields.", {
      fieldErrors: { fieldsText: parsed.errors.map((e) => e.message) },
    });
  }
  const seen = new Date(data.updatedAt);
  return transaction(actor, async (tx) => {
    const current = await findOwnTemplate(tx, actor, data.id);
    if (current.updatedAt.getTime() !== seen.getTime()) throw new AppError("CONFLICT", STALE_MESSAGE);
    const before = { name: current.name, fields: readNoteTemplateFields(current.fields, current.kind) };
    const after = { name: data.name, fields: parsed.fields };
    const nameChanged = before.name !== after.name;
    const fieldsChanged = !sameNoteFields(before.fields, after.fields);
    if (!nameChanged && !fieldsChanged) return toView(current);
    // The version check and the write are one statement, so a save racing this one cannot slip in.
    const written = await tx.noteTemplate.updateMany({
      where: { id: current.id, practiceId: actor.practiceId, updatedAt: seen, archivedAt: null },
      data: { name: after.name, fields: after.fields, updatedAt: nextVersion(seen) },
    });
    if (written.count !== 1) throw new AppError("CONFLICT", STALE_MESSAGE);
    await audit(
      actor,
      {
        action: "note_template.update",
        recordType: "NoteTemplate",
        recordId: current.id,
        detail: {
          kind: current.kind,
          before: {
            ...(nameChanged ? { name: before.name } : {}),
            ...(fieldsChanged ? { fields: before.fields } : {}),
          },
          after: {
            ...(nameChanged ? { name: after.name } : {}),
            ...(fieldsChanged ? { fields: after.fields } : {}),
          },
        },
      },
      tx,
    );
    return toView(
      await tx.noteTemplate.findUniqueOrThrow({ where: { id: current.id }, select: templateSelect }),
    );
  });
}

/**
 * Puts the built-in fields for the template's kind back (its name stays). Audited; like any edit it
 * shapes only notes started from now on, and makes edit forms opened before it stale.
 */
export async function resetNoteTemplate(actor: Actor, id: string): Promise<NoteTemplateView> {
  await authorize(actor, "manage", "noteTemplate");
  const templateId = parseOrThrow(noteTemplateIdSchema, id);
  return transaction(actor, async (tx) => {
    const current = await findOwnTemplate(tx, actor, templateId);
    const stored = noteTemplateFieldsSchema.safeParse(current.fields);
    // Stored fields that do not parse read as the default, yet are not it: those are written too.
    if (stored.success && isDefaultNoteFields(stored.data, current.kind)) return toView(current);
    const before = readNoteTemplateFields(current.fields, current.kind);
    await tx.noteTemplate.update({
      where: { id: current.id },
      data: { fields: defaultNoteFields(current.kind), updatedAt: nextVersion(current.updatedAt) },
    });
    await audit(
      actor,
      {
        action: "note_template.reset",
        recordType: "NoteTemplate",
        recordId: current.id,
        detail: { kind: current.kind, before: { fields: before } },
      },
      tx,
    );
    return toView(
      await tx.noteTemplate.findUniqueOrThrow({ where: { id: current.id }, select: templateSelect }),
    );
  });
}
