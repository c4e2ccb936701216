import { z } from "zod";
import {
  optionalText,
  phoneSchema,
  requiredText,
  storableString,
  usStateSchema,
} from "@/lib/domain/core/fields";
import { nameText, optionalNameText } from "@/lib/domain/core/names";
import {
  HEART_ATTACK_WHEN,
  INTAKE_STEP_LIST,
  type IntakeStepId,
  LATER_EXPERIENCE_ITEMS,
  LATER_MEDICAL_ITEMS,
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
  preferredName: optionalNameText("your preferred name", 80),
  pronouns: optionalText(40),
  phone: z
    .string()
    .trim()
    .min(7, "Enter a phone number.")
    .max(30)
    .regex(/^[+()\d\s.-]+$/, "Enter a phone number."),
  addressLine: requiredText("your address", 300),
  emergencyContactName: nameText("an emergency contact's name", 120),
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

/** A number typed in a form box (a string) or stored (a number); blank and junk get `message`. */
const measured = (message: string, min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.coerce.number({ message }).min(min, message).max(max, message),
  );

const medicalItems = Object.fromEntries(Object.keys(MEDICAL_ITEMS).map((k) => [k, yesNoItem])) as Record<
  MedicalItem,
  typeof yesNoItem
>;
const bodyMeasurements = {
  heightFeet: measured("Enter your height: feet, from 3 to 8.", 3, 8).pipe(
    z.number().int("Enter whole feet; put the rest in inches."),
  ),
  // Blank inches means a whole number of feet (5 ft, 0 in).
  heightInches: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? 0 : v),
    measured("Enter inches from 0 to 11 (0 if none).", 0, 11.99),
  ),
  weightPounds: measured("Enter your weight in pounds, from 50 to 800.", 50, 800),
};
/** Blank or null (a radio group with nothing chosen) reads as not answered. */
const heartAttackWhen = z.preprocess(
  (v) => (v === "" || v === null ? undefined : v),
  z.enum(HEART_ATTACK_WHEN, { message: "Choose how long ago." }).optional(),
);

const needsHeartAttackWhen = (
  v: { heartAttack?: { answer: string }; heartAttackWhen?: string },
  ctx: z.RefinementCtx,
) => {
  if (v.heartAttack?.answer === "yes" && !v.heartAttackWhen) {
    ctx.addIssue({ code: "custom", path: ["heartAttackWhen"], message: "Choose how long ago." });
  }
};

export const medicalStep = z
  .object({ ...medicalItems, heartAttackWhen, ...bodyMeasurements })
  .superRefine(needsHeartAttackWhen);

/**
 * The medical step as stored by intakes taken before the later questions were asked: those
 * answers may be missing, and the screening rules treat a missing answer as "not asked".
 */
const storedMedicalStep = z
  .object({
    ...medicalItems,
    ...Object.fromEntries(LATER_MEDICAL_ITEMS.map((k) => [k, yesNoItem.optional()])),
    heartAttackWhen,
    heightFeet: bodyMeasurements.heightFeet.optional(),
    heightInches: bodyMeasurements.heightInches.optional(),
    weightPounds: bodyMeasurements.weightPounds.optional(),
  })
  .superRefine(needsHeartAttackWhen) as unknown as z.ZodType<
  Omit<z.infer<typeof medicalStep>, (typeof LATER_MEDICAL_ITEMS)[number] | keyof typeof bodyMeasurements> &
    Partial<
      Pick<z.infer<typeof medicalStep>, (typeof LATER_MEDICAL_ITEMS)[number] | keyof typeof bodyMeasurements>
    >
>;

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
  ketamineUseDisorder: yesNoItem,
  priorPsychedelics: yesNoItem,
});

const storedExperienceStep = experienceStep.extend(
  Object.fromEntries(LATER_EXPERIENCE_ITEMS.map((k) => [k, yesNoItem.optional()])) as Record<
    (typeof LATER_EXPERIENCE_ITEMS)[number],
    z.ZodOptional<typeof yesNoItem>
  >,
);

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
    name: optionalNameText("your therapist's name", 120),
    credentials: optionalText(60),
    organization: optionalNameText("their practice or organization", 120),
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

/**
 * A submitted intake as stored: a complete intake, except that intakes taken before the later
 * questions (seizures, stroke, heart attack, pre-eclampsia, pulmonary hypertension, height and
 * weight, active ketamine use) may lack those answers. Read submitted intakes with this, so an
 * older intake still reaches the screening rules, which flag the missing answers.
 */
export const storedIntakeSchema = intakeSchema.extend({
  medical: storedMedicalStep,
  experience: storedExperienceStep,
});
export type StoredIntake = z.infer<typeof storedIntakeSchema>;
export type IntakeStepValues = { [K in IntakeStepId]: z.input<(typeof STEP_SCHEMAS)[K]> };
