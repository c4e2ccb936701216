import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { isStaff } from "@/lib/auth/permissions";
import { serverEnv } from "@/lib/env";
import { audit } from "@/lib/server/core/audit";
import { deniedAsNotFound } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";

export const devOutboxEnabled = () => serverEnv().MAIL_TRANSPORT === "outbox";

/**
 * The newest messages in the development outbox, for signed-in staff of the
 * practice the mail was sent for: it holds invitation links and client mail.
 * Staff invitations only show to admins. Null when the outbox is off (404).
 */
export async function listDevOutbox(actor: Actor, limit = 50) {
  if (!devOutboxEnabled()) return null;
  if (!isStaff(actor.role)) return deniedAsNotFound(actor, { action: "outbox.read" });
  const messages = await db().outboxMessage.findMany({
    where: { practiceId: actor.practiceId, ...(actor.role === "ADMIN" ? {} : { adminOnly: false }) },
    orderBy: { createdAt: "desc" },
    take: limit,
  });
  await audit(actor, { action: "outbox.read", detail: { count: messages.length } });
  return messages;
}
