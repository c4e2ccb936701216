import { describe, expect, it } from "vitest";
import { evaluateEligibility, psychoticDiagnosisFlag } from "@/lib/domain/screening/eligibility";
import {
  findIcd10,
  hasPsychoticFeatures,
  ICD10_DIAGNOSES,
  PSYCHOTIC_FEATURES_DIAGNOSES,
  searchIcd10,
} from "@/lib/domain/screening/icd10";
import { completeIntake } from "../../fixtures/intake";

describe("diagnoses with psychotic features", () => {
  it.each([
    "F32.3",
    "F33.3",
    "F31.2",
    "F31.5",
    "F31.64",
    "F20.9",
    "F20.0",
    "F21",
    "F22",
    "F23",
    "F25.0",
    "F28",
    "F29",
    "F30.2",
    "F06.0",
    "F06.2",
    "F53.1",
    "F10.159",
    "f323",
  ])("%s has psychotic features", (code) => {
    expect(hasPsychoticFeatures(code)).toBe(true);
  });

  it.each(["F32.2", "F33.2", "F31.4", "F31.32", "F31.81", "F41.1", "F43.10", "F06.4", "F10.20", "F30.10"])(
    "%s has no psychotic features",
    (code) => {
      expect(hasPsychoticFeatures(code)).toBe(false);
    },
  );

  it("are not offered by the picker's search, by code or by words", () => {
    expect(ICD10_DIAGNOSES.some((d) => hasPsychoticFeatures(d.code))).toBe(false);
    expect(searchIcd10("F32").map((d) => d.code)).not.toContain("F32.3");
    expect(searchIcd10("F33.3")).toEqual([]);
    expect(searchIcd10("psychotic", 50).every((d) => !hasPsychoticFeatures(d.code))).toBe(true);
    expect(searchIcd10("", 100).some((d) => hasPsychoticFeatures(d.code))).toBe(false);
  });

  it("are still recognised when stored or sent, with their official title", () => {
    expect(findIcd10("f32.3")?.description).toBe(
      "Major depressive disorder, single episode, severe with psychotic features",
    );
    expect(PSYCHOTIC_FEATURES_DIAGNOSES.every((d) => hasPsychoticFeatures(d.code))).toBe(true);
  });

  it("raise the absolute psychotic-features flag when chosen", () => {
    expect(psychoticDiagnosisFlag("F33.3")).toMatchObject({
      code: "psychotic-features-diagnosis",
      severity: "absolute",
      answer: "F33.3",
    });
    expect(psychoticDiagnosisFlag("F33.2")).toBeNull();
    expect(psychoticDiagnosisFlag(null)).toBeNull();
    const flags = evaluateEligibility({
      intake: completeIntake(),
      diagnosisCode: "F31.5",
      dateOfBirth: new Date("1990-01-01T00:00:00Z"),
      residenceState: "CA",
      prescriberLicenseStates: ["CA"],
      measures: { phq9Item9: 0, cssrsRisk: "low" },
      now: new Date("2026-03-01T00:00:00Z"),
      timeZone: "UTC",
    });
    expect(flags.map((f) => [f.code, f.severity])).toEqual([["psychotic-features-diagnosis", "absolute"]]);
  });
});
