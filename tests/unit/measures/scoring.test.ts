import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { answersToSubmit, measureFormSpec, visibleQuestions } from "@/lib/domain/measures/form-spec";
import { SCALE_IDS, type ScaleId } from "@/lib/domain/measures/measure-types";
import { PCL5_CUTOFF } from "@/lib/domain/measures/pcl5";
import {
  bandRanges,
  isRemission,
  isResponse,
  isSafetyFlag,
  LOINC,
  measureTitle,
  pcl5Change,
  percentChange,
  SAFETY_FLAGS,
  SCALES,
  scoreMeasure,
} from "@/lib/domain/measures/scales";

const MAX_ITEM: Record<Exclude<ScaleId, "CSSRS">, number> = { PHQ9: 3, GAD7: 3, PCL5: 4 };

/** Answers adding up to `total`, filled from the first item on (PHQ-9 item 9 stays 0 up to 24). */
function answersFor(scale: Exclude<ScaleId, "CSSRS">, total: number, over: Record<string, number> = {}) {
  let left = total;
  const answers: Record<string, number> = {};
  for (const item of SCALES[scale].items) {
    const value = Math.min(left, MAX_ITEM[scale]);
    answers[item.id] = value;
    left -= value;
  }
  return { ...answers, ...over };
}

const cssrs = (over: Record<string, boolean> = {}) => ({
  q1: false,
  q2: false,
  q3: false,
  q4: false,
  q5: false,
  q6: false,
  ...over,
});

describe("PHQ-9", () => {
  it.each([
    [0, "minimal", "Minimal"],
    [4, "minimal", "Minimal"],
    [5, "mild", "Mild"],
    [9, "mild", "Mild"],
    [10, "moderate", "Moderate"],
    [14, "moderate", "Moderate"],
    [15, "moderately-severe", "Moderately severe"],
    [19, "moderately-severe", "Moderately severe"],
    [20, "severe", "Severe"],
    [27, "severe", "Severe"],
  ])("scores a total of %i as %s", (total, band, bandLabel) => {
    expect(scoreMeasure("PHQ9", answersFor("PHQ9", total))).toMatchObject({ total, band, bandLabel });
  });

  it("flags item 9 whatever the total, even in the minimal band", () => {
    expect(scoreMeasure("PHQ9", answersFor("PHQ9", 0, { q9: 1 }))).toEqual({
      total: 1,
      band: "minimal",
      bandLabel: "Minimal",
      flags: ["phq9-item9"],
    });
    expect(scoreMeasure("PHQ9", answersFor("PHQ9", 24)).flags).toEqual([]);
    expect(scoreMeasure("PHQ9", answersFor("PHQ9", 27)).flags).toEqual(["phq9-item9"]);
  });

  it("accepts the difficulty item without scoring it", () => {
    const answers = answersFor("PHQ9", 4, { difficulty: 3 });
    expect(scoreMeasure("PHQ9", answers)).toMatchObject({ total: 4, band: "minimal" });
    expect(() => scoreMeasure("PHQ9", { ...answers, difficulty: 4 })).toThrow(ZodError);
  });

  it("keeps band and flag consistent for any valid answers", () => {
    const item = fc.integer({ min: 0, max: 3 });
    fc.assert(
      fc.property(fc.array(item, { minLength: 9, maxLength: 9 }), (values) => {
        const answers = Object.fromEntries(values.map((v, i) => [`q${i + 1}`, v]));
        const result = scoreMeasure("PHQ9", answers);
        const range = bandRanges("PHQ9").find((r) => r.band === result.band);
        expect(result.total).toBe(values.reduce((a, b) => a + b, 0));
        expect(range && result.total !== null && result.total >= range.min && result.total <= range.max).toBe(
          true,
        );
        expect(result.flags.includes("phq9-item9")).toBe((values[8] ?? 0) > 0);
      }),
    );
  });
});

describe("GAD-7", () => {
  it.each([
    [0, "minimal"],
    [4, "minimal"],
    [5, "mild"],
    [9, "mild"],
    [10, "moderate"],
    [14, "moderate"],
    [15, "severe"],
    [21, "severe"],
  ])("scores a total of %i as %s", (total, band) => {
    expect(scoreMeasure("GAD7", answersFor("GAD7", total))).toMatchObject({ total, band });
  });

  it("asks for evaluation from 10, not at 9", () => {
    expect(scoreMeasure("GAD7", answersFor("GAD7", 9)).flags).toEqual([]);
    expect(scoreMeasure("GAD7", answersFor("GAD7", 10)).flags).toEqual(["gad7-evaluate"]);
  });
});

describe("PCL-5", () => {
  it("uses 33 as the default cut-off", () => {
    expect(PCL5_CUTOFF).toBe(33);
    expect(scoreMeasure("PCL5", answersFor("PCL5", 32))).toEqual({
      total: 32,
      band: "below-cutoff",
      bandLabel: "Below cut-off",
      flags: [],
    });
    // Items 1-8 at 4 and item 9 at 1: the cut-off is met, the DSM-5 rule is not (1 of D8-D14).
    expect(scoreMeasure("PCL5", answersFor("PCL5", 33))).toEqual({
      total: 33,
      band: "probable-ptsd",
      bandLabel: "Provisional PTSD (cut-off)",
      flags: ["pcl5-probable-ptsd"],
    });
    expect(scoreMeasure("PCL5", answersFor("PCL5", 0)).band).toBe("below-cutoff");
    expect(scoreMeasure("PCL5", answersFor("PCL5", 80)).total).toBe(80);
  });

  it("honours a clinic's own cut-off and refuses a meaningless one", () => {
    expect(scoreMeasure("PCL5", answersFor("PCL5", 31), { pcl5Cutoff: 31 }).band).toBe("probable-ptsd");
    expect(scoreMeasure("PCL5", answersFor("PCL5", 30), { pcl5Cutoff: 31 }).band).toBe("below-cutoff");
    expect(SCALES.PCL5.score(SCALES.PCL5.answersSchema.parse(answersFor("PCL5", 32)), 32).band).toBe(
      "probable-ptsd",
    );
    for (const pcl5Cutoff of [0, 81, 32.5, Number.NaN]) {
      expect(() => scoreMeasure("PCL5", answersFor("PCL5", 40), { pcl5Cutoff })).toThrow(RangeError);
    }
  });
});

describe("C-SSRS screener", () => {
  it.each([
    ["Q4 yes", cssrs({ q2: true, q4: true }), "high"],
    ["Q5 yes", cssrs({ q2: true, q5: true }), "high"],
    ["behaviour within 3 months", { ...cssrs({ q6: true }), q6Recent: true }, "high"],
    ["Q3 only", cssrs({ q2: true, q3: true }), "moderate"],
    ["behaviour over 3 months ago only", { ...cssrs({ q6: true }), q6Recent: false }, "moderate"],
    ["Q1 and Q2 only", cssrs({ q1: true, q2: true }), "low"],
    ["Q1 only", cssrs({ q1: true }), "low"],
    ["all no", cssrs(), "low"],
    ["Q4 yes despite no to Q2", cssrs({ q4: true }), "high"],
  ])("%s gives %s risk", (_, answers, band) => {
    const result = scoreMeasure("CSSRS", answers);
    expect(result.total).toBeNull();
    expect(result.band).toBe(band);
    const flag = { high: ["cssrs-high-risk"], moderate: ["cssrs-moderate-risk"], low: [] }[band];
    expect(result.flags).toEqual(flag);
  });

  it("asks the 3-month follow-up only after a yes to Q6", () => {
    expect(() => scoreMeasure("CSSRS", cssrs({ q6: true }))).toThrow(ZodError);
    expect(() => scoreMeasure("CSSRS", { ...cssrs(), q6Recent: false })).toThrow(ZodError);
    expect(() => scoreMeasure("CSSRS", { ...cssrs(), q1: "yes" })).toThrow(ZodError);
    expect(() => scoreMeasure("CSSRS", { ...cssrs(), q7: true })).toThrow(ZodError);
  });

  it("treats behaviour of unknown recency as recent when scored directly", () => {
    expect(SCALES.CSSRS.score({ ...cssrs(), q6: true }).band).toBe("high");
  });
});

describe("answer schemas", () => {
  it.each(["PHQ9", "GAD7", "PCL5"] as const)(
    "%s refuses incomplete, out-of-range or unknown answers",
    (scale) => {
      const valid = answersFor(scale, 0);
      const { q1: _dropped, ...missing } = valid;
      for (const bad of [
        missing,
        {},
        { ...valid, q1: -1 },
        { ...valid, q1: MAX_ITEM[scale] + 1 },
        { ...valid, q1: 1.5 },
        { ...valid, q1: Number.NaN },
        { ...valid, q1: "1" },
        { ...valid, q1: null },
        { ...valid, extra: 0 },
        null,
        [],
      ]) {
        expect(() => scoreMeasure(scale, bad)).toThrow(ZodError);
      }
      expect(scoreMeasure(scale, valid).total).toBe(0);
    },
  );

  it("keys every schema by exactly the item ids", () => {
    const extra: Record<ScaleId, string[]> = {
      PHQ9: ["difficulty"],
      GAD7: [],
      PCL5: [],
      CSSRS: ["q6Recent"],
    };
    const counts: Record<ScaleId, number> = { PHQ9: 9, GAD7: 7, PCL5: 20, CSSRS: 6 };
    for (const id of SCALE_IDS) {
      const scale = SCALES[id];
      expect(scale.id).toBe(id);
      expect(scale.items).toHaveLength(counts[id]);
      const shape = scale.answersSchema.shape;
      expect(Object.keys(shape)).toEqual([...scale.items.map((i) => i.id), ...extra[id]]);
    }
  });
});

describe("change over time", () => {
  it("counts exactly a 50 % drop as a response, 49 % not, and never from a baseline of 0", () => {
    expect(isResponse(20, 10)).toBe(true);
    expect(isResponse(100, 51)).toBe(false);
    expect(isResponse(27, 14)).toBe(false);
    expect(isResponse(27, 13)).toBe(true);
    expect(isResponse(0, 0)).toBe(false);
    expect(percentChange(20, 10)).toBe(-50);
    expect(percentChange(10, 15)).toBe(50);
    expect(percentChange(0, 5)).toBeNull();
    expect(() => percentChange(-1, 0)).toThrow(RangeError);
  });

  it("calls a PHQ-9 below 5 remission", () => {
    expect(isRemission(4)).toBe(true);
    expect(isRemission(5)).toBe(false);
    expect(isRemission(0)).toBe(true);
  });

  it("grades PCL-5 drops of 10 and 5 points", () => {
    expect(pcl5Change(50, 40)).toBe("clinically-meaningful");
    expect(pcl5Change(50, 41)).toBe("reliable");
    expect(pcl5Change(50, 45)).toBe("reliable");
    expect(pcl5Change(50, 46)).toBe("none");
    expect(pcl5Change(40, 55)).toBe("none");
  });
});

describe("registry, safety flags and codes", () => {
  it("names only suicide-risk flags as safety flags", () => {
    expect(SAFETY_FLAGS).toEqual(["phq9-item9", "cssrs-high-risk"]);
    expect(isSafetyFlag("phq9-item9")).toBe(true);
    expect(isSafetyFlag("cssrs-high-risk")).toBe(true);
    expect(isSafetyFlag("cssrs-moderate-risk")).toBe(false);
    expect(isSafetyFlag("gad7-evaluate")).toBe(false);
  });

  it("carries the LOINC codes of docs/clinical-rules.md", () => {
    expect(LOINC).toEqual({
      PHQ9: { panel: "44249-1", total: "44261-6" },
      GAD7: { panel: "69737-5", total: "70274-6" },
    });
  });

  it("gives contiguous chart bands from 0 to the maximum", () => {
    for (const [scale, max] of [
      ["PHQ9", 27],
      ["GAD7", 21],
      ["PCL5", 80],
    ] as const) {
      const ranges = bandRanges(scale);
      expect(ranges[0]?.min).toBe(0);
      expect(ranges.at(-1)?.max).toBe(max);
      const gaps = ranges.slice(1).map((r, i) => r.min - (ranges[i]?.max ?? Number.NaN));
      expect(gaps.every((gap) => gap === 1)).toBe(true);
    }
    expect(bandRanges("PCL5", { pcl5Cutoff: 31 })).toEqual([
      { band: "below-cutoff", label: "Below cut-off", min: 0, max: 30 },
      { band: "probable-ptsd", label: "Provisional PTSD", min: 31, max: 80 },
    ]);
    expect(bandRanges("CSSRS")).toEqual([]);
  });
});

describe("the C-SSRS since last visit (asked before each dose)", () => {
  const no = { q1: false, q2: false, q3: false, q4: false, q5: false, q6: false };

  it("asks the same six questions about the time since the last visit, without the recency follow-up", () => {
    const spec = measureFormSpec("CSSRS", "SINCE_LAST_VISIT");
    expect(spec.variant).toBe("SINCE_LAST_VISIT");
    expect(spec.shortTitle).toBe("C-SSRS since last visit");
    expect(spec.questions.map((q) => q.id)).toEqual(["q1", "q2", "q3", "q4", "q5", "q6"]);
    expect(spec.questions.every((q) => q.text.startsWith("Since your last visit"))).toBe(true);
    expect(visibleQuestions(spec, { q6: "true" }).map((q) => q.id)).toEqual(["q1", "q2", "q6"]);
    expect(answersToSubmit(spec, { q1: "false", q2: "false", q6: "true" })).toEqual({ ...no, q6: true });
    expect(measureFormSpec("CSSRS").variant).toBe("STANDARD");
    expect(() => measureFormSpec("PHQ9", "SINCE_LAST_VISIT")).toThrow(RangeError);
  });

  it("scores like the screener: intent, plan or any behaviour since the last visit is high risk", () => {
    const score = (a: Record<string, boolean>) => scoreMeasure("CSSRS", a, { variant: "SINCE_LAST_VISIT" });
    expect(score(no)).toMatchObject({ band: "low", flags: [] });
    expect(score({ ...no, q2: true, q3: true })).toMatchObject({
      band: "moderate",
      flags: ["cssrs-moderate-risk"],
    });
    expect(score({ ...no, q2: true, q4: true })).toMatchObject({ band: "high", flags: ["cssrs-high-risk"] });
    expect(score({ ...no, q5: true })).toMatchObject({ band: "high", flags: ["cssrs-high-risk"] });
    // Behaviour since the last visit is recent by definition.
    expect(score({ ...no, q6: true })).toMatchObject({ band: "high", flags: ["cssrs-high-risk"] });
  });

  it("refuses the recency follow-up, missing answers and a time frame other scales do not have", () => {
    const score = (a: unknown) => scoreMeasure("CSSRS", a, { variant: "SINCE_LAST_VISIT" });
    expect(() => score({ ...no, q6: true, q6Recent: true })).toThrow(ZodError);
    expect(() => score({ q1: false })).toThrow(ZodError);
    expect(() => scoreMeasure("PHQ9", {}, { variant: "SINCE_LAST_VISIT" })).toThrow(RangeError);
    expect(measureTitle("CSSRS", "SINCE_LAST_VISIT").title).toMatch(/since last visit/);
    expect(measureTitle("CSSRS").title).toBe(SCALES.CSSRS.title);
  });
});
