import { describe, expect, it } from "vitest";
import { bmiBand, bmiOf, describeBody } from "@/lib/domain/intake/bmi";
import { type StoredIntake, storedIntakeSchema } from "@/lib/domain/intake/intake-answers";
import { type EligibilityInput, evaluateEligibility, FLAG_CODES } from "@/lib/domain/screening/eligibility";
import { completeIntake } from "../../fixtures/intake";

const yes = (details?: string) =>
  details ? { answer: "yes" as const, details } : { answer: "yes" as const };
const NOW = new Date("2026-03-01T15:00:00Z");
const input = (intake: Partial<StoredIntake>, over: Partial<EligibilityInput> = {}): EligibilityInput => ({
  intake,
  dateOfBirth: new Date("1990-06-15T00:00:00Z"),
  residenceState: "CA",
  prescriberLicenseStates: ["CA"],
  measures: { phq9Item9: 0, cssrsRisk: "low" },
  now: NOW,
  timeZone: "UTC",
  ...over,
});
const flagsOf = (intake: Partial<StoredIntake>, over: Partial<EligibilityInput> = {}) =>
  evaluateEligibility(input(intake, over));
const codes = (intake: Partial<StoredIntake>) => flagsOf(intake).map((f) => f.code);

describe("the later intake questions raise their flags", () => {
  it("a complete intake with every answer no raises nothing", () => {
    expect(flagsOf(completeIntake())).toEqual([]);
  });

  it.each([
    ["seizureDisorder", "seizureDisorder", FLAG_CODES.seizureDisorder],
    ["strokeOrTia", "strokeOrTia", FLAG_CODES.strokeOrTia],
    ["preEclampsia", "preEclampsia", FLAG_CODES.preEclampsia],
    ["pulmonaryHypertension", "pulmonaryHypertension", FLAG_CODES.pulmonaryHypertension],
  ] as const)("%s yes raises a relative flag", (_name, item, code) => {
    const flags = flagsOf(completeIntake({ medical: { [item]: yes("in 2019") } }));
    expect(flags).toEqual([
      expect.objectContaining({ code, severity: "relative", answer: "Yes — 'in 2019'" }),
    ]);
  });

  it("a heart attack is relative and says how long ago", () => {
    const flags = flagsOf(
      completeIntake({ medical: { heartAttack: yes(), heartAttackWhen: "6-to-12-months" } }),
    );
    expect(flags).toEqual([
      expect.objectContaining({
        code: "heart-attack",
        severity: "relative",
        answer: "Yes, 6 to 12 months ago",
      }),
    ]);
  });

  it("a heart attack in the last 6 months says to get cardiology clearance first", () => {
    const [f] = flagsOf(
      completeIntake({ medical: { heartAttack: yes(), heartAttackWhen: "under-6-months" } }),
    );
    expect(f?.detail).toMatch(/cardiology clearance/);
  });

  it("the form needs how long ago after a heart attack, and not after a no", () => {
    expect(() => completeIntake({ medical: { heartAttack: yes() } })).toThrow(/how long ago/);
    // A radio group with nothing chosen comes from the form as null or "".
    for (const blank of [null, ""]) {
      const medical = { heartAttack: { answer: "no" }, heartAttackWhen: blank } as never;
      expect(() => completeIntake({ medical })).not.toThrow();
    }
  });

  it("active ketamine use disorder is absolute; past misuse stays relative", () => {
    const active = flagsOf(completeIntake({ experience: { ketamineUseDisorder: yes() } }));
    expect(active).toEqual([
      expect.objectContaining({ code: "ketamine-use-disorder", severity: "absolute" }),
    ]);
    const past = flagsOf(completeIntake({ experience: { ketamineMisuse: yes("in college, stopped 2015") } }));
    expect(past).toEqual([expect.objectContaining({ code: "ketamine-misuse", severity: "relative" })]);
  });

  it("planning a pregnancy is read by the rules (relative); no and not-applicable raise nothing", () => {
    expect(codes(completeIntake({ pregnancy: { planningPregnancy: "yes" } }))).toEqual([
      "planning-pregnancy",
    ]);
    expect(codes(completeIntake({ pregnancy: { planningPregnancy: "no" } }))).toEqual([]);
    expect(codes(completeIntake({ pregnancy: { planningPregnancy: "not-applicable" } }))).toEqual([]);
  });
});

describe("BMI from height and weight", () => {
  it.each([
    [{ heightFeet: 5, heightInches: 10, weightPounds: 170 }, 24.4],
    [{ heightFeet: 5, heightInches: 0, weightPounds: 100 }, 19.5],
    [{ heightFeet: 6, weightPounds: 180 }, 24.4],
    [{ heightFeet: 5, heightInches: 4, weightPounds: 204 }, 35],
  ])("bmiOf(%j) is %s", (m, bmi) => {
    expect(bmiOf(m)).toBe(bmi);
  });

  it("is null when height or weight is missing", () => {
    expect(bmiOf({ heightFeet: 5 })).toBeNull();
    expect(bmiOf({ weightPounds: 150 })).toBeNull();
    expect(describeBody({})).toBeNull();
  });

  it.each([
    [18.4, "underweight"],
    [24.9, "healthy weight"],
    [29.9, "overweight"],
    [34.9, "obesity, class 1"],
    [39.9, "obesity, class 2"],
    [40, "obesity, class 3"],
  ])("BMI %s is %s", (bmi, band) => {
    expect(bmiBand(bmi)).toBe(band);
  });

  it.each([
    // [feet, inches, pounds, flagged]
    [5, 10, 170, false], // 24.4
    [5, 4, 203, false], // 34.8
    [5, 4, 204, true], // 35.0: the threshold itself is flagged
    [6, 0, 300, true], // 40.7
    [5, 0, 100, false], // 19.5
  ])("%i ft %i in, %i lb: flagged %s", (heightFeet, heightInches, weightPounds, flagged) => {
    const got = codes(completeIntake({ medical: { heightFeet, heightInches, weightPounds } }));
    expect(got.includes("high-bmi")).toBe(flagged);
  });

  it("quotes height, weight and BMI in the flag", () => {
    const [f] = flagsOf(completeIntake({ medical: { heightFeet: 6, heightInches: 0, weightPounds: 300 } }));
    expect(f).toMatchObject({
      code: "high-bmi",
      severity: "relative",
      answer: "6 ft 0 in, 300 lb: BMI 40.7 (obesity, class 3)",
    });
  });
});

describe("an intake taken before the later questions were asked", () => {
  const older = () => {
    const { medical, experience, ...rest } = completeIntake();
    const {
      seizureDisorder: _s,
      strokeOrTia: _t,
      heartAttack: _h,
      preEclampsia: _p,
      pulmonaryHypertension: _ph,
      heightFeet: _f,
      heightInches: _i,
      weightPounds: _w,
      ...oldMedical
    } = medical;
    const { ketamineUseDisorder: _k, ...oldExperience } = experience;
    return { ...rest, medical: oldMedical, experience: oldExperience };
  };

  it("still reads as a stored intake", () => {
    expect(storedIntakeSchema.safeParse(older()).success).toBe(true);
  });

  it("raises one relative not-asked flag naming every missing answer, never reading them as no", () => {
    const flags = flagsOf(storedIntakeSchema.parse(older()));
    expect(flags).toEqual([
      expect.objectContaining({
        code: "intake-not-asked",
        severity: "relative",
        answer:
          "No answer on file for: seizures, stroke or TIA, heart attack, pre-eclampsia, pulmonary hypertension, height and weight, active ketamine use",
      }),
    ]);
  });

  it("lists only what is missing", () => {
    const partial = {
      ...older(),
      medical: { ...older().medical, seizureDisorder: { answer: "no" as const } },
    };
    const [f] = flagsOf(storedIntakeSchema.parse({ ...partial, experience: completeIntake().experience }));
    expect(f?.answer).toBe(
      "No answer on file for: stroke or TIA, heart attack, pre-eclampsia, pulmonary hypertension, height and weight",
    );
  });
});
