import { z } from "zod";
import {
  optionalText,
  phoneSchema,
  requiredText,
  storableString,
  usStateSchema,
  versionSchema,
} from "./common";

/**
 * The client's intake, one schema per step (CLINICAL.md §2). The same schemas
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

/** Medical history: each contraindication of CLINICAL.md §2 as its own question. */
export const MEDICAL_ITEMS = {
  ketamineAllergy: "Have you ever had an allergic reaction to ketamine or esketamine (Spravato)?",
  highBloodPressure: "Have you ever been told you have high blood pressure?",
  uncontrolledHypertension:
    "Is your blood pressure high right now, untreated or not controlled by treatment?",
  vascularDisease:
    "Have you had an aneurysm, an arteriovenous malformation (AVM), or bleeding in the brain (intracerebral haemorrhage)?",
  heartDisease:
    "Do you have heart disease, such as angina, an irregular heartbeat (arrhythmia) or a past heart attack?",
  glaucoma: "Do you have glaucoma or raised pressure in the eye?",
  breathingProblems:
    "Do you have severe breathing problems (for example severe asthma, COPD or sleep apnoea)?",
  liverDisease: "Do you have liver disease?",
  bladderProblems: "Do you have bladder problems, such as cystitis, pain or frequent urination?",
  hyperthyroidism: "Do you have an overactive thyroid (hyperthyroidism)?",
  intracranialPressure:
    "Have you been told you have raised pressure inside the skull, or a recent serious head injury?",
} as const;
export type MedicalItem = keyof typeof MEDICAL_ITEMS;
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

export const PSYCHIATRIC_ITEMS = {
  psychoticDisorder:
    "Have you ever been diagnosed with schizophrenia, schizoaffective disorder, delusional disorder or another psychotic disorder?",
  currentMania:
    "Are you currently having a manic or mixed episode (very high or irritable mood, little need for sleep, racing thoughts)?",
  bipolarDisorder: "Have you ever been diagnosed with bipolar disorder?",
  familyPsychosis: "Has a parent, brother, sister or child of yours had a psychotic disorder?",
  suicideAttempts: "Have you ever attempted suicide?",
  psychiatricHospitalisations: "Have you ever been hospitalised for your mental health?",
} as const;
export type PsychiatricItem = keyof typeof PSYCHIATRIC_ITEMS;
export const psychiatricStep = z.object(
  Object.fromEntries(Object.keys(PSYCHIATRIC_ITEMS).map((k) => [k, yesNoItem])) as Record<
    PsychiatricItem,
    typeof yesNoItem
  >,
);

export const USE_FREQUENCY = ["never", "monthly-or-less", "weekly", "several-times-a-week", "daily"] as const;
export const USE_FREQUENCY_LABEL: Record<(typeof USE_FREQUENCY)[number], string> = {
  never: "Never",
  "monthly-or-less": "Monthly or less",
  weekly: "About weekly",
  "several-times-a-week": "Several times a week",
  daily: "Daily or almost daily",
};
const useFrequency = z.enum(USE_FREQUENCY, { message: "Choose how often." });
export const substancesStep = z.object({
  alcohol: useFrequency,
  cannabis: useFrequency,
  otherSubstances: optionalText(500),
  uncontrolledUse: yesNoItem,
});
export const UNCONTROLLED_USE_QUESTION =
  "Are you currently struggling to control your use of alcohol or drugs (a substance use disorder that is not in remission)?";

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
export const EXPERIENCE_ITEMS = {
  priorKetamine: "Have you taken ketamine before (medically or otherwise)?",
  ketamineMisuse:
    "Have you ever used ketamine in a way that worried you or others, or found it hard to stop?",
  priorPsychedelics:
    "Have you had experiences with psychedelics (psilocybin, MDMA, LSD, ayahuasca or others)?",
} as const;

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

/** The form steps in order, with the schema each must pass. */
export const INTAKE_STEPS = [
  { id: "contact", title: "Contact and emergency contact", schema: contactStep },
  { id: "residence", title: "State of residence", schema: residenceStep },
  { id: "medical", title: "Medical history", schema: medicalStep },
  { id: "medications", title: "Current medicines", schema: medicationsStep },
  { id: "psychiatric", title: "Mental health history", schema: psychiatricStep },
  { id: "substances", title: "Alcohol and substance use", schema: substancesStep },
  { id: "pregnancy", title: "Pregnancy and breastfeeding", schema: pregnancyStep },
  { id: "experience", title: "Ketamine and psychedelic experience", schema: experienceStep },
  { id: "intention", title: "Your intention for KAP", schema: intentionStep },
  { id: "outsideTherapist", title: "Your outside therapist", schema: outsideTherapistStep },
] as const;

export type IntakeStepId = (typeof INTAKE_STEPS)[number]["id"];
export const INTAKE_STEP_IDS = INTAKE_STEPS.map((s) => s.id) as IntakeStepId[];
export const isIntakeStepId = (v: string): v is IntakeStepId => (INTAKE_STEP_IDS as string[]).includes(v);

/** A complete intake: every step passes. */
export const intakeSchema = z.object({
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
});
export type Intake = z.infer<typeof intakeSchema>;
export type IntakeStepValues = { [K in IntakeStepId]: z.input<(typeof INTAKE_STEPS)[number]["schema"]> };

/**
 * What a draft may hold: anything JSON-shaped within sane bounds, per step.
 * Drafts keep exactly what the client typed, valid or not.
 */
const draftValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([
    storableString().max(5000),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(draftValue).max(60),
    z.record(storableString().max(60), draftValue),
  ]),
);
export const intakeDraftStepSchema = z.record(storableString().max(60), draftValue);

export const saveIntakeStepSchema = z.object({
  step: z.enum(INTAKE_STEP_IDS as [IntakeStepId, ...IntakeStepId[]]),
  values: intakeDraftStepSchema,
  /** The draft version the browser last saw; a stale one gets 409. */
  version: versionSchema,
  /** Autosave keeps anything; "next" also checks the step. */
  mode: z.enum(["autosave", "complete"]),
});
export type SaveIntakeStepInput = z.infer<typeof saveIntakeStepSchema>;
