import { z } from "zod";
import {
  optionalText,
  phoneSchema,
  requiredText,
  storableString,
  usStateSchema,
} from "@/lib/domain/core/fields";
import {
  INTAKE_STEP_LIST,
  type IntakeStepId,
  MEDICAL_ITEMS,
  type MedicalItem,
  PSYCHIATRIC_ITEMS,
  type PsychiatricItem,
  USE_FREQUENCY,
} from "./intake-questions";

/**
 * The client's intake, one schema per step (docs/clinical-rules.md §2). The same schemas
 * drive the form (zodResolver) and the server. Drafts are saved leniently with
 * `intakeDraftSchema`; a step is only "done" when its strict schema passes.
 */

const yesNo = z.enum(["yes", "no"], { message: "Choose yes or no." });

/** A yes/no question with optional details (asked for when the answer is yes). */
export const yesNoItem = z.object({
  answer: yesNo,
  details: optionalText(1000),
});
export type YesNoItem = z.infer<typeof yesNoItem>;

export const contactStep = z.object({
  preferredName: optionalText(80),
  pronouns: optionalText(40),
  phone: z
    .string()
    .trim()
    .min(7, "Enter a phone number.")
    .max(30)
    .regex(/^[+()\d\s.-]+$/, "Enter a phone number."),
  addressLine: requiredText("your address", 300),
  emergencyContactName: requiredText("an emergency contact's name", 120),
  emergencyContactPhone: z
    .string()
    .trim()
    .min(7, "Enter their phone number.")
    .max(30)
    .regex(/^[+()\d\s.-]+$/, "Enter their phone number."),
  emergencyContactRelation: requiredText("how you know them", 60),
});

export const residenceStep = z.object({
  state: usStateSchema,
});

export const medicalStep = z.object(
  Object.fromEntries(Object.keys(MEDICAL_ITEMS).map((k) => [k, yesNoItem])) as Record<
    MedicalItem,
    typeof yesNoItem
  >,
);

export const medicationEntry = z.object({
  name: requiredText("the medicine's name", 120),
  dose: optionalText(60),
  frequency: optionalText(60),
});
export const medicationsStep = z
  .object({
    takesMedications: yesNo,
    medications: z.array(medicationEntry).max(40, "List at most 40 medicines."),
  })
  .refine((v) => v.takesMedications === "no" || v.medications.length > 0, {
    path: ["medications"],
    message: "Add each medicine you take, or answer no.",
  });

export const psychiatricStep = z.object(
  Object.fromEntries(Object.keys(PSYCHIATRIC_ITEMS).map((k) => [k, yesNoItem])) as Record<
    PsychiatricItem,
    typeof yesNoItem
  >,
);

const useFrequency = z.enum(USE_FREQUENCY, { message: "Choose how often." });
export const substancesStep = z.object({
  alcohol: useFrequency,
  cannabis: useFrequency,
  otherSubstances: optionalText(500),
  uncontrolledUse: yesNoItem,
});

const yesNoNa = z.enum(["yes", "no", "not-applicable"], { message: "Choose an answer." });
export const pregnancyStep = z.object({
  pregnant: yesNoNa,
  breastfeeding: yesNoNa,
  planningPregnancy: yesNoNa,
});

export const experienceStep = z.object({
  priorKetamine: yesNoItem,
  ketamineMisuse: yesNoItem,
  priorPsychedelics: yesNoItem,
});

export const intentionStep = z.object({
  intention: storableString()
    .trim()
    .min(10, "Tell us a little more (at least a sentence).")
    .max(4000, "Keep this under 4000 characters."),
  relationalGoals: optionalText(2000),
});

export const outsideTherapistStep = z
  .object({
    hasOutsideTherapist: yesNo,
    name: optionalText(120),
    credentials: optionalText(60),
    organization: optionalText(120),
    email: z
      .string()
      .trim()
      .max(254)
      .refine((v) => v === "" || z.email().safeParse(v).success, "Enter a valid e-mail address.")
      .transform((v) => (v ? v.toLowerCase() : undefined))
      .optional(),
    phone: phoneSchema,
  })
  .refine((v) => v.hasOutsideTherapist === "no" || Boolean(v.name), {
    path: ["name"],
    message: "Enter your therapist's name.",
  });

const STEP_SCHEMAS = {
  contact: contactStep,
  residence: residenceStep,
  medical: medicalStep,
  medications: medicationsStep,
  psychiatric: psychiatricStep,
  substances: substancesStep,
  pregnancy: pregnancyStep,
  experience: experienceStep,
  intention: intentionStep,
  outsideTherapist: outsideTherapistStep,
} as const satisfies Record<IntakeStepId, z.ZodType>;

/** The form steps in order, with the schema each must pass. */
export const INTAKE_STEPS = INTAKE_STEP_LIST.map((s) => ({ ...s, schema: STEP_SCHEMAS[s.id] }));

/** The rules one step's answers must pass. */
export const intakeStepSchema = <K extends IntakeStepId>(step: K) => STEP_SCHEMAS[step];

/** A complete intake: every step passes. */
export const intakeSchema = z.object(STEP_SCHEMAS);
export type Intake = z.infer<typeof intakeSchema>;
export type IntakeStepValues = { [K in IntakeStepId]: z.input<(typeof STEP_SCHEMAS)[K]> };
