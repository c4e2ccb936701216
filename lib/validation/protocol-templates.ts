import { z } from "zod";
import { idSchema, requiredText } from "@/lib/domain/core/fields";
import {
  type ProtocolPlan,
  protocolPlanSchema,
  type SessionKind,
  sessionDurationsSchema,
} from "@/lib/domain/scheduling/protocol";
import { boundedNumber } from "./practice-settings";

/**
 * A protocol template as the admin edits it: a name and every field of the plan, all required
 * (no silent defaults). Bounds come from lib/domain/scheduling/protocol.ts; number inputs send numbers
 * (`valueAsNumber`), the follow-up sends a number or null, the closing session a boolean.
 */

const plan = protocolPlanSchema.shape;
const duration = (kind: SessionKind) => boundedNumber(sessionDurationsSchema.shape[kind].unwrap(), "minutes");

const templateFields = {
  name: requiredText("a name", 100),
  preparationSessions: boundedNumber(plan.preparationSessions.unwrap(), "sessions"),
  dosingSessions: boundedNumber(plan.dosingSessions.unwrap(), "sessions"),
  integrationDaysAfterDose: boundedNumber(plan.integrationDaysAfterDose.unwrap(), "days"),
  followUpAfterDose: boundedNumber(plan.followUpAfterDose.unwrap().unwrap()).nullable(),
  closingSession: z.boolean({ error: "Choose whether the series ends with a closing session." }),
  durationsMinutes: z.strictObject({
    PREPARATION: duration("PREPARATION"),
    DOSING: duration("DOSING"),
    INTEGRATION: duration("INTEGRATION"),
    FOLLOW_UP: duration("FOLLOW_UP"),
    CLOSING: duration("CLOSING"),
  }),
};

const followUpWithinSeries = (t: { followUpAfterDose: number | null; dosingSessions: number }) =>
  t.followUpAfterDose === null || t.followUpAfterDose <= t.dosingSessions;
const followUpMessage = () => ({
  path: ["followUpAfterDose"],
  message: "The follow-up must come after one of the planned doses.",
});

export const protocolTemplateSchema = z
  .strictObject(templateFields)
  .refine(followUpWithinSeries, followUpMessage());
export type ProtocolTemplateInput = z.input<typeof protocolTemplateSchema>;

export const updateProtocolTemplateSchema = z
  .strictObject({
    ...templateFields,
    id: idSchema,
    /** The `updatedAt` the form was opened with: a stale one is refused with 409. */
    updatedAt: z.iso.datetime({ error: "Reload the page and try again." }),
  })
  .refine(followUpWithinSeries, followUpMessage());
export type UpdateProtocolTemplateInput = z.input<typeof updateProtocolTemplateSchema>;

export const protocolTemplateIdSchema = idSchema;
export const protocolTemplateIdInputSchema = z.object({ templateId: protocolTemplateIdSchema });

/** The form's starting values for a template's name and plan. */
export function protocolTemplateFormValues(name: string, p: ProtocolPlan): ProtocolTemplateInput {
  return { name, ...p, durationsMinutes: { ...p.durationsMinutes } };
}
