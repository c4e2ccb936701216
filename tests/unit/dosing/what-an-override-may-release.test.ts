import { describe, expect, it } from "vitest";
import { readPracticeSettings } from "@/lib/domain/admin/practice-settings";
import {
  type CheckItem,
  canDose,
  evaluateGoNoGo,
  type GoNoGoContext,
  type GoNoGoInput,
  type GoNoGoItem,
  type GoNoGoResult,
  isOverridable,
  mayOverride,
  notOverridableFailures,
  SUBSTANCES,
  whyNotOverridable,
} from "@/lib/domain/dosing/checklist";

const defaults = readPracticeSettings({});
const base: GoNoGoInput = {
  systolic: 120,
  diastolic: 80,
  heartRate: 72,
  spo2: 98,
  hoursSinceFood: 6,
  hoursSinceClearLiquids: 3,
  substances24h: { alcohol: "no", benzodiazepines: "no", cannabis: "no", opioids: "no", stimulants: "no" },
  escort: { setting: "in-person", escortConfirmed: "yes" },
  pregnancy: "not-pregnant",
};
const ctx: GoNoGoContext = {
  consentCurrent: true,
  eligibilityCurrent: true,
  openSafetyFlag: false,
  seriesGates: { passed: true, reasons: [] },
};
const run = (over: Partial<GoNoGoInput> = {}, context: Partial<GoNoGoContext> = {}) =>
  evaluateGoNoGo({ ...base, ...over }, defaults, { ...ctx, ...context });
const itemOf = (r: GoNoGoResult, code: string) => r.items.find((i) => i.code === code) as GoNoGoItem;
const override = (items: string[]) => ({
  reason: "Reviewed in person; proceeding with extra monitoring.",
  byRole: "PRESCRIBER",
  items,
});

describe("which failed items a prescriber's override may release (docs/clinical-rules.md §3a)", () => {
  // Each case fails exactly the item named, and nothing else.
  const overridable: [string, Partial<GoNoGoInput>][] = [
    ["bp", { systolic: 152, diastolic: 94 }],
    ["heart-rate", { heartRate: 130 }],
    ["spo2", { spo2: 90 }],
    ["fasting-food", { hoursSinceFood: 2 }],
    ["fasting-liquids", { hoursSinceClearLiquids: 1 }],
    ...Object.keys(SUBSTANCES).map((key): [string, Partial<GoNoGoInput>] => [
      `substance-${key}`,
      { substances24h: { ...base.substances24h, [key]: "yes" } },
    ]),
    ["escort", { escort: { setting: "in-person", escortConfirmed: "no" } }],
    [
      "escort",
      { escort: { setting: "remote", chaperoneName: "", chaperonePhone: "", clientLocationState: "CA" } },
    ],
  ];

  it.each(overridable)("a failed %s item may be overridden with a reason", (code, over) => {
    const r = run(over);
    expect(r.items.filter((i) => i.status === "fail").map((i) => i.code)).toEqual([code]);
    expect(itemOf(r, code)).toMatchObject({ overridable: true });
    expect(itemOf(r, code).whyNot).toBeUndefined();
    expect(mayOverride(r)).toBe(true);
    expect(canDose(r, null)).toBe(false);
    expect(canDose(r, override([code]))).toBe(true);
  });

  const held: [string, Partial<GoNoGoInput>, Partial<GoNoGoContext>, RegExp][] = [
    ["pregnancy", { pregnancy: "pregnant" }, {}, /confirms the status/],
    // Unknown is held as if pregnant until the prescriber confirms the status.
    ["pregnancy", { pregnancy: "unknown" }, {}, /confirms the status/],
    ["consent", {}, { consentCurrent: false }, /signs the current version/],
    ["eligibility", {}, { eligibilityCurrent: false }, /eligible screening/],
    ["safety-flag", {}, { openSafetyFlag: true }, /recorded review of the flag/],
    [
      "series-gates",
      {},
      { seriesGates: { passed: false, reasons: ["No integration session since dose 1."] } },
      /dosing gate/,
    ],
  ];

  it.each(held)(
    "a failed %s item is never released by an override, and says what lifts it",
    (code, over, context, why) => {
      const r = run(over, context);
      expect(r.items.filter((i) => i.status === "fail").map((i) => i.code)).toEqual([code]);
      expect(itemOf(r, code)).toMatchObject({ overridable: false });
      expect(itemOf(r, code).whyNot).toMatch(why);
      expect(notOverridableFailures(r).map((i) => i.code)).toEqual([code]);
      expect(mayOverride(r)).toBe(false);
      expect(canDose(r, override([code]))).toBe(false);
    },
  );

  it("holds the dose when an overridable and a non-overridable item fail together", () => {
    const r = run({ systolic: 152 }, { consentCurrent: false });
    expect(mayOverride(r)).toBe(false);
    expect(canDose(r, override(["bp", "consent"]))).toBe(false);
  });

  it("an override covers only the items it was given for", () => {
    const r = run({ systolic: 152, hoursSinceFood: 1 });
    expect(canDose(r, override(["bp"]))).toBe(false);
    expect(canDose(r, override(["bp", "fasting-food"]))).toBe(true);
    expect(canDose(r, override([]))).toBe(false);
  });

  it("passes items that pass, overridable or not, and a passed checklist needs no override", () => {
    const r = run();
    expect(r.passed).toBe(true);
    expect(mayOverride(r)).toBe(false);
    expect(itemOf(r, "consent")).toMatchObject({ status: "pass", overridable: false });
    expect(canDose(r, null)).toBe(true);
  });

  it("judges a stored item by its code, so an item it does not know is never overridable", () => {
    expect(isOverridable("bp")).toBe(true);
    expect(isOverridable("substance-alcohol")).toBe(true);
    expect(isOverridable("something-new")).toBe(false);
    expect(whyNotOverridable("something-new")).toMatch(/No override/);
    expect(whyNotOverridable("bp")).toBe("");
    // A checklist stored before items carried `overridable` is held the same way.
    const stored: GoNoGoResult = {
      passed: false,
      items: [
        { code: "consent", label: "Informed consent current", status: "fail", detail: "" } as CheckItem,
      ],
    };
    expect(mayOverride(stored)).toBe(false);
    expect(canDose(stored, override(["consent"]))).toBe(false);
  });
});
