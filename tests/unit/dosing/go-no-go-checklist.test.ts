import { describe, expect, it } from "vitest";
import { readPracticeSettings } from "@/lib/domain/admin/practice-settings";
import {
  canDose,
  clientLocationOf,
  evaluateGoNoGo,
  type GoNoGoContext,
  type GoNoGoInput,
  goNoGoInputSchema,
  SUBSTANCES,
  type Substance,
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
const run = (over: Partial<GoNoGoInput> = {}, settings = defaults, context = ctx) =>
  evaluateGoNoGo({ ...base, ...over }, settings, context);
const status = (r: ReturnType<typeof run>, code: string) => r.items.find((i) => i.code === code)?.status;
const detail = (r: ReturnType<typeof run>, code: string) =>
  r.items.find((i) => i.code === code)?.detail ?? "";

describe("go / no-go input", () => {
  it("accepts a complete entry and catches typos in vitals", () => {
    expect(goNoGoInputSchema.safeParse(base).success).toBe(true);
    expect(goNoGoInputSchema.safeParse({ ...base, systolic: 1400 }).success).toBe(false);
    expect(goNoGoInputSchema.safeParse({ ...base, systolic: 49 }).success).toBe(false);
    expect(goNoGoInputSchema.safeParse({ ...base, spo2: 101 }).success).toBe(false);
    expect(goNoGoInputSchema.safeParse({ ...base, heartRate: 72.5 }).success).toBe(false);
    expect(goNoGoInputSchema.safeParse({ ...base, hoursSinceFood: -1 }).success).toBe(false);
    expect(goNoGoInputSchema.safeParse({ ...base, pregnancy: "maybe" }).success).toBe(false);
  });

  it("lets a remote session leave the chaperone empty (the checklist then fails it)", () => {
    const remote = { setting: "remote", clientLocationState: "WA" };
    const parsed = goNoGoInputSchema.parse({ ...base, escort: remote });
    expect(parsed.escort).toEqual({ ...remote, chaperoneName: "", chaperonePhone: "" });
    expect(
      goNoGoInputSchema.safeParse({ ...base, escort: { ...remote, chaperonePhone: "call me" } }).success,
    ).toBe(false);
  });

  it("asks a remote session for the state the client is in today (the prescriber's licence is checked there)", () => {
    const missing = goNoGoInputSchema.safeParse({ ...base, escort: { setting: "remote" } });
    expect(missing.error?.issues.map((i) => i.path.join("."))).toEqual(["escort.clientLocationState"]);
    expect(
      goNoGoInputSchema.safeParse({ ...base, escort: { setting: "remote", clientLocationState: "ZZ" } })
        .success,
    ).toBe(false);
    const parsed = goNoGoInputSchema.parse({
      ...base,
      escort: { setting: "remote", clientLocationState: "or" },
    });
    expect(clientLocationOf({ input: parsed })).toEqual({ remote: true, state: "OR" });
    expect(clientLocationOf({ input: base })).toEqual({ remote: false, state: null });
    // A remote checklist stored without the state (before it was asked) names no state.
    expect(clientLocationOf({ input: { escort: { setting: "remote" } } })).toEqual({
      remote: true,
      state: null,
    });
    expect(clientLocationOf(null)).toEqual({ remote: false, state: null });
  });
});

describe("evaluateGoNoGo", () => {
  it("passes a clean checklist with one item per check", () => {
    const r = run();
    expect(r.passed).toBe(true);
    expect(r.items.map((i) => i.code)).toEqual([
      "bp",
      "heart-rate",
      "spo2",
      "fasting-food",
      "fasting-liquids",
      "substance-alcohol",
      "substance-benzodiazepines",
      "substance-cannabis",
      "substance-opioids",
      "substance-stimulants",
      "escort",
      "pregnancy",
      "consent",
      "eligibility",
      "safety-flag",
      "series-gates",
    ]);
  });

  it("holds only above 140/90: exactly 140/90 passes", () => {
    const at = run({ systolic: 140, diastolic: 90 });
    expect(status(at, "bp")).toBe("pass");
    expect(detail(at, "bp")).toMatch(/only a value above it holds/);
    expect(status(run({ systolic: 141, diastolic: 90 }), "bp")).toBe("fail");
    expect(status(run({ systolic: 140, diastolic: 91 }), "bp")).toBe("fail");
    const high = run({ systolic: 152, diastolic: 94 });
    expect(high.passed).toBe(false);
    expect(detail(high, "bp")).toBe(
      "BP 152/94 is above the practice's hold threshold of 140/90 (a clinic setting).",
    );
  });

  it("uses the clinic's own thresholds", () => {
    const custom = readPracticeSettings({ bpHoldSystolic: 150, bpHoldDiastolic: 95 });
    expect(status(run({ systolic: 150, diastolic: 95 }, custom), "bp")).toBe("pass");
    expect(status(run({ systolic: 151, diastolic: 95 }, custom), "bp")).toBe("fail");
    expect(status(run({ systolic: 150, diastolic: 96 }, custom), "bp")).toBe("fail");
    expect(detail(run({ systolic: 151, diastolic: 80 }, custom), "bp")).toContain(
      "150/95 (a clinic setting)",
    );
  });

  it("checks heart rate and SpO2 against the alert thresholds", () => {
    expect(status(run({ heartRate: 120 }), "heart-rate")).toBe("pass");
    expect(status(run({ heartRate: 121 }), "heart-rate")).toBe("fail");
    expect(status(run({ heartRate: 50 }), "heart-rate")).toBe("pass");
    expect(status(run({ heartRate: 49 }), "heart-rate")).toBe("fail");
    expect(status(run({ spo2: 92 }), "spo2")).toBe("pass");
    expect(status(run({ spo2: 91 }), "spo2")).toBe("fail");
  });

  it("checks fasting at its edges", () => {
    expect(status(run({ hoursSinceFood: 4 }), "fasting-food")).toBe("pass");
    expect(status(run({ hoursSinceFood: 3.9 }), "fasting-food")).toBe("fail");
    expect(status(run({ hoursSinceClearLiquids: 2 }), "fasting-liquids")).toBe("pass");
    expect(status(run({ hoursSinceClearLiquids: 1.5 }), "fasting-liquids")).toBe("fail");
    const lenient = readPracticeSettings({ fastingFoodHours: 2 });
    expect(status(run({ hoursSinceFood: 2 }, lenient), "fasting-food")).toBe("pass");
  });

  it("fails each substance taken in the last 24 hours on its own", () => {
    for (const key of Object.keys(SUBSTANCES) as Substance[]) {
      const r = run({ substances24h: { ...base.substances24h, [key]: "yes" } });
      expect(r.passed).toBe(false);
      expect(r.items.filter((i) => i.status === "fail").map((i) => i.code)).toEqual([`substance-${key}`]);
    }
  });

  it("needs an escort in person, or a chaperone's name and phone for a remote session", () => {
    expect(status(run({ escort: { setting: "in-person", escortConfirmed: "no" } }), "escort")).toBe("fail");
    const full = {
      setting: "remote" as const,
      chaperoneName: "Sam Lee",
      chaperonePhone: "555 010 2030",
      clientLocationState: "CA" as const,
    };
    expect(status(run({ escort: full }), "escort")).toBe("pass");
    const noPhone = run({ escort: { ...full, chaperonePhone: "" } });
    expect(status(noPhone, "escort")).toBe("fail");
    expect(detail(noPhone, "escort")).toContain("phone");
    expect(detail(run({ escort: { ...full, chaperoneName: "", chaperonePhone: "" } }), "escort")).toContain(
      "name and phone",
    );
  });

  it("judges pregnancy status", () => {
    expect(status(run({ pregnancy: "not-pregnant" }), "pregnancy")).toBe("pass");
    expect(status(run({ pregnancy: "not-applicable" }), "pregnancy")).toBe("pass");
    expect(status(run({ pregnancy: "pregnant" }), "pregnancy")).toBe("fail");
    const unknown = run({ pregnancy: "unknown" });
    expect(status(unknown, "pregnancy")).toBe("fail");
    expect(detail(unknown, "pregnancy")).toMatch(/confirm/);
  });

  it("fails on the server's facts: consent, eligibility, an open safety flag, series gates with their reasons", () => {
    expect(status(run({}, defaults, { ...ctx, consentCurrent: false }), "consent")).toBe("fail");
    expect(status(run({}, defaults, { ...ctx, eligibilityCurrent: false }), "eligibility")).toBe("fail");
    const flagged = run({}, defaults, { ...ctx, openSafetyFlag: true });
    expect(flagged.passed).toBe(false);
    expect(status(flagged, "safety-flag")).toBe("fail");
    expect(detail(flagged, "safety-flag")).toMatch(/records a review/);
    const gated = run({}, defaults, {
      ...ctx,
      seriesGates: { passed: false, reasons: ["No integration session since dose 1."] },
    });
    expect(gated.passed).toBe(false);
    expect(detail(gated, "series-gates")).toBe("No integration session since dose 1.");
  });
});

describe("canDose and overrides", () => {
  const failed = run({ systolic: 150 });
  const items = ["bp"];

  it("allows a passed checklist without an override", () => {
    expect(canDose(run(), null)).toBe(true);
  });

  it("blocks a failed checklist without an override", () => {
    expect(canDose(failed, null)).toBe(false);
  });

  it("refuses an override by a therapist", () => {
    expect(
      canDose(failed, { reason: "Client is calm, BP rechecked twice.", byRole: "THERAPIST", items }),
    ).toBe(false);
  });

  it("refuses a prescriber's override with too short a reason", () => {
    expect(canDose(failed, { reason: "ok", byRole: "PRESCRIBER", items })).toBe(false);
    expect(canDose(failed, { reason: "   fine     ", byRole: "PRESCRIBER", items })).toBe(false);
  });

  it("allows a prescriber's override with a reason, for the items it was given for", () => {
    expect(
      canDose(failed, { reason: "White-coat BP; home readings 125/80.", byRole: "PRESCRIBER", items }),
    ).toBe(true);
  });
});
