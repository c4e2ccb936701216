import { describe, expect, it } from "vitest";
import { type Intake, intakeSchema, type YesNoItem } from "@/lib/domain/intake/intake-answers";
import { MEDICAL_ITEMS, PSYCHIATRIC_ITEMS } from "@/lib/domain/intake/intake-questions";
import {
  countFlags,
  type EligibilityInput,
  evaluateEligibility,
  FLAG_CODES,
  groupFlags,
} from "@/lib/domain/screening/eligibility";

const no: YesNoItem = { answer: "no" };
const yes = (details?: string): YesNoItem => (details ? { answer: "yes", details } : { answer: "yes" });

const allNo = (questions: Record<string, string>) =>
  Object.fromEntries(Object.keys(questions).map((k) => [k, no]));

/** A complete intake with every screening answer "no": the honest baseline (parsed below). */
const rawCleanIntake = {
  contact: {
    phone: "555-010-0199",
    addressLine: "1 Main St, Oakland, CA",
    emergencyContactName: "Sam Rivera",
    emergencyContactPhone: "555-010-0100",
    emergencyContactRelation: "Partner",
  },
  residence: { state: "CA" },
  // Every medical and mental health question of the form, so a new question cannot be missed here.
  medical: { ...allNo(MEDICAL_ITEMS), heightFeet: 5, heightInches: 9, weightPounds: 165 },
  medications: { takesMedications: "no", medications: [] },
  psychiatric: allNo(PSYCHIATRIC_ITEMS),
  substances: { alcohol: "monthly-or-less", cannabis: "never", uncontrolledUse: no },
  pregnancy: { pregnant: "no", breastfeeding: "no", planningPregnancy: "not-applicable" },
  experience: { priorKetamine: no, ketamineMisuse: no, ketamineUseDisorder: no, priorPsychedelics: no },
  intention: { intention: "To work through long-standing depression with my therapist." },
  outsideTherapist: { hasOutsideTherapist: "no" },
};

type IntakePatch = { [K in keyof Intake]?: Partial<Intake[K]> };
function makeIntake(p: IntakePatch = {}): Intake {
  const base = intakeSchema.parse(rawCleanIntake);
  return {
    contact: { ...base.contact, ...p.contact },
    residence: { ...base.residence, ...p.residence },
    medical: { ...base.medical, ...p.medical },
    medications: { ...base.medications, ...p.medications },
    psychiatric: { ...base.psychiatric, ...p.psychiatric },
    substances: { ...base.substances, ...p.substances },
    pregnancy: { ...base.pregnancy, ...p.pregnancy },
    experience: { ...base.experience, ...p.experience },
    intention: { ...base.intention, ...p.intention },
    outsideTherapist: { ...base.outsideTherapist, ...p.outsideTherapist },
  };
}

const meds = (...names: string[]): IntakePatch => ({
  medications: { takesMedications: "yes", medications: names.map((name) => ({ name })) },
});

const NOW = new Date("2026-03-01T15:00:00Z");
const input = (over: Partial<EligibilityInput> = {}): EligibilityInput => ({
  intake: makeIntake(),
  dateOfBirth: new Date("1990-06-15T00:00:00Z"),
  residenceState: "CA",
  prescriberLicenseStates: ["CA", "OR"],
  measures: { phq9Item9: 0, cssrsRisk: "low" },
  now: NOW,
  timeZone: "UTC",
  ...over,
});
const evaluate = (patch: IntakePatch) => evaluateEligibility(input({ intake: makeIntake(patch) }));

describe("test intake fixture", () => {
  it("is a complete intake that passes intakeSchema", () => {
    expect(intakeSchema.safeParse(rawCleanIntake).success).toBe(true);
  });

  it("still parses with yes answers and medicines", () => {
    const flagged = makeIntake({
      medical: { glaucoma: yes("told at my last eye exam") },
      pregnancy: { pregnant: "yes" },
      ...meds("Xanax 0.5mg"),
    });
    expect(intakeSchema.safeParse(flagged).success).toBe(true);
  });
});

describe("evaluateEligibility: a clean intake", () => {
  it("raises no flags", () => {
    expect(evaluateEligibility(input())).toEqual([]);
  });

  it("raises nothing for a step not answered yet", () => {
    const { medical: _medical, ...partial } = makeIntake();
    expect(evaluateEligibility(input({ intake: partial }))).toEqual([]);
  });
});

type ItemCase = [keyof typeof FLAG_CODES, "absolute" | "relative", IntakePatch];
const YES_NO_CASES: ItemCase[] = [
  ["ketamineAllergy", "absolute", { medical: { ketamineAllergy: yes() } }],
  ["psychoticDisorder", "absolute", { psychiatric: { psychoticDisorder: yes() } }],
  ["currentMania", "absolute", { psychiatric: { currentMania: yes() } }],
  ["uncontrolledSubstanceUse", "absolute", { substances: { uncontrolledUse: yes() } }],
  ["uncontrolledHypertension", "absolute", { medical: { uncontrolledHypertension: yes() } }],
  ["vascularDisease", "absolute", { medical: { vascularDisease: yes() } }],
  ["cardiovascularDisease", "relative", { medical: { heartDisease: yes() } }],
  ["highBloodPressureHistory", "relative", { medical: { highBloodPressure: yes() } }],
  ["glaucoma", "relative", { medical: { glaucoma: yes() } }],
  ["breathingProblems", "relative", { medical: { breathingProblems: yes() } }],
  ["liverDisease", "relative", { medical: { liverDisease: yes() } }],
  ["bladderProblems", "relative", { medical: { bladderProblems: yes() } }],
  ["hyperthyroidism", "relative", { medical: { hyperthyroidism: yes() } }],
  ["intracranialPressure", "relative", { medical: { intracranialPressure: yes() } }],
  ["priorKetamine", "relative", { experience: { priorKetamine: yes() } }],
  ["ketamineMisuse", "relative", { experience: { ketamineMisuse: yes() } }],
  ["bipolarDisorder", "relative", { psychiatric: { bipolarDisorder: yes() } }],
  ["familyPsychosis", "relative", { psychiatric: { familyPsychosis: yes() } }],
];

describe("evaluateEligibility: one flag per contraindication item", () => {
  it.each(YES_NO_CASES)("%s is %s", (key, severity, patch) => {
    const flags = evaluate(patch);
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ code: FLAG_CODES[key], severity, answer: "Yes" });
    expect(flags[0]?.label).not.toBe("");
    expect(flags[0]?.source).not.toBe("");
  });

  it("quotes the client's details in the answer and names the question", () => {
    const [f] = evaluate({ medical: { uncontrolledHypertension: yes("ran out of my BP meds") } });
    expect(f?.answer).toBe("Yes — 'ran out of my BP meds'");
    expect(f?.source).toContain("Is your blood pressure high right now");
  });

  it("asks for EKG / cardiology clearance for cardiovascular disease", () => {
    const [f] = evaluate({ medical: { heartDisease: yes("arrhythmia") } });
    expect(f?.label).toMatch(/EKG/);
    expect(f?.label).toMatch(/cardiology clearance/);
  });

  it("says bipolar disorder is not excluded automatically", () => {
    expect(evaluate({ psychiatric: { bipolarDisorder: yes() } })[0]?.label).toMatch(
      /not excluded automatically/,
    );
  });

  it("raises nothing for suicide attempts or hospitalisations (not §2 contraindications)", () => {
    expect(evaluate({ psychiatric: { suicideAttempts: yes(), psychiatricHospitalisations: yes() } })).toEqual(
      [],
    );
  });
});

describe("evaluateEligibility: pregnancy and breastfeeding", () => {
  it("flags pregnancy and breastfeeding each on its own", () => {
    expect(evaluate({ pregnancy: { pregnant: "yes" } })).toMatchObject([
      { code: FLAG_CODES.pregnancy, severity: "absolute", answer: "Yes" },
    ]);
    expect(evaluate({ pregnancy: { breastfeeding: "yes" } })).toMatchObject([
      { code: FLAG_CODES.breastfeeding, severity: "absolute", answer: "Yes" },
    ]);
    const both = evaluate({ pregnancy: { pregnant: "yes", breastfeeding: "yes" } });
    expect(both.map((f) => f.code)).toEqual([FLAG_CODES.pregnancy, FLAG_CODES.breastfeeding]);
  });

  it("raises nothing for not-applicable", () => {
    expect(evaluate({ pregnancy: { pregnant: "not-applicable", breastfeeding: "not-applicable" } })).toEqual(
      [],
    );
  });
});

describe("evaluateEligibility: interacting medicines", () => {
  it("raises one relative flag per class, listing the medicines", () => {
    const flags = evaluate(meds("Xanax 0.5mg", "sertraline 50mg", "Klonopin", "Adderall XR"));
    expect(flags).toMatchObject([
      { code: FLAG_CODES.medicationBenzodiazepine, severity: "relative", answer: "Xanax 0.5mg, Klonopin" },
      { code: FLAG_CODES.medicationStimulant, severity: "relative", answer: "Adderall XR" },
    ]);
    expect(flags[0]?.source).toBe("Current medicines");
  });

  it("still reads a listed medicine when the client answered that they take none", () => {
    const flags = evaluate({ medications: { takesMedications: "no", medications: [{ name: "Ativan" }] } });
    expect(flags.map((f) => f.code)).toEqual([FLAG_CODES.medicationBenzodiazepine]);
  });

  it.each([
    ["oxycodone", FLAG_CODES.medicationOpioid],
    ["Nardil", FLAG_CODES.medicationMaoi],
    ["Lyrica", FLAG_CODES.medicationGabapentinoid],
    ["Lamictal 100 mg", FLAG_CODES.medicationLamotrigine],
  ])("%s → %s", (name, code) => {
    expect(evaluate(meds(name))).toMatchObject([{ code, severity: "relative", answer: name }]);
  });
});

describe("evaluateEligibility: measures", () => {
  const withMeasures = (measures: EligibilityInput["measures"]) => evaluateEligibility(input({ measures }));

  it("C-SSRS high risk is absolute (intent or plan)", () => {
    expect(withMeasures({ phq9Item9: null, cssrsRisk: "high" })).toMatchObject([
      { code: FLAG_CODES.suicidalIntentOrPlan, severity: "absolute", source: "C-SSRS screener" },
    ]);
  });

  it("C-SSRS moderate is relative; low and missing raise nothing", () => {
    expect(withMeasures({ phq9Item9: null, cssrsRisk: "moderate" })).toMatchObject([
      { code: FLAG_CODES.cssrsModerate, severity: "relative" },
    ]);
    expect(withMeasures({ phq9Item9: null, cssrsRisk: "low" })).toEqual([]);
    expect(withMeasures({ phq9Item9: null, cssrsRisk: null })).toEqual([]);
  });

  it("PHQ-9 item 9 above 0 is a relative safety flag; 0 and missing raise nothing", () => {
    expect(withMeasures({ phq9Item9: 1, cssrsRisk: null })).toMatchObject([
      { code: FLAG_CODES.phq9Item9, severity: "relative", answer: "Scored 1" },
    ]);
    expect(withMeasures({ phq9Item9: 0, cssrsRisk: null })).toEqual([]);
    expect(withMeasures({ phq9Item9: null, cssrsRisk: null })).toEqual([]);
  });
});

describe("evaluateEligibility: age and licensure", () => {
  const dateOfBirth = new Date("2008-03-01T00:00:00Z");

  it("is absolute at 17, the day before the 18th birthday", () => {
    const flags = evaluateEligibility(input({ dateOfBirth, now: new Date("2026-02-28T23:00:00Z") }));
    expect(flags).toMatchObject([
      { code: FLAG_CODES.underAge, severity: "absolute", answer: "Age 17 (born 2008-03-01)" },
    ]);
  });

  it("raises nothing on the 18th birthday", () => {
    expect(evaluateEligibility(input({ dateOfBirth, now: new Date("2026-03-01T00:00:00Z") }))).toEqual([]);
  });

  it("counts the birthday by the practice's calendar, not UTC's", () => {
    // 4 p.m. on Feb 28 in Los Angeles is already March 1 in UTC: the client is still 17 there.
    const evening = new Date("2026-03-01T00:00:00Z");
    expect(
      evaluateEligibility(input({ dateOfBirth, now: evening, timeZone: "America/Los_Angeles" })),
    ).toMatchObject([{ code: FLAG_CODES.underAge }]);
  });

  it("is absolute when the prescriber is not licensed in the client's state", () => {
    const flags = evaluateEligibility(input({ residenceState: "NV", prescriberLicenseStates: ["CA", "OR"] }));
    expect(flags).toMatchObject([{ code: FLAG_CODES.prescriberNotLicensed, severity: "absolute" }]);
    expect(flags[0]?.answer).toContain("NV");
  });

  it("compares states case-insensitively and skips the rule with no prescriber (null)", () => {
    expect(
      evaluateEligibility(input({ residenceState: "or", prescriberLicenseStates: ["CA", "OR"] })),
    ).toEqual([]);
    expect(evaluateEligibility(input({ residenceState: "NV", prescriberLicenseStates: null }))).toEqual([]);
  });

  it("flags a prescriber with no licence states on file", () => {
    const flags = evaluateEligibility(input({ prescriberLicenseStates: [] }));
    expect(flags.map((f) => f.code)).toEqual([FLAG_CODES.prescriberNotLicensed]);
  });
});

describe("combined flags", () => {
  const combined = (medicines: string[]) =>
    evaluateEligibility(
      input({
        intake: makeIntake({
          ...meds(...medicines),
          medical: { glaucoma: yes(), ketamineAllergy: yes("hives after Spravato") },
          psychiatric: { bipolarDisorder: yes() },
          pregnancy: { pregnant: "yes" },
        }),
        dateOfBirth: new Date("2010-01-01T00:00:00Z"),
        residenceState: "TX",
        measures: { phq9Item9: 2, cssrsRisk: "high" },
      }),
    );
  const flags = combined(["Adderall", "Xanax"]);

  it("orders absolute first, each group in a fixed order", () => {
    expect(flags.map((f) => f.code)).toEqual([
      FLAG_CODES.ketamineAllergy,
      FLAG_CODES.suicidalIntentOrPlan,
      FLAG_CODES.pregnancy,
      FLAG_CODES.underAge,
      FLAG_CODES.prescriberNotLicensed,
      FLAG_CODES.glaucoma,
      FLAG_CODES.bipolarDisorder,
      FLAG_CODES.medicationBenzodiazepine,
      FLAG_CODES.medicationStimulant,
      FLAG_CODES.phq9Item9,
    ]);
  });

  it("does not depend on the order of the medicines or of the flags given", () => {
    expect(combined(["Xanax", "Adderall"])).toEqual(flags);
    expect(groupFlags([...flags].reverse()).flatMap((g) => g.flags)).toEqual(flags);
  });

  it("counts by severity", () => {
    expect(countFlags(flags)).toEqual({ absolute: 5, relative: 5 });
    expect(countFlags([])).toEqual({ absolute: 0, relative: 0 });
  });

  it("groups absolute first, then relative, keeping both groups", () => {
    const groups = groupFlags(flags);
    expect(groups.map((g) => [g.severity, g.flags.length])).toEqual([
      ["absolute", 5],
      ["relative", 5],
    ]);
    expect(groupFlags([]).map((g) => g.flags)).toEqual([[], []]);
  });
});

describe("FLAG_CODES", () => {
  it("are unique", () => {
    const codes = Object.values(FLAG_CODES);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
