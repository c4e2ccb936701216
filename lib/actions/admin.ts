"use server";

import { setPracticeSecurity } from "@/lib/server/admin/practice-security";
import { updatePracticeSettings } from "@/lib/server/admin/practice-settings";
import {
  archiveProtocolTemplate,
  createProtocolTemplate,
  setDefaultProtocolTemplate,
  updateProtocolTemplate,
} from "@/lib/server/admin/protocol-templates";
import { updateStaffLicences } from "@/lib/server/admin/staff-licences";
import { changeUserRole, setUserDisabled } from "@/lib/server/admin/users";
import { practiceSecurityInputSchema, practiceSettingsInputSchema } from "@/lib/validation/practice-settings";
import {
  protocolTemplateIdInputSchema,
  protocolTemplateSchema,
  updateProtocolTemplateSchema,
} from "@/lib/validation/protocol-templates";
import { changeRoleSchema, setUserDisabledSchema, updateStaffLicencesSchema } from "@/lib/validation/users";
import { action } from "./define";

const USERS = "/admin/users";
const PROTOCOLS = "/admin/protocols";

export const setUserDisabledAction = action(
  setUserDisabledSchema,
  (actor, input) => setUserDisabled(actor, input),
  { revalidate: USERS },
);

export const changeUserRoleAction = action(changeRoleSchema, (actor, input) => changeUserRole(actor, input), {
  revalidate: USERS,
});

export const updateStaffLicencesAction = action(
  updateStaffLicencesSchema,
  (actor, input) => updateStaffLicences(actor, input),
  { revalidate: USERS },
);

export const updatePracticeSettingsAction = action(
  practiceSettingsInputSchema,
  async (actor, input) => {
    const saved = await updatePracticeSettings(actor, input);
    return { changed: saved.changed.length };
  },
  { revalidate: "/admin/settings" },
);

export const createProtocolTemplateAction = action(
  protocolTemplateSchema,
  async (actor, input) => {
    const t = await createProtocolTemplate(actor, input);
    return { id: t.id, name: t.name, isDefault: t.isDefault };
  },
  { revalidate: PROTOCOLS },
);

export const updateProtocolTemplateAction = action(
  updateProtocolTemplateSchema,
  async (actor, input) => {
    const t = await updateProtocolTemplate(actor, input);
    return { id: t.id, updatedAt: t.updatedAt.toISOString() };
  },
  { revalidate: PROTOCOLS },
);

export const setDefaultProtocolTemplateAction = action(
  protocolTemplateIdInputSchema,
  async (actor, { templateId }) => {
    await setDefaultProtocolTemplate(actor, templateId);
    return null;
  },
  { revalidate: PROTOCOLS },
);

export const archiveProtocolTemplateAction = action(
  protocolTemplateIdInputSchema,
  async (actor, { templateId }) => {
    await archiveProtocolTemplate(actor, templateId);
    return null;
  },
  { revalidate: PROTOCOLS },
);

/** Requires two-step sign-in of every staff member, or stops requiring it (docs/security.md S5). */
export const setPracticeSecurityAction = action(
  practiceSecurityInputSchema,
  (actor, input) => setPracticeSecurity(actor, input),
  { revalidate: "/admin/settings" },
);
