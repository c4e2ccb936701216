import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { INTAKE_STEPS } from "@/lib/domain/intake/intake-answers";
import { completeIntake } from "@/lib/domain/intake/intake-progress";
import { AppError, type FieldErrors } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { requireOwnClient } from "@/lib/server/clients/own-client";
import { audit } from "@/lib/server/core/audit";
import { authorize } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";
import { fieldErrorsOf, parseOrThrow } from "@/lib/server/core/parse";
import { type SaveIntakeStepInput, saveIntakeStepSchema } from "@/lib/validation/intake";

const draftSelect = {
  id: true,
  status: true,
  data: true,
  version: true,
  currentStep: true,
  updatedAt: true,
  submittedAt: true,
} satisfies Prisma.FormResponseSelect;

/** The client's own intake (a draft is created on first visit). */
export async function loadOwnIntake(actor: Actor) {
  await authorize(actor, "read", "intake");
  const client = await requireOwnClient(actor);
  const existing = await db().formResponse.findFirst({
    where: { clientId: client.id, kind: "INTAKE" },
    orderBy: { createdAt: "desc" },
    select: draftSelect,
  });
  const intake =
    existing ??
    (await db().formResponse.create({ data: { clientId: client.id, kind: "INTAKE" }, select: draftSelect }));
  await audit(actor, {
    action: "intake.read",
    recordType: "FormResponse",
    recordId: intake.id,
    clientId: client.id,
  });
  return { ...intake, data: (intake.data ?? {}) as Record<string, Record<string, unknown>> };
}

export type SaveStepResult = { version: number; savedAt: Date; fieldErrors?: FieldErrors };

/**
 * Saves one step of the client's draft exactly as typed. A stale version (another
 * tab or device saved since) gets 409 and changes nothing. In "complete" mode the
 * step is also checked; its field errors come back with the saved draft.
 */
export async function saveIntakeStep(actor: Actor, input: SaveIntakeStepInput): Promise<SaveStepResult> {
  await authorize(actor, "write", "intake");
  const data = parseOrThrow(saveIntakeStepSchema, input);
  const client = await requireOwnClient(actor);
  const draft = await db().formResponse.findFirst({
    where: { clientId: client.id, kind: "INTAKE" },
    orderBy: { createdAt: "desc" },
    select: { id: true, status: true, data: true, version: true },
  });
  if (!draft) throw new AppError("NOT_FOUND", "Not found.");
  if (draft.status !== "DRAFT") throw new AppError("CONFLICT", "Your intake was already submitted.");
  if (draft.version !== data.version) {
    throw new AppError("CONFLICT", "Your intake was changed in another window or device.");
  }
  const merged = { ...((draft.data ?? {}) as Record<string, unknown>), [data.step]: data.values };
  const savedAt = new Date();
  const { count } = await db().formResponse.updateMany({
    where: { id: draft.id, version: data.version, status: "DRAFT" },
    data: {
      data: merged as Prisma.InputJsonValue,
      version: { increment: 1 },
      currentStep: data.step,
      updatedAt: savedAt,
    },
  });
  if (count !== 1) throw new AppError("CONFLICT", "Your intake was changed in another window or device.");
  await audit(actor, {
    action: "intake.update",
    recordType: "FormResponse",
    recordId: draft.id,
    clientId: client.id,
    detail: { step: data.step, mode: data.mode },
  });
  const result: SaveStepResult = { version: data.version + 1, savedAt };
  if (data.mode === "complete") {
    const schema = INTAKE_STEPS.find((s) => s.id === data.step)?.schema;
    const parsed = schema?.safeParse(data.values);
    if (parsed && !parsed.success) result.fieldErrors = fieldErrorsOf(parsed.error);
  }
  return result;
}

/** The submitted intake (complete and valid), for the hand-off to screening. */
export function parseSubmittedIntake(data: unknown) {
  const intake = completeIntake(data);
  if (!intake) throw new AppError("VALIDATION", "Some intake steps are not finished yet.");
  return intake;
}
