import "server-only";
import type { Actor } from "@/lib/auth/actor";
import {
  type PracticeSettings,
  readPracticeSecurity,
  readPracticeSettings,
} from "@/lib/domain/admin/practice-settings";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { audit } from "@/lib/server/core/audit";
import { authorize } from "@/lib/server/core/authorize";
import { db, type Tx } from "@/lib/server/core/db";
import { parseOrThrow } from "@/lib/server/core/parse";
import { transaction } from "@/lib/server/core/transaction";
import {
  type PracticeSettingKey,
  type PracticeSettingsInput,
  practiceSettingsInputSchema,
} from "@/lib/validation/practice-settings";

/**
 * The practice's clinic settings (vitals thresholds, fasting hours, dose limits, monitoring and
 * integration windows) and its time zone. Every value is a default from docs/clinical-rules.md that the
 * clinic can change; anything missing or invalid in storage reads as its default.
 */
export type PracticeSettingsView = { settings: PracticeSettings; timeZone: string };

/**
 * For other parts of the data layer (dosing checklist, vitals alerts, series planning): no actor
 * and no audit, because settings hold no PHI. Callers have already authorized their own action.
 */
export async function loadPracticeSettings(
  practiceId: string,
  tx: Pick<Tx, "practice"> = db(),
): Promise<PracticeSettingsView> {
  const practice = await tx.practice.findUnique({
    where: { id: practiceId },
    select: { settings: true, timeZone: true },
  });
  if (!practice) throw new AppError("NOT_FOUND", "Not found.");
  return { settings: readPracticeSettings(practice.settings), timeZone: practice.timeZone };
}

/** The settings of the admin's own practice, for the settings page. */
export async function getPracticeSettingsForAdmin(actor: Actor): Promise<PracticeSettingsView> {
  await authorize(actor, "read", "settings");
  return loadPracticeSettings(actor.practiceId);
}

type SettingsSnapshot = PracticeSettings & { timeZone: string };
type ChangedKey = PracticeSettingKey | "timeZone";

function changedKeys(before: SettingsSnapshot, after: SettingsSnapshot): ChangedKey[] {
  return (Object.keys(after) as ChangedKey[]).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
}

function pick(snapshot: SettingsSnapshot, keys: ChangedKey[]): Prisma.InputJsonObject {
  return Object.fromEntries(keys.map((key) => [key, snapshot[key]]));
}

/**
 * Saves the whole settings form of the admin's practice (the practice comes from the session).
 * The audit row records the changed keys only, before and after; nothing changed, nothing written.
 */
export async function updatePracticeSettings(
  actor: Actor,
  input: PracticeSettingsInput,
): Promise<PracticeSettingsView & { changed: ChangedKey[] }> {
  await authorize(actor, "manage", "settings");
  const { timeZone, ...settings } = parseOrThrow(practiceSettingsInputSchema, input);
  const after: SettingsSnapshot = { ...settings, timeZone };
  return transaction(actor, async (tx) => {
    // The sign-in rules share the JSON (./practice-security.ts): kept as they are, under a row lock.
    const [row] = await tx.$queryRaw<{ settings: unknown }[]>`
      SELECT "settings" FROM "Practice" WHERE "id" = ${actor.practiceId} FOR UPDATE`;
    const current = await loadPracticeSettings(actor.practiceId, tx);
    const before: SettingsSnapshot = { ...current.settings, timeZone: current.timeZone };
    const changed = changedKeys(before, after);
    if (changed.length === 0) return { ...current, changed };
    await tx.practice.update({
      where: { id: actor.practiceId },
      data: {
        settings: { ...(settings satisfies PracticeSettings), ...readPracticeSecurity(row?.settings) },
        timeZone,
      },
    });
    await audit(
      actor,
      {
        action: "settings.update",
        recordType: "Practice",
        recordId: actor.practiceId,
        detail: { before: pick(before, changed), after: pick(after, changed) },
      },
      tx,
    );
    return { settings, timeZone, changed };
  });
}
