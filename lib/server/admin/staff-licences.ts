import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { licenceDate } from "@/lib/domain/admin/staff-licences";
import { toIsoDate } from "@/lib/domain/core/dates";
import { AppError } from "@/lib/errors";
import { audit } from "@/lib/server/core/audit";
import { authorize, deniedAsNotFound } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";
import { parseOrThrow } from "@/lib/server/core/parse";
import { transaction } from "@/lib/server/core/transaction";
import { type UpdateStaffLicencesInput, updateStaffLicencesSchema } from "@/lib/validation/users";

/**
 * The admin replaces a clinician's licences (state and expiry date each; docs/clinical-rules.md §2).
 * A renewal is the same state with a later date. The audit row keeps the list before and after.
 */
export async function updateStaffLicences(actor: Actor, input: UpdateStaffLicencesInput) {
  await authorize(actor, "manage", "user");
  const data = parseOrThrow(updateStaffLicencesSchema, input);
  const user = await db().user.findFirst({
    where: { id: data.userId, practiceId: actor.practiceId },
    select: { id: true, role: true },
  });
  if (!user)
    return deniedAsNotFound(actor, { action: "user.licences", recordType: "User", recordId: data.userId });
  if (user.role === "CLIENT") throw new AppError("VALIDATION", "Clients hold no licences.");
  return transaction(actor, async (tx) => {
    const profile = await tx.staffProfile.upsert({
      where: { userId: user.id },
      create: { userId: user.id },
      update: {},
      select: { id: true, licences: { orderBy: { state: "asc" }, select: { state: true, expiresAt: true } } },
    });
    const before = profile.licences.map((l) => ({ state: l.state, expiresAt: toIsoDate(l.expiresAt) }));
    const after = [...data.licences].sort((a, b) => a.state.localeCompare(b.state));
    await tx.staffLicence.deleteMany({
      where: { staffProfileId: profile.id, state: { notIn: after.map((l) => l.state) } },
    });
    for (const l of after) {
      await tx.staffLicence.upsert({
        where: { staffProfileId_state: { staffProfileId: profile.id, state: l.state } },
        create: { staffProfileId: profile.id, state: l.state, expiresAt: licenceDate(l.expiresAt) },
        update: { expiresAt: licenceDate(l.expiresAt) },
      });
    }
    await audit(
      actor,
      { action: "user.licences", recordType: "User", recordId: user.id, detail: { before, after } },
      tx,
    );
    return { licences: after };
  });
}
