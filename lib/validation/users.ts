import { z } from "zod";
import { staffLicencesSchema } from "@/lib/domain/admin/staff-licences";
import { idSchema } from "@/lib/domain/core/fields";
import { STAFF_ROLE_OPTIONS } from "./invitations";

export const setUserDisabledSchema = z.object({ userId: idSchema, disabled: z.boolean() });
export const changeRoleSchema = z.object({
  userId: idSchema,
  role: z.enum(STAFF_ROLE_OPTIONS, { message: "Choose a role." }),
});

/** A clinician's licences as the admin edits them: the whole list replaces the one on file. */
export const updateStaffLicencesSchema = z.object({ userId: idSchema, licences: staffLicencesSchema });
export type UpdateStaffLicencesInput = z.input<typeof updateStaffLicencesSchema>;
