import { ageOn, toIsoDate } from "@/lib/domain/core/dates";
import { BMI_FLAG_AT, bmiOf, describeBody } from "@/lib/domain/intake/bmi";
import { INTAKE_STEPS, type StoredIntake, type YesNoItem } from "@/lib/domain/intake/intake-answers";
import {
  EXPERIENCE_ITEMS,
  HEART_ATTACK_WHEN_LABEL,
  type IntakeStepId,
  LATER_EXPERIENCE_ITEMS,
  LATER_MEDICAL_ITEMS,
  MEDICAL_ITEMS,
  type MedicalItem,
  PSYCHIATRIC_ITEMS,
  type PsychiatricItem,
  UNCONTROLLED_USE_QUESTION,
} from "@/lib/domain/intake/intake-questions";
import { hasPsychoticFeatures } from "./icd10";
import {
  classifyMedications,
  INTERACTING_CLASS_CODES,
  INTERACTING_CLASSES,
  type InteractingClass,
} from "./medications";

/**
 * Eligibility screening rules (docs/clinical-rules.md §2). The rules only raise flags for the prescriber;
 * they never decide. "Absolute" means usually excluding, "relative" means clearance or judgement.
 */
export type FlagSeverity = "absolute" | "relative";
export type EligibilityFlag = {
  code: string;
  severity: FlagSeverity;
  label: string;
  /** The client's answer that raised the flag, quoted (e.g. "Yes — 'ran out of my BP meds'"). */
  answer: string;
  /** The intake question or measure the answer came from. */
  source: string;
  /** Why the flag matters, when the rule says (e.g. how an interacting medicine acts with ketamine). */
  detail?: string;
};

// Curried and generic so each code keeps its literal type in `FLAG_CODES`.
const define =
  <S extends FlagSeverity>(severity: S) =>
  <C extends string>(code: C, label: string) => ({ code, severity, label });
const absolute = define("absolute");
const relative = define("relative");
const medicine = <C extends InteractingClass>(cls: C) =>
  relative(`medication-${cls}` as const, `Interacting medicine: ${INTERACTING_CLASSES[cls]}`);

/** The flag of one interacting class is `medication-<class>` (kept for every class in the data). */
const MEDICINE_FLAGS = Object.fromEntries(INTERACTING_CLASS_CODES.map((c) => [c, medicine(c)])) as {
  [C in InteractingClass]: { code: `medication-${C}`; severity: "relative"; label: string };
};

/** Every flag, in display order within its severity. Codes are stored: never rename one. */
const FLAGS = {
  ketamineAllergy: absolute("ketamine-allergy", "Known allergy to ketamine or esketamine"),
  psychoticDisorder: absolute(
    "psychotic-disorder",
    "History of a primary psychotic disorder (schizophrenia, schizoaffective, delusional disorder)",
  ),
  currentMania: absolute("current-mania", "Current mania or mixed state"),
  suicidalIntentOrPlan: absolute(
    "suicidal-intent-or-plan",
    "Active suicidal ideation with intent or plan (C-SSRS high risk)",
  ),
  uncontrolledSubstanceUse: absolute("uncontrolled-substance-use", "Uncontrolled substance use disorder"),
  ketamineUseDisorder: absolute("ketamine-use-disorder", "Active ketamine use disorder (not in remission)"),
  psychoticFeaturesDiagnosis: absolute(
    "psychotic-features-diagnosis",
    "Diagnosis with psychotic features (not a qualifying diagnosis for KAP)",
  ),
  uncontrolledHypertension: absolute("uncontrolled-hypertension", "Uncontrolled hypertension"),
  pregnancy: absolute("pregnancy", "Pregnancy"),
  breastfeeding: absolute("breastfeeding", "Breastfeeding"),
  vascularDisease: absolute(
    "vascular-disease",
    "Aneurysmal vascular disease, arteriovenous malformation or intracerebral haemorrhage",
  ),
  underAge: absolute("under-18", "Under 18 years of age"),
  prescriberNotLicensed: absolute(
    "prescriber-not-licensed",
    "Prescriber is not licensed in the client's state of residence",
  ),
  heartAttack: relative("heart-attack", "Past heart attack: needs cardiology clearance"),
  strokeOrTia: relative("stroke-or-tia", "Past stroke or TIA"),
  pulmonaryHypertension: relative("pulmonary-hypertension", "Pulmonary hypertension"),
  preEclampsia: relative("pre-eclampsia", "History of pre-eclampsia or eclampsia"),
  seizureDisorder: relative("seizure-disorder", "Seizures or a seizure disorder"),
  highBmi: relative("high-bmi", `BMI ${BMI_FLAG_AT} or over (airway and blood pressure)`),
  planningPregnancy: relative("planning-pregnancy", "Planning a pregnancy"),
  cardiovascularDisease: relative(
    "cardiovascular-disease",
    "Cardiovascular disease (angina, arrhythmia): needs EKG / cardiology clearance",
  ),
  highBloodPressureHistory: relative("high-blood-pressure-history", "History of high blood pressure"),
  glaucoma: relative("glaucoma", "Glaucoma or raised eye pressure (uncontrolled glaucoma needs clearance)"),
  breathingProblems: relative("breathing-problems", "Severe breathing problems"),
  liverDisease: relative("liver-disease", "Liver disease"),
  bladderProblems: relative("bladder-problems", "Cystitis or bladder problems"),
  hyperthyroidism: relative("hyperthyroidism", "Hyperthyroidism"),
  intracranialPressure: relative(
    "intracranial-pressure",
    "Raised intracranial pressure or recent serious head injury",
  ),
  priorKetamine: relative("prior-ketamine-use", "Prior ketamine use"),
  ketamineMisuse: relative("ketamine-misuse", "Past ketamine misuse"),
  bipolarDisorder: relative("bipolar-disorder", "Bipolar disorder (not excluded automatically)"),
  familyPsychosis: relative("family-psychosis", "First-degree relative with a psychotic disorder"),
  medicationOpioid: MEDICINE_FLAGS.opioid,
  medicationMaoi: MEDICINE_FLAGS.maoi,
  medicationBenzodiazepine: MEDICINE_FLAGS.benzodiazepine,
  medicationHypnotic: MEDICINE_FLAGS.hypnotic,
  medicationBarbiturate: MEDICINE_FLAGS.barbiturate,
  medicationStimulant: MEDICINE_FLAGS.stimulant,
  medicationGabapentinoid: MEDICINE_FLAGS.gabapentinoid,
  medicationLamotrigine: MEDICINE_FLAGS.lamotrigine,
  medicationNaltrexone: MEDICINE_FLAGS.naltrexone,
  medicationTheophylline: MEDICINE_FLAGS.theophylline,
  medicationThyroid: MEDICINE_FLAGS.thyroid,
  medicationCypInhibitor: MEDICINE_FLAGS["cyp-inhibitor"],
  medicationCypInducer: MEDICINE_FLAGS["cyp-inducer"],
  // Thoughts of self-harm alone are a safety flag for clinical review; intent or a plan is what
  // makes suicidality excluding, and that comes from the C-SSRS (high risk), not the PHQ-9.
  phq9Item9: relative("phq9-item9", "PHQ-9 item 9 above 0 (thoughts of self-harm): safety review"),
  cssrsModerate: relative("cssrs-moderate", "C-SSRS screener: moderate suicide risk"),
  // Last: intakes taken before a question was added have no answer to it; missing is not "no".
  notAsked: relative("intake-not-asked", "Intake questions not asked: ask the client before deciding"),
};
type FlagKey = keyof typeof FLAGS;

/** The stable flag codes, by rule name (e.g. `FLAG_CODES.pregnancy === "pregnancy"`). */
export const FLAG_CODES = Object.fromEntries(Object.entries(FLAGS).map(([key, f]) => [key, f.code])) as {
  readonly [K in FlagKey]: (typeof FLAGS)[K]["code"];
};
export type FlagCode = (typeof FLAG_CODES)[FlagKey];

const MEDICATION_FLAG: Record<InteractingClass, FlagKey> = {
  opioid: "medicationOpioid",
  maoi: "medicationMaoi",
  benzodiazepine: "medicationBenzodiazepine",
  stimulant: "medicationStimulant",
  gabapentinoid: "medicationGabapentinoid",
  lamotrigine: "medicationLamotrigine",
  hypnotic: "medicationHypnotic",
  barbiturate: "medicationBarbiturate",
  naltrexone: "medicationNaltrexone",
  theophylline: "medicationTheophylline",
  thyroid: "medicationThyroid",
  "cyp-inhibitor": "medicationCypInhibitor",
  "cyp-inducer": "medicationCypInducer",
};

export type EligibilityInput = {
  intake: Partial<StoredIntake>;
  /** The working diagnosis (ICD-10-CM code) when one is chosen or stored. */
  diagnosisCode?: string | null;
  dateOfBirth: Date;
  residenceState: string;
  /** null while no prescriber is chosen: the licence rule is then skipped. */
  prescriberLicenseStates: string[] | null;
  measures: { phq9Item9: number | null; cssrsRisk: "low" | "moderate" | "high" | null };
  now: Date;
  /** The practice's IANA time zone: age counts by the calendar date there. */
  timeZone: string;
};

/** Sources name the form step as the client saw it, then the question's exact wording. */
const stepTitle = (id: IntakeStepId): string => INTAKE_STEPS.find((s) => s.id === id)?.title ?? id;

const medical = (item: MedicalItem) => `${stepTitle("medical")}: ${MEDICAL_ITEMS[item]}`;
const psychiatric = (item: PsychiatricItem) => `${stepTitle("psychiatric")}: ${PSYCHIATRIC_ITEMS[item]}`;
const experience = (item: keyof typeof EXPERIENCE_ITEMS) =>
  `${stepTitle("experience")}: ${EXPERIENCE_ITEMS[item]}`;

/** [flag, source, the answer it reads]. */
type YesNoRule = readonly [FlagKey, string, (intake: Partial<StoredIntake>) => YesNoItem | undefined];
const YES_NO_RULES: readonly YesNoRule[] = [
  ["ketamineAllergy", medical("ketamineAllergy"), (i) => i.medical?.ketamineAllergy],
  [
    "uncontrolledHypertension",
    medical("uncontrolledHypertension"),
    (i) => i.medical?.uncontrolledHypertension,
  ],
  ["vascularDisease", medical("vascularDisease"), (i) => i.medical?.vascularDisease],
  ["cardiovascularDisease", medical("heartDisease"), (i) => i.medical?.heartDisease],
  ["highBloodPressureHistory", medical("highBloodPressure"), (i) => i.medical?.highBloodPressure],
  ["glaucoma", medical("glaucoma"), (i) => i.medical?.glaucoma],
  ["breathingProblems", medical("breathingProblems"), (i) => i.medical?.breathingProblems],
  ["liverDisease", medical("liverDisease"), (i) => i.medical?.liverDisease],
  ["bladderProblems", medical("bladderProblems"), (i) => i.medical?.bladderProblems],
  ["hyperthyroidism", medical("hyperthyroidism"), (i) => i.medical?.hyperthyroidism],
  ["intracranialPressure", medical("intracranialPressure"), (i) => i.medical?.intracranialPressure],
  ["strokeOrTia", medical("strokeOrTia"), (i) => i.medical?.strokeOrTia],
  ["pulmonaryHypertension", medical("pulmonaryHypertension"), (i) => i.medical?.pulmonaryHypertension],
  ["preEclampsia", medical("preEclampsia"), (i) => i.medical?.preEclampsia],
  ["seizureDisorder", medical("seizureDisorder"), (i) => i.medical?.seizureDisorder],
  // Suicide attempts and hospitalisations are asked for the prescriber's history taking; they
  // are not contraindications in docs/clinical-rules.md §2, so they raise no flag of their own.
  ["psychoticDisorder", psychiatric("psychoticDisorder"), (i) => i.psychiatric?.psychoticDisorder],
  ["currentMania", psychiatric("currentMania"), (i) => i.psychiatric?.currentMania],
  ["bipolarDisorder", psychiatric("bipolarDisorder"), (i) => i.psychiatric?.bipolarDisorder],
  ["familyPsychosis", psychiatric("familyPsychosis"), (i) => i.psychiatric?.familyPsychosis],
  ["priorKetamine", experience("priorKetamine"), (i) => i.experience?.priorKetamine],
  ["ketamineMisuse", experience("ketamineMisuse"), (i) => i.experience?.ketamineMisuse],
  ["ketamineUseDisorder", experience("ketamineUseDisorder"), (i) => i.experience?.ketamineUseDisorder],
  [
    "uncontrolledSubstanceUse",
    `${stepTitle("substances")}: ${UNCONTROLLED_USE_QUESTION}`,
    (i) => i.substances?.uncontrolledUse,
  ],
];

const flag = (key: FlagKey, answer: string, source: string, detail?: string): EligibilityFlag => ({
  ...FLAGS[key],
  answer,
  source,
  ...(detail ? { detail } : {}),
});

/** Short names of the later questions, for the "not asked" flag. */
const LATER_QUESTION_NAMES: Record<
  (typeof LATER_MEDICAL_ITEMS)[number] | (typeof LATER_EXPERIENCE_ITEMS)[number],
  string
> = {
  seizureDisorder: "seizures",
  strokeOrTia: "stroke or TIA",
  heartAttack: "heart attack",
  preEclampsia: "pre-eclampsia",
  pulmonaryHypertension: "pulmonary hypertension",
  ketamineUseDisorder: "active ketamine use",
};

/** The later questions a submitted intake has no answer to (only for steps that were answered). */
function notAsked(intake: Partial<StoredIntake>): string[] {
  const missing: string[] = [];
  const med = intake.medical;
  if (med) {
    for (const item of LATER_MEDICAL_ITEMS) if (!med[item]) missing.push(LATER_QUESTION_NAMES[item]);
    if (med.heightFeet === undefined || med.weightPounds === undefined) missing.push("height and weight");
  }
  const exp = intake.experience;
  if (exp) {
    for (const item of LATER_EXPERIENCE_ITEMS) if (!exp[item]) missing.push(LATER_QUESTION_NAMES[item]);
  }
  return missing;
}

const quoteYes = (item: YesNoItem): string => {
  const details = item.details?.trim();
  return details ? `Yes — '${details}'` : "Yes";
};

/**
 * The flag a working diagnosis with psychotic features raises (a code the picker does not offer,
 * chosen anyway through a direct request or stored before it was withdrawn), or null.
 */
export function psychoticDiagnosisFlag(code: string | null | undefined): EligibilityFlag | null {
  if (!code || !hasPsychoticFeatures(code)) return null;
  return flag("psychoticFeaturesDiagnosis", code.trim().toUpperCase(), "Working diagnosis");
}

/** Flags raised by the intake and measures, absolute first, each group in a fixed order. */
export function evaluateEligibility(input: EligibilityInput): EligibilityFlag[] {
  const { intake, measures } = input;
  const flags: EligibilityFlag[] = [];

  // A step not answered raises nothing: the form requires every answer before screening. A
  // question added after the intake was taken is different: see `notAsked` below.
  for (const [key, source, pick] of YES_NO_RULES) {
    const item = pick(intake);
    if (item?.answer === "yes") flags.push(flag(key, quoteYes(item), source));
  }

  const heart = intake.medical?.heartAttack;
  if (heart?.answer === "yes") {
    const when = intake.medical?.heartAttackWhen;
    // How long ago is asked; an older draft without it reads as "not said" rather than "long ago".
    const whenText = when ? HEART_ATTACK_WHEN_LABEL[when].toLowerCase() : "when not said";
    const details = heart.details?.trim();
    flags.push(
      flag(
        "heartAttack",
        `Yes, ${whenText}${details ? ` — '${details}'` : ""}`,
        medical("heartAttack"),
        when === "under-6-months"
          ? "A heart attack in the last 6 months: cardiology clearance first."
          : undefined,
      ),
    );
  }

  const body = intake.medical;
  const bmi = body ? bmiOf(body) : null;
  if (body && bmi !== null && bmi >= BMI_FLAG_AT) {
    flags.push(
      flag("highBmi", describeBody(body) ?? `BMI ${bmi}`, `${stepTitle("medical")}: height and weight`),
    );
  }

  if (intake.pregnancy?.planningPregnancy === "yes") {
    flags.push(
      flag(
        "planningPregnancy",
        "Yes",
        `${stepTitle("pregnancy")}: planning a pregnancy in the next few months`,
      ),
    );
  }

  const dxFlag = psychoticDiagnosisFlag(input.diagnosisCode);
  if (dxFlag) flags.push(dxFlag);

  const missing = notAsked(intake);
  if (missing.length > 0) {
    flags.push(
      flag(
        "notAsked",
        `No answer on file for: ${missing.join(", ")}`,
        "Intake taken before these questions were asked",
        'Missing answers are not read as "no": ask the client, or request more information.',
      ),
    );
  }

  if (intake.pregnancy?.pregnant === "yes") {
    flags.push(flag("pregnancy", "Yes", `${stepTitle("pregnancy")}: currently pregnant`));
  }
  if (intake.pregnancy?.breastfeeding === "yes") {
    flags.push(flag("breastfeeding", "Yes", `${stepTitle("pregnancy")}: currently breastfeeding`));
  }

  // The list is read even when "takes medicines" says no: a listed interacting medicine is worth
  // a prescriber's question more than a missed flag is worth the tidiness.
  const names = (intake.medications?.medications ?? []).map((m) => m.name);
  for (const group of classifyMedications(names)) {
    flags.push(
      flag(MEDICATION_FLAG[group.code], group.medicines.join(", "), stepTitle("medications"), group.why),
    );
  }

  if (measures.cssrsRisk === "high") {
    flags.push(flag("suicidalIntentOrPlan", "High risk", "C-SSRS screener"));
  } else if (measures.cssrsRisk === "moderate") {
    flags.push(flag("cssrsModerate", "Moderate risk", "C-SSRS screener"));
  }
  if (measures.phq9Item9 !== null && measures.phq9Item9 > 0) {
    flags.push(flag("phq9Item9", `Scored ${measures.phq9Item9}`, "PHQ-9 item 9 (thoughts of self-harm)"));
  }

  const age = ageOn(input.dateOfBirth, input.now, input.timeZone);
  if (age < 18) {
    flags.push(flag("underAge", `Age ${age} (born ${toIsoDate(input.dateOfBirth)})`, "Date of birth"));
  }

  if (input.prescriberLicenseStates !== null) {
    const state = input.residenceState.trim().toUpperCase();
    const licensed = input.prescriberLicenseStates.map((s) => s.trim().toUpperCase());
    if (!licensed.includes(state)) {
      const where = licensed.length > 0 ? licensed.join(", ") : "no state on file";
      const answer = `Lives in ${state || "an unknown state"}; prescriber licensed in ${where}`;
      flags.push(flag("prescriberNotLicensed", answer, "State of residence and prescriber licence states"));
    }
  }

  return sortFlags(flags);
}

const ORDER = new Map<string, number>(Object.values(FLAGS).map((f, i) => [f.code, i]));
const SEVERITY_RANK: Record<FlagSeverity, number> = { absolute: 0, relative: 1 };

/** Absolute before relative, then the `FLAGS` order; unknown (e.g. retired) codes go last. */
export function sortFlags(flags: readonly EligibilityFlag[]): EligibilityFlag[] {
  const rank = (f: EligibilityFlag) => ORDER.get(f.code) ?? Number.MAX_SAFE_INTEGER;
  return [...flags].sort(
    (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || rank(a) - rank(b),
  );
}

export function countFlags(flags: readonly EligibilityFlag[]): { absolute: number; relative: number } {
  return {
    absolute: flags.filter((f) => f.severity === "absolute").length,
    relative: flags.filter((f) => f.severity === "relative").length,
  };
}

export const SEVERITY_LABEL: Record<FlagSeverity, string> = {
  absolute: "Usually excluding",
  relative: "Needs clearance or the prescriber's judgement",
};

export type FlagGroup = { severity: FlagSeverity; label: string; flags: EligibilityFlag[] };

/** Both groups, always in this order (absolute, relative), even when one is empty. */
export function groupFlags(flags: readonly EligibilityFlag[]): FlagGroup[] {
  const sorted = sortFlags(flags);
  return (["absolute", "relative"] as const).map((severity) => ({
    severity,
    label: SEVERITY_LABEL[severity],
    flags: sorted.filter((f) => f.severity === severity),
  }));
}
