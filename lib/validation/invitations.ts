import { z } from "zod";
import { staffLicencesSchema } from "@/lib/domain/admin/staff-licences";
import { idSchema, npiSchema, optionalText, pastDateSchema, usStateSchema } from "@/lib/domain/core/fields";
import { nameText, optionalNameText } from "@/lib/domain/core/names";
import { emailSchema } from "./auth";

export const STAFF_ROLE_OPTIONS = ["THERAPIST", "PRESCRIBER", "ADMIN"] as const;

export const staffInvitationSchema = z
  .object({
    name: nameText("the full name", 120),
    email: emailSchema,
    role: z.enum(STAFF_ROLE_OPTIONS, { message: "Choose a role." }),
    credentials: optionalText(60),
    npi: npiSchema,
    /** The states the clinician is licensed in, each with its expiry date. */
    licences: staffLicencesSchema.default([]),
  })
  .refine((v) => v.role !== "PRESCRIBER" || v.licences.length > 0, {
    path: ["licences"],
    message: "A prescriber needs at least one licence, with its expiry date.",
  });
export type StaffInvitationInput = z.input<typeof staffInvitationSchema>;

/** A new client record, invited to the portal at once. */
export const clientInvitationSchema = z.object({
  legalFirstName: nameText("the legal first name", 80),
  legalLastName: nameText("the legal last name", 80),
  preferredName: optionalNameText("the preferred name", 80),
  email: emailSchema,
  dateOfBirth: pastDateSchema("the date of birth"),
  state: usStateSchema,
  /** Admins choose the therapist; a therapist adding a client is the therapist. */
  therapistId: z
    .union([z.literal(""), idSchema])
    .transform((v) => v || undefined)
    .optional(),
});
export type ClientInvitationInput = z.input<typeof clientInvitationSchema>;

export const invitationIdSchema = z.object({ invitationId: idSchema });
