import "server-only";
import type { Actor } from "@/lib/auth/actor";
import {
  DEFAULT_PROTOCOL_PLAN,
  type ProtocolPlan,
  protocolPlanSchema,
  readProtocolPlan,
} from "@/lib/domain/scheduling/protocol";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { audit } from "@/lib/server/core/audit";
import { authorize } from "@/lib/server/core/authorize";
import { db, type Tx } from "@/lib/server/core/db";
import { parseOrThrow } from "@/lib/server/core/parse";
import { transaction } from "@/lib/server/core/transaction";
import {
  type ProtocolTemplateInput,
  protocolTemplateIdSchema,
  protocolTemplateSchema,
  type UpdateProtocolTemplateInput,
  updateProtocolTemplateSchema,
} from "@/lib/validation/protocol-templates";

/**
 * Protocol templates: the practice's KAP series shapes (how many preparation and dosing sessions,
 * when integration and follow-up fall, session lengths). A template only shapes plans made from it
 * in the future: a series copies its sessions out when it is planned, so editing, re-defaulting or
 * archiving a template never moves a session that is already scheduled.
 *
 * Exactly one non-archived template per practice is the default. Writes that touch the default
 * lock the practice row first, so two admins clicking at once cannot leave two defaults (or none).
 */

export const STANDARD_TEMPLATE_NAME = "Standard KAP series";

const templateSelect = {
  id: true,
  name: true,
  isDefault: true,
  plan: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.ProtocolTemplateSelect;
type TemplateRow = Prisma.ProtocolTemplateGetPayload<{ select: typeof templateSelect }>;

export type ProtocolTemplateView = Omit<TemplateRow, "plan"> & { plan: ProtocolPlan };

const toView = (row: TemplateRow): ProtocolTemplateView => ({ ...row, plan: readProtocolPlan(row.plan) });

/** Serializes writes to one practice's templates until the transaction ends. */
async function lockPractice(tx: Pick<Tx, "$queryRaw">, practiceId: string) {
  await tx.$queryRaw`SELECT id FROM "Practice" WHERE id = ${practiceId} FOR UPDATE`;
}

/** The practice's templates in use: the default first, then by name. */
export async function listProtocolTemplates(actor: Actor): Promise<ProtocolTemplateView[]> {
  await authorize(actor, "read", "protocolTemplate");
  const rows = await db().protocolTemplate.findMany({
    where: { practiceId: actor.practiceId, archivedAt: null },
    orderBy: [{ isDefault: "desc" }, { name: "asc" }],
    select: templateSelect,
    take: 200,
  });
  return rows.map(toView);
}

/** The practice's default template, or null when it has none (internal: callers authorize). */
export async function getDefaultProtocolTemplate(
  tx: Pick<Tx, "protocolTemplate">,
  practiceId: string,
): Promise<ProtocolTemplateView | null> {
  const row = await tx.protocolTemplate.findFirst({
    where: { practiceId, isDefault: true, archivedAt: null },
    orderBy: { updatedAt: "desc" },
    select: templateSelect,
  });
  return row ? toView(row) : null;
}

/**
 * The practice's default template, made when missing: a practice with no template gets
 * "Standard KAP series" from DEFAULT_PROTOCOL_PLAN (the docs/clinical-rules.md defaults); one whose templates
 * have no default (older data) has its oldest template made the default. Call it inside a
 * transaction (internal: callers authorize; nothing here is PHI).
 */
export async function ensureDefaultProtocolTemplate(
  tx: Tx,
  practiceId: string,
): Promise<ProtocolTemplateView> {
  const existing = await getDefaultProtocolTemplate(tx, practiceId);
  if (existing) return existing;
  await lockPractice(tx, practiceId);
  const afterLock = await getDefaultProtocolTemplate(tx, practiceId);
  if (afterLock) return afterLock;
  const oldest = await tx.protocolTemplate.findFirst({
    where: { practiceId, archivedAt: null },
    orderBy: { createdAt: "asc" },
    select: { id: true, updatedAt: true },
  });
  const row = oldest
    ? await tx.protocolTemplate.update({
        where: { id: oldest.id },
        data: { isDefault: true, updatedAt: oldest.updatedAt },
        select: templateSelect,
      })
    : await tx.protocolTemplate.create({
        data: { practiceId, name: STANDARD_TEMPLATE_NAME, isDefault: true, plan: DEFAULT_PROTOCOL_PLAN },
        select: templateSelect,
      });
  return toView(row);
}

/** A template of the actor's practice still in use; another practice's is not found. */
async function findOwnTemplate(tx: Pick<Tx, "protocolTemplate">, actor: Actor, id: string) {
  const row = await tx.protocolTemplate.findFirst({
    where: { id, practiceId: actor.practiceId, archivedAt: null },
    select: templateSelect,
  });
  if (!row) throw new AppError("NOT_FOUND", "Not found.");
  return row;
}

async function refuseDuplicateName(
  tx: Pick<Tx, "protocolTemplate">,
  actor: Actor,
  name: string,
  exceptId?: string,
) {
  const same = await tx.protocolTemplate.findFirst({
    where: {
      practiceId: actor.practiceId,
      archivedAt: null,
      name: { equals: name, mode: "insensitive" },
      ...(exceptId ? { id: { not: exceptId } } : {}),
    },
    select: { id: true },
  });
  if (same) {
    throw new AppError("VALIDATION", "Please correct the highlighted field.", {
      fieldErrors: { name: ["Another template already has this name."] },
    });
  }
}

/** The plan part of the form, normalized by the domain schema (the form already checked bounds). */
function planOf(data: ProtocolPlan): ProtocolPlan {
  return protocolPlanSchema.parse({
    preparationSessions: data.preparationSessions,
    dosingSessions: data.dosingSessions,
    integrationDaysAfterDose: data.integrationDaysAfterDose,
    followUpAfterDose: data.followUpAfterDose,
    closingSession: data.closingSession,
    durationsMinutes: data.durationsMinutes,
  });
}

/** A new template; the practice's first one becomes its default. */
export async function createProtocolTemplate(
  actor: Actor,
  input: ProtocolTemplateInput,
): Promise<ProtocolTemplateView> {
  await authorize(actor, "manage", "protocolTemplate");
  const data = parseOrThrow(protocolTemplateSchema, input);
  const plan = planOf(data);
  return transaction(actor, async (tx) => {
    await lockPractice(tx, actor.practiceId);
    await refuseDuplicateName(tx, actor, data.name);
    const hasDefault = (await getDefaultProtocolTemplate(tx, actor.practiceId)) !== null;
    const row = await tx.protocolTemplate.create({
      data: { practiceId: actor.practiceId, name: data.name, isDefault: !hasDefault, plan },
      select: templateSelect,
    });
    await audit(
      actor,
      {
        action: "protocol_template.create",
        recordType: "ProtocolTemplate",
        recordId: row.id,
        detail: { name: row.name, isDefault: row.isDefault, plan },
      },
      tx,
    );
    return toView(row);
  });
}

type TemplateSnapshot = { name: string } & ProtocolPlan;

function changes(before: TemplateSnapshot, after: TemplateSnapshot) {
  const keys = (Object.keys(after) as (keyof TemplateSnapshot)[]).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
  const pick = (s: TemplateSnapshot): Prisma.InputJsonObject =>
    Object.fromEntries(keys.map((key) => [key, s[key]]));
  return { keys, before: pick(before), after: pick(after) };
}

const STALE_MESSAGE =
  "Someone changed this template since you opened it. Reload the page to see their version; what you typed is still here.";

/**
 * Saves a template's name and plan. `updatedAt` is the version the form was opened with: if the
 * template changed since, the save is refused with 409 (CONFLICT), never silently overwritten.
 */
export async function updateProtocolTemplate(
  actor: Actor,
  input: UpdateProtocolTemplateInput,
): Promise<ProtocolTemplateView> {
  await authorize(actor, "manage", "protocolTemplate");
  const data = parseOrThrow(updateProtocolTemplateSchema, input);
  const seen = new Date(data.updatedAt);
  const after: TemplateSnapshot = { name: data.name, ...planOf(data) };
  return transaction(actor, async (tx) => {
    const current = await findOwnTemplate(tx, actor, data.id);
    if (current.updatedAt.getTime() !== seen.getTime()) throw new AppError("CONFLICT", STALE_MESSAGE);
    const diff = changes({ name: current.name, ...readProtocolPlan(current.plan) }, after);
    if (diff.keys.length === 0) return toView(current);
    if (diff.keys.includes("name")) await refuseDuplicateName(tx, actor, data.name, current.id);
    const { name, ...plan } = after;
    // The version check and the write are one statement, so a save racing this one cannot slip in.
    const written = await tx.protocolTemplate.updateMany({
      where: { id: current.id, practiceId: actor.practiceId, updatedAt: seen, archivedAt: null },
      data: { name, plan, updatedAt: new Date(Math.max(Date.now(), seen.getTime() + 1)) },
    });
    if (written.count !== 1) throw new AppError("CONFLICT", STALE_MESSAGE);
    await audit(
      actor,
      {
        action: "protocol_template.update",
        recordType: "ProtocolTemplate",
        recordId: current.id,
        detail: { before: diff.before, after: diff.after },
      },
      tx,
    );
    return toView(
      await tx.protocolTemplate.findUniqueOrThrow({ where: { id: current.id }, select: templateSelect }),
    );
  });
}

/** Makes a template the practice's default; the previous default stops being one, in one transaction. */
export async function setDefaultProtocolTemplate(actor: Actor, id: string): Promise<ProtocolTemplateView> {
  await authorize(actor, "manage", "protocolTemplate");
  const templateId = parseOrThrow(protocolTemplateIdSchema, id);
  return transaction(actor, async (tx) => {
    await lockPractice(tx, actor.practiceId);
    const target = await findOwnTemplate(tx, actor, templateId);
    if (target.isDefault) return toView(target);
    const previous = await tx.protocolTemplate.findMany({
      where: { practiceId: actor.practiceId, isDefault: true, id: { not: target.id } },
      select: { id: true, updatedAt: true },
    });
    // `updatedAt` is the version of the template's content: being (or no longer being) the
    // default is not an edit, so an edit form open on either template can still save.
    for (const p of previous) {
      await tx.protocolTemplate.update({
        where: { id: p.id },
        data: { isDefault: false, updatedAt: p.updatedAt },
      });
    }
    const row = await tx.protocolTemplate.update({
      where: { id: target.id },
      data: { isDefault: true, updatedAt: target.updatedAt },
      select: templateSelect,
    });
    await audit(
      actor,
      {
        action: "protocol_template.set_default",
        recordType: "ProtocolTemplate",
        recordId: target.id,
        detail: { previousDefaultIds: previous.map((p) => p.id) },
      },
      tx,
    );
    return toView(row);
  });
}

/**
 * Takes a template out of use (kept for the series planned from it). The default cannot be
 * archived: make another template the default first.
 */
export async function archiveProtocolTemplate(actor: Actor, id: string): Promise<void> {
  await authorize(actor, "manage", "protocolTemplate");
  const templateId = parseOrThrow(protocolTemplateIdSchema, id);
  await transaction(actor, async (tx) => {
    await lockPractice(tx, actor.practiceId);
    const target = await findOwnTemplate(tx, actor, templateId);
    if (target.isDefault) {
      throw new AppError(
        "CONFLICT",
        "This is the default template. Make another template the default before archiving this one.",
      );
    }
    await tx.protocolTemplate.update({ where: { id: target.id }, data: { archivedAt: new Date() } });
    await audit(
      actor,
      {
        action: "protocol_template.archive",
        recordType: "ProtocolTemplate",
        recordId: target.id,
        detail: { name: target.name },
      },
      tx,
    );
  });
}
