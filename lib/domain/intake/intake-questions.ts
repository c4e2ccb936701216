/**
 * The intake's questions and steps, without the rules that check the answers
 * (those are in ./intake). The intake form shows these on a phone, so this file
 * stays free of zod: the checks load only when an answer is first checked.
 */

/** Medical history: each contraindication of docs/clinical-rules.md §2 as its own question. */
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
  seizureDisorder: "Have you ever had a seizure, or been told you have epilepsy or a seizure disorder?",
  strokeOrTia: 'Have you ever had a stroke or a TIA ("mini-stroke")?',
  heartAttack: "Have you ever had a heart attack?",
  preEclampsia: "Have you ever had pre-eclampsia or eclampsia (high blood pressure in pregnancy)?",
  pulmonaryHypertension:
    "Have you been told you have pulmonary hypertension (high blood pressure in the lungs)?",
} as const;

export type MedicalItem = keyof typeof MEDICAL_ITEMS;

/** Medical questions added after the first intakes were taken: older intakes have no answer to them. */
export const LATER_MEDICAL_ITEMS = [
  "seizureDisorder",
  "strokeOrTia",
  "heartAttack",
  "preEclampsia",
  "pulmonaryHypertension",
] as const satisfies readonly MedicalItem[];

export const HEART_ATTACK_WHEN = ["under-6-months", "6-to-12-months", "over-12-months"] as const;
export type HeartAttackWhen = (typeof HEART_ATTACK_WHEN)[number];
export const HEART_ATTACK_WHEN_LABEL: Record<HeartAttackWhen, string> = {
  "under-6-months": "In the last 6 months",
  "6-to-12-months": "6 to 12 months ago",
  "over-12-months": "More than a year ago",
};
export const HEART_ATTACK_WHEN_QUESTION = "How long ago was your most recent heart attack?";

/** Height and weight, asked in US units; the BMI is computed from them. */
export const BODY_MEASUREMENTS = {
  heightFeet: "Height (feet)",
  heightInches: "Height (inches)",
  weightPounds: "Weight (pounds)",
} as const;

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

export const USE_FREQUENCY = ["never", "monthly-or-less", "weekly", "several-times-a-week", "daily"] as const;

export const USE_FREQUENCY_LABEL: Record<(typeof USE_FREQUENCY)[number], string> = {
  never: "Never",
  "monthly-or-less": "Monthly or less",
  weekly: "About weekly",
  "several-times-a-week": "Several times a week",
  daily: "Daily or almost daily",
};

export const UNCONTROLLED_USE_QUESTION =
  "Are you currently struggling to control your use of alcohol or drugs (a substance use disorder that is not in remission)?";

/** Experience questions added after the first intakes were taken. */
export const LATER_EXPERIENCE_ITEMS = ["ketamineUseDisorder"] as const;

export const EXPERIENCE_ITEMS = {
  priorKetamine: "Have you taken ketamine before (medically or otherwise)?",
  ketamineMisuse:
    "Have you ever used ketamine in a way that worried you or others, or found it hard to stop?",
  ketamineUseDisorder:
    "Are you struggling to control your use of ketamine now (a ketamine use problem that is not in remission)?",
  priorPsychedelics:
    "Have you had experiences with psychedelics (psilocybin, MDMA, LSD, ayahuasca or others)?",
} as const;

/** The form steps in order. */
export const INTAKE_STEP_LIST = [
  { id: "contact", title: "Contact and emergency contact" },
  { id: "residence", title: "State of residence" },
  { id: "medical", title: "Medical history" },
  { id: "medications", title: "Current medicines" },
  { id: "psychiatric", title: "Mental health history" },
  { id: "substances", title: "Alcohol and substance use" },
  { id: "pregnancy", title: "Pregnancy and breastfeeding" },
  { id: "experience", title: "Ketamine and psychedelic experience" },
  { id: "intention", title: "Your intention for KAP" },
  { id: "outsideTherapist", title: "Your outside therapist" },
] as const;

export type IntakeStepId = (typeof INTAKE_STEP_LIST)[number]["id"];

export const INTAKE_STEP_IDS = INTAKE_STEP_LIST.map((s) => s.id) as IntakeStepId[];

export const isIntakeStepId = (v: string): v is IntakeStepId => (INTAKE_STEP_IDS as string[]).includes(v);
