"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/server/action";
import {
  archiveProtocolTemplate,
  createProtocolTemplate,
  setDefaultProtocolTemplate,
  updateProtocolTemplate,
} from "@/lib/server/protocol-templates";
import type { ProtocolTemplateInput, UpdateProtocolTemplateInput } from "@/lib/validation/protocol-templates";

const PATH = "/admin/protocols";

export async function createProtocolTemplateAction(input: ProtocolTemplateInput) {
  const result = await runAction(async (actor) => {
    const t = await createProtocolTemplate(actor, input);
    return { id: t.id, name: t.name, isDefault: t.isDefault };
  });
  revalidatePath(PATH);
  return result;
}

export async function updateProtocolTemplateAction(input: UpdateProtocolTemplateInput) {
  const result = await runAction(async (actor) => {
    const t = await updateProtocolTemplate(actor, input);
    return { id: t.id, updatedAt: t.updatedAt.toISOString() };
  });
  revalidatePath(PATH);
  return result;
}

export async function setDefaultProtocolTemplateAction(id: string) {
  const result = await runAction(async (actor) => {
    await setDefaultProtocolTemplate(actor, id);
    return null;
  });
  revalidatePath(PATH);
  return result;
}

export async function archiveProtocolTemplateAction(id: string) {
  const result = await runAction((actor) => archiveProtocolTemplate(actor, id).then(() => null));
  revalidatePath(PATH);
  return result;
}
