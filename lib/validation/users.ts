import { z } from "zod";
import { idSchema } from "@/lib/domain/core/fields";
import { STAFF_ROLE_OPTIONS } from "./invitations";

export const setUserDisabledSchema = z.object({ userId: idSchema, disabled: z.boolean() });
export const changeRoleSchema = z.object({
  userId: idSchema,
  role: z.enum(STAFF_ROLE_OPTIONS, { message: "Choose a role." }),
});
