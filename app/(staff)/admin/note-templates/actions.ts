"use server";

import { revalidatePath } from "next/cache";
import { fieldsToText } from "@/lib/domain/note-templates";
import { runAction } from "@/lib/server/action";
import { resetNoteTemplate, updateNoteTemplate } from "@/lib/server/note-templates";
import type { UpdateNoteTemplateInput } from "@/lib/validation/note-templates";

const PATH = "/admin/note-templates";

export async function updateNoteTemplateAction(input: UpdateNoteTemplateInput) {
  const result = await runAction(async (actor) => {
    const t = await updateNoteTemplate(actor, input);
    return { id: t.id, updatedAt: t.updatedAt.toISOString() };
  });
  revalidatePath(PATH);
  return result;
}

export async function resetNoteTemplateAction(id: string) {
  const result = await runAction(async (actor) => {
    const t = await resetNoteTemplate(actor, id);
    return {
      id: t.id,
      name: t.name,
      fieldsText: fieldsToText(t.fields),
      updatedAt: t.updatedAt.toISOString(),
    };
  });
  revalidatePath(PATH);
  return result;
}
