import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { isStaff } from "@/lib/auth/permissions";
import { serverEnv } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { audit, auditMany } from "@/lib/server/core/audit";
import { deniedAsNotFound } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";
import { OUTBOX_LINK_PLACEHOLDER, unsealOutboxLink } from "./send-mail";

export const devOutboxEnabled = () => serverEnv().MAIL_TRANSPORT === "outbox";

/** A message as the outbox page shows it. */
export type OutboxView = { id: string; to: string; subject: string; text: string; createdAt: Date };

/** The sealed link, or a note when it cannot be read (sealed under another NEXTAUTH_SECRET). */
function readLink(sealed: string) {
  try {
    return unsealOutboxLink(sealed);
  } catch {
    return "[the link cannot be read here: resend the invitation]";
  }
}

/**
 * What a staff member may read in the outbox: admins, the practice's mail; others, the
 * practice's mail that is neither admin-only (staff invitations) nor sent by someone
 * else for one reader (a client's invitation shows to the staff member who sent it).
 */
function outboxScope(actor: Actor): Prisma.OutboxMessageWhereInput {
  if (actor.role === "ADMIN") return { practiceId: actor.practiceId };
  return {
    practiceId: actor.practiceId,
    adminOnly: false,
    OR: [{ senderId: null }, { senderId: actor.userId }],
  };
}

/**
 * The newest messages in the development outbox, for signed-in staff of the
 * practice the mail was sent for (see `outboxScope`). An invitation link is shown
 * once: the first reader to open the page claims it (a conditional update that
 * also clears the sealed link, so no row keeps a usable token), and from then on
 * the message says when and to whom it was shown. Each link shown is audited.
 * Null when the outbox is off (404).
 */
export async function listDevOutbox(actor: Actor, limit = 50): Promise<OutboxView[] | null> {
  if (!devOutboxEnabled()) return null;
  if (!isStaff(actor.role)) return deniedAsNotFound(actor, { action: "outbox.read" });
  const messages = await db().outboxMessage.findMany({
    where: outboxScope(actor),
    orderBy: { createdAt: "desc" },
    take: limit,
  });
  const sealed = messages.filter((m) => m.sealedLink !== null && m.linkShownAt === null);
  const shownAt = new Date();
  const claimed =
    sealed.length === 0
      ? []
      : await db().outboxMessage.updateManyAndReturn({
          where: { id: { in: sealed.map((m) => m.id) }, linkShownAt: null, sealedLink: { not: null } },
          data: { linkShownAt: shownAt, linkShownToId: actor.userId, sealedLink: null },
          select: { id: true },
        });
  const mine = new Set(claimed.map((c) => c.id));
  // Messages whose link someone else claimed meanwhile: read when and to whom it went.
  const raced = sealed.filter((m) => !mine.has(m.id)).map((m) => m.id);
  const later =
    raced.length === 0
      ? []
      : await db().outboxMessage.findMany({
          where: { id: { in: raced } },
          select: { id: true, linkShownAt: true, linkShownToId: true },
        });
  const shown = new Map(
    messages
      .filter((m) => m.linkShownAt !== null)
      .map((m) => [m.id, { at: m.linkShownAt, to: m.linkShownToId }] as const)
      .concat(later.map((m) => [m.id, { at: m.linkShownAt, to: m.linkShownToId }] as const)),
  );
  const readerIds = [...new Set([...shown.values()].map((s) => s.to).filter((id): id is string => !!id))];
  const readers =
    readerIds.length === 0
      ? new Map<string, string>()
      : new Map(
          (
            await db().user.findMany({ where: { id: { in: readerIds } }, select: { id: true, name: true } })
          ).map((u) => [u.id, u.name]),
        );
  const view = messages.map((m): OutboxView => {
    let link: string | null = null;
    if (mine.has(m.id) && m.sealedLink) link = readLink(m.sealedLink);
    else {
      const s = shown.get(m.id);
      if (s)
        link = `[link shown once on ${s.at?.toISOString()} to ${(s.to && readers.get(s.to)) || "someone no longer on file"}]`;
    }
    return {
      id: m.id,
      to: m.to,
      subject: m.subject,
      createdAt: m.createdAt,
      text: link ? m.text.replaceAll(OUTBOX_LINK_PLACEHOLDER, link) : m.text,
    };
  });
  await audit(actor, { action: "outbox.read", detail: { count: messages.length } });
  await auditMany(
    actor,
    [...mine].map((id) => ({ action: "outbox.link_shown", recordType: "OutboxMessage", recordId: id })),
  );
  return view;
}
