import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { careTeamRolesFor } from "@/lib/auth/relations";
import { type Paged, pageWindow, toPage } from "@/lib/domain/core/pagination";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { audit, auditMany } from "@/lib/server/core/audit";
import { authorize, deniedAsNotFound } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";
import { parseOrThrow } from "@/lib/server/core/parse";
import { transaction } from "@/lib/server/core/transaction";
import { changeRoleSchema, setUserDisabledSchema } from "@/lib/validation/users";

const userRowSelect = {
  id: true,
  name: true,
  email: true,
  role: true,
  disabledAt: true,
  mfaEnabledAt: true,
  lastSignInAt: true,
  createdAt: true,
  staffProfile: {
    select: {
      credentials: true,
      npi: true,
      licences: { orderBy: { state: "asc" }, select: { state: true, expiresAt: true } },
    },
  },
} satisfies Prisma.UserSelect;
export type UserRow = Prisma.UserGetPayload<{ select: typeof userRowSelect }>;

export type UserFilter = { page: number; role?: "ADMIN" | "THERAPIST" | "PRESCRIBER" | "CLIENT"; q?: string };

export async function listUsers(actor: Actor, filter: UserFilter): Promise<Paged<UserRow>> {
  await authorize(actor, "list", "user");
  const q = filter.q?.trim();
  const rows = await db().user.findMany({
    where: {
      practiceId: actor.practiceId,
      ...(filter.role ? { role: filter.role } : {}),
      ...(q
        ? {
            OR: [
              { name: { contains: q, mode: "insensitive" } },
              { email: { contains: q, mode: "insensitive" } },
            ],
          }
        : {}),
    },
    orderBy: [{ role: "asc" }, { name: "asc" }],
    ...pageWindow(filter.page),
    select: userRowSelect,
  });
  await audit(actor, { action: "user.list", detail: { page: filter.page, count: rows.length } });
  return toPage(rows, filter.page);
}

/** Staff of the practice by role, for pickers (e.g. the therapist of a new client). */
export async function listActiveStaff(actor: Actor, role: "THERAPIST" | "PRESCRIBER") {
  await authorize(actor, "create", "invitation");
  return db().user.findMany({
    where: { practiceId: actor.practiceId, role, disabledAt: null },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
    take: 500,
  });
}

async function findPracticeUser(actor: Actor, userId: string, action: string) {
  const user = await db().user.findFirst({
    where: { id: userId, practiceId: actor.practiceId },
    select: { id: true, role: true, disabledAt: true },
  });
  if (!user) return deniedAsNotFound(actor, { action, recordType: "User", recordId: userId });
  return user;
}

/** Disabling ends the user's sessions at once (their session version moves on). */
export async function setUserDisabled(actor: Actor, input: { userId: string; disabled: boolean }) {
  await authorize(actor, "manage", "user");
  const data = parseOrThrow(setUserDisabledSchema, input);
  if (data.userId === actor.userId) throw new AppError("VALIDATION", "You cannot disable your own account.");
  const user = await findPracticeUser(actor, data.userId, data.disabled ? "user.disable" : "user.enable");
  await transaction(actor, async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: data.disabled
        ? { disabledAt: new Date(), sessionVersion: { increment: 1 } }
        : { disabledAt: null },
    });
    await audit(
      actor,
      { action: data.disabled ? "user.disable" : "user.enable", recordType: "User", recordId: user.id },
      tx,
    );
  });
}

/** Why the orders of someone whose role changed are revoked (docs/clinical-rules.md §3 "Dosing orders"). */
export const ROLE_CHANGE_REVOKE_REASON = "Prescriber's role changed";

/** Why care-team memberships end when the member's role changes. */
export const ROLE_CHANGE_LEAVE_REASON = "Member's role changed";

/**
 * Moves a staff member to another staff role; their open sessions end at once. Every order
 * they wrote that is not revoked yet is revoked in the same transaction, with an audit row per
 * order: an order is written in a role, and does not outlive it. Likewise every care-team
 * membership held in a role that does not fit the new one ends (a prescriber who becomes a
 * therapist is no longer on any care team as prescriber, and does not become its therapist),
 * with an audit row per membership; `careTeamRolesFor` in lib/auth/relations.ts says what fits.
 */
export async function changeUserRole(actor: Actor, input: { userId: string; role: string }) {
  await authorize(actor, "manage", "user");
  const data = parseOrThrow(changeRoleSchema, input);
  if (data.userId === actor.userId) throw new AppError("VALIDATION", "You cannot change your own role.");
  const user = await findPracticeUser(actor, data.userId, "user.change_role");
  if (user.role === "CLIENT")
    throw new AppError("VALIDATION", "A client account cannot become a staff account.");
  if (user.role === data.role) return;
  await transaction(actor, async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { role: data.role, sessionVersion: { increment: 1 } },
    });
    await tx.staffProfile.upsert({ where: { userId: user.id }, create: { userId: user.id }, update: {} });
    // One statement: an order that is not revoked when it runs is revoked by it.
    const orders = await tx.dosingOrder.updateManyAndReturn({
      where: { prescriberId: user.id, revokedAt: null },
      data: { revokedAt: new Date(), revokeReason: ROLE_CHANGE_REVOKE_REASON },
      select: { id: true, clientId: true },
    });
    if (orders.length > 0) {
      await auditMany(
        actor,
        orders.map((o) => ({
          action: "dosing_order.revoke",
          recordType: "DosingOrder",
          recordId: o.id,
          clientId: o.clientId,
          detail: {
            reason: ROLE_CHANGE_REVOKE_REASON,
            prescriberId: user.id,
            from: user.role,
            to: data.role,
          },
        })),
        tx,
      );
    }
    const memberships = await tx.careTeamMember.updateManyAndReturn({
      where: { userId: user.id, removedAt: null, role: { notIn: careTeamRolesFor(data.role) } },
      data: { removedAt: new Date() },
      select: { id: true, clientId: true, role: true },
    });
    if (memberships.length > 0) {
      await auditMany(
        actor,
        memberships.map((m) => ({
          action: "care_team.leave",
          recordType: "CareTeamMember",
          recordId: m.id,
          clientId: m.clientId,
          detail: {
            reason: ROLE_CHANGE_LEAVE_REASON,
            userId: user.id,
            role: m.role,
            from: user.role,
            to: data.role,
          },
        })),
        tx,
      );
    }
    await audit(
      actor,
      {
        action: "user.change_role",
        recordType: "User",
        recordId: user.id,
        detail: { from: user.role, to: data.role },
      },
      tx,
    );
  });
}
