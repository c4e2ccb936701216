import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";

/** Head counts for the admin's landing page (no clinical data). */
export async function getAdminOverview(actor: Actor) {
  await authorize(actor, "list", "user");
  const now = new Date();
  const [byRole, pendingInvitations, practice] = await Promise.all([
    db().user.groupBy({
      by: ["role"],
      where: { practiceId: actor.practiceId, disabledAt: null },
      _count: { _all: true },
    }),
    db().invitation.count({
      where: { practiceId: actor.practiceId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    }),
    db().practice.findUniqueOrThrow({
      where: { id: actor.practiceId },
      select: { name: true, timeZone: true },
    }),
  ]);
  const counts = Object.fromEntries(byRole.map((r) => [r.role, r._count._all])) as Record<string, number>;
  return { counts, pendingInvitations, practice };
}
