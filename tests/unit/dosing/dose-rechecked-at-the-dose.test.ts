import { describe, expect, it } from "vitest";
import { readPracticeSettings } from "@/lib/domain/admin/practice-settings";
import { evaluateGoNoGo, type GoNoGoContext, type GoNoGoInput } from "@/lib/domain/dosing/checklist";
import { type DoseRecheckFacts, recheckDose } from "@/lib/domain/dosing/dose-recheck";

const settings = readPracticeSettings({});
const input: GoNoGoInput = {
  systolic: 120,
  diastolic: 80,
  heartRate: 72,
  spo2: 98,
  hoursSinceFood: 6,
  hoursSinceClearLiquids: 3,
  substances24h: { alcohol: "no", benzodiazepines: "no", cannabis: "no", opioids: "no", stimulants: "no" },
  escort: { setting: "in-person", escortConfirmed: "yes" },
  pregnancy: "not-applicable",
};
const ctx: GoNoGoContext = {
  consentCurrent: true,
  eligibilityCurrent: true,
  openSafetyFlag: false,
  seriesGates: { passed: true, reasons: [] },
};
const NOW = new Date("2026-12-03T18:00:00Z");
const minutesBefore = (m: number) => new Date(NOW.getTime() - m * 60_000);

const facts = (over: Partial<DoseRecheckFacts> = {}): DoseRecheckFacts => ({
  now: NOW,
  givenAt: NOW,
  checklist: evaluateGoNoGo(input, settings, ctx),
  checklistAt: minutesBefore(20),
  override: null,
  bpReadingMaxAgeMinutes: settings.bpReadingMaxAgeMinutes,
  preDose: { cssrsSinceLastVisit: true, phq9: true },
  order: { revokedAt: null, validUntil: new Date(NOW.getTime() + 86_400_000) },
  ...over,
});
const codes = (f: DoseRecheckFacts) => recheckDose(f).map((p) => p.code);

describe("the re-check when a dose is recorded (docs/clinical-rules.md §3, §3a)", () => {
  it("lets the dose through when everything still holds", () => {
    expect(recheckDose(facts())).toEqual([]);
  });

  it("refuses without a checklist", () => {
    expect(codes(facts({ checklist: null }))).toEqual(["checklist-missing"]);
  });

  it("refuses a flag, a consent or an eligibility that changed after the checklist, whatever the override", () => {
    const now = (c: Partial<GoNoGoContext>) => evaluateGoNoGo(input, settings, { ...ctx, ...c });
    const everything = { reason: "Proceed; discussed with the client at length.", byRole: "PRESCRIBER" };
    for (const [c, code] of [
      [{ openSafetyFlag: true }, "item:safety-flag"],
      [{ consentCurrent: false }, "item:consent"],
      [{ eligibilityCurrent: false }, "item:eligibility"],
      [{ seriesGates: { passed: false, reasons: ["Dose limit."] } }, "item:series-gates"],
    ] as [Partial<GoNoGoContext>, string][]) {
      const override = { ...everything, items: [code.slice(5)] };
      expect(codes(facts({ checklist: now(c), override }))).toEqual([code]);
    }
  });

  it("an override covers the items it was given for; an item failing anew holds the dose", () => {
    const bpHigh = evaluateGoNoGo({ ...input, systolic: 150 }, settings, ctx);
    const override = {
      reason: "White-coat rise; repeat reading 136/86.",
      byRole: "PRESCRIBER",
      items: ["bp"],
    };
    expect(codes(facts({ checklist: bpHigh, override }))).toEqual([]);
    expect(codes(facts({ checklist: bpHigh }))).toEqual(["item:bp"]);
    // The clinic raised its fasting minimum meanwhile: fasting now fails, and the override was not given for it.
    const stricter = readPracticeSettings({ fastingFoodHours: 8 });
    const now = evaluateGoNoGo({ ...input, systolic: 150 }, stricter, ctx);
    const problems = recheckDose(facts({ checklist: now, override }));
    expect(problems.map((p) => p.code)).toEqual(["item:fasting-food"]);
    expect(problems[0]?.message).toMatch(/override does not cover it/);
  });

  it("refuses a blood-pressure reading older than the clinic's setting, now or when the dose was given", () => {
    expect(codes(facts({ checklistAt: minutesBefore(60) }))).toEqual([]);
    const old = recheckDose(facts({ checklistAt: minutesBefore(61) }));
    expect(old.map((p) => p.code)).toEqual(["bp-reading-too-old"]);
    expect(old[0]?.message).toMatch(
      /61 minutes old.*60 minutes \(a clinic setting\).*enter the go \/ no-go checklist again/,
    );
    // A dose entered as given 3 minutes from now (allowed) with a reading 58 minutes old: 61 at the dose.
    expect(
      codes(facts({ checklistAt: minutesBefore(58), givenAt: new Date(NOW.getTime() + 3 * 60_000) })),
    ).toEqual(["bp-reading-too-old"]);
    expect(codes(facts({ checklistAt: minutesBefore(100), bpReadingMaxAgeMinutes: 120 }))).toEqual([]);
    // A checklist stored without a time asks for a new reading.
    expect(codes(facts({ checklistAt: null }))).toEqual(["bp-reading-too-old"]);
  });

  it("refuses until the C-SSRS since last visit and the PHQ-9 are done", () => {
    expect(codes(facts({ preDose: { cssrsSinceLastVisit: false, phq9: true } }))).toEqual([
      "pre-dose-cssrs-missing",
    ]);
    expect(codes(facts({ preDose: { cssrsSinceLastVisit: true, phq9: false } }))).toEqual([
      "pre-dose-phq9-missing",
    ]);
  });

  it("refuses an order revoked or expired by the real time of recording", () => {
    expect(
      codes(facts({ order: { revokedAt: minutesBefore(1), validUntil: new Date(NOW.getTime() + 1) } })),
    ).toEqual(["order-revoked"]);
    expect(codes(facts({ order: { revokedAt: null, validUntil: minutesBefore(1) } }))).toEqual([
      "order-expired",
    ]);
    expect(codes(facts({ order: { revokedAt: null, validUntil: NOW } }))).toEqual([]);
    // Entered as given 3 minutes ahead, past the order's end.
    const ahead = new Date(NOW.getTime() + 3 * 60_000);
    expect(
      codes(
        facts({ givenAt: ahead, order: { revokedAt: null, validUntil: new Date(NOW.getTime() + 60_000) } }),
      ),
    ).toEqual(["order-expired"]);
  });

  it("offers an override for a failing vitals item only while nothing else holds the dose", () => {
    const bpHigh = (c: Partial<GoNoGoContext> = {}) =>
      recheckDose(
        facts({ checklist: evaluateGoNoGo({ ...input, systolic: 150 }, settings, { ...ctx, ...c }) }),
      );
    expect(bpHigh()[0]?.message).toMatch(/unless a prescriber overrides it/);
    const withConsent = bpHigh({ consentCurrent: false });
    expect(withConsent.map((p) => p.code)).toEqual(["item:bp", "item:consent"]);
    expect(withConsent[0]?.message).not.toMatch(/overrides it/);
  });

  it("lists every problem, not just the first", () => {
    const all = facts({
      checklist: evaluateGoNoGo({ ...input, pregnancy: "unknown" }, settings, {
        ...ctx,
        openSafetyFlag: true,
      }),
      checklistAt: minutesBefore(90),
      preDose: { cssrsSinceLastVisit: false, phq9: false },
      order: { revokedAt: minutesBefore(5), validUntil: minutesBefore(1) },
    });
    expect(codes(all)).toEqual([
      "item:pregnancy",
      "item:safety-flag",
      "bp-reading-too-old",
      "pre-dose-cssrs-missing",
      "pre-dose-phq9-missing",
      "order-revoked",
      "order-expired",
    ]);
  });
});
