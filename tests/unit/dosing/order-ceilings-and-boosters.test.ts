import { describe, expect, it } from "vitest";
import { readPracticeSettings } from "@/lib/domain/admin/practice-settings";
import {
  type Administrations,
  checkBooster,
  dosingOrderInputSchemaAt,
  lastAdministrationAt,
  orderCeilingIssues,
  weightNeedsConfirmation,
} from "@/lib/domain/dosing/order";

const now = new Date("2026-03-02T10:00:00Z");
const schema = dosingOrderInputSchemaAt(() => now);
const defaults = readPracticeSettings({});
const none = { boosterMg: null, boosterEarliestMinute: null, totalMaxMg: null };
type Amounts = Parameters<typeof orderCeilingIssues>[0];
const order = (over: Partial<Amounts>): Amounts => ({
  route: "SUBLINGUAL",
  doseMg: null,
  doseMgPerKg: null,
  weightKg: null,
  ...none,
  ...over,
});
const paths = (o: Amounts, settings = defaults) => orderCeilingIssues(o, settings).map((i) => i.path);
const issuesAt = (input: Record<string, unknown>) => {
  const parsed = schema.safeParse({ maxDoses: 2, validUntil: "2026-04-02", ...input });
  return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join("."));
};

describe("per-route ceilings (practice settings)", () => {
  it("defaults to 1000 mg sublingual and oral, 150 mg intranasal, 2 mg/kg intramuscular and intravenous", () => {
    expect(defaults).toMatchObject({
      ceilingSublingualMg: 1000,
      ceilingOralMg: 1000,
      ceilingIntranasalMg: 150,
      ceilingIntramuscularMgPerKg: 2,
      ceilingIntravenousMgPerKg: 2,
    });
  });

  it("allows an order at its route's ceiling and refuses one above it, on the dose's field", () => {
    expect(paths(order({ route: "SUBLINGUAL", doseMg: 1000 }))).toEqual([]);
    expect(paths(order({ route: "SUBLINGUAL", doseMg: 1000.01 }))).toEqual(["doseMg"]);
    expect(paths(order({ route: "ORAL", doseMg: 1000 }))).toEqual([]);
    expect(paths(order({ route: "ORAL", doseMg: 1001 }))).toEqual(["doseMg"]);
    expect(paths(order({ route: "INTRANASAL", doseMg: 150 }))).toEqual([]);
    const [issue] = orderCeilingIssues(order({ route: "INTRANASAL", doseMg: 200 }), defaults);
    expect(issue?.message).toMatch(
      /200 mg is above the practice's ceiling for an intranasal order \(150 mg per dose/,
    );
  });

  it("checks intramuscular and intravenous orders per kg of the weight they carry", () => {
    expect(paths(order({ route: "INTRAMUSCULAR", doseMgPerKg: 2, weightKg: 70 }))).toEqual([]);
    expect(paths(order({ route: "INTRAMUSCULAR", doseMgPerKg: 2.001, weightKg: 70 }))).toEqual([
      "doseMgPerKg",
    ]);
    // A dose in mg with the weight: 140 mg for 70 kg is 2 mg/kg.
    expect(paths(order({ route: "INTRAVENOUS", doseMg: 140, weightKg: 70 }))).toEqual([]);
    expect(paths(order({ route: "INTRAVENOUS", doseMg: 140.01, weightKg: 70 }))).toEqual(["doseMg"]);
    // A weight typed in pounds makes a per-kg ceiling look roomy; the weight check catches that (below).
    expect(paths(order({ route: "INTRAVENOUS", doseMg: 35 }))).toEqual(["weightKg"]);
  });

  it("follows the clinic's own ceilings", () => {
    const strict = readPracticeSettings({ ceilingSublingualMg: 400, ceilingIntravenousMgPerKg: 0.5 });
    expect(paths(order({ doseMg: 401 }), strict)).toEqual(["doseMg"]);
    expect(paths(order({ route: "INTRAVENOUS", doseMgPerKg: 0.5, weightKg: 80 }), strict)).toEqual([]);
    expect(paths(order({ route: "INTRAVENOUS", doseMgPerKg: 0.6, weightKg: 80 }), strict)).toEqual([
      "doseMgPerKg",
    ]);
  });

  it("keeps a booster's session total under the ceiling too", () => {
    const booster = { boosterMg: 100, boosterEarliestMinute: 30 };
    expect(paths(order({ route: "INTRANASAL", doseMg: 100, ...booster, totalMaxMg: 150 }))).toEqual([]);
    expect(paths(order({ route: "INTRANASAL", doseMg: 100, ...booster, totalMaxMg: 200 }))).toEqual([
      "totalMaxMg",
    ]);
  });
});

describe("the order's form: weight and booster", () => {
  it("needs the weight on an intramuscular or intravenous order, in mg or in mg/kg", () => {
    expect(issuesAt({ route: "INTRAMUSCULAR", doseMg: 35 })).toEqual(["weightKg"]);
    expect(issuesAt({ route: "INTRAVENOUS", doseMg: 35 })).toEqual(["weightKg"]);
    expect(issuesAt({ route: "INTRAVENOUS", doseMg: 35, weightKg: 70 })).toEqual([]);
    expect(issuesAt({ route: "INTRAMUSCULAR", doseMgPerKg: 0.5, weightKg: 70 })).toEqual([]);
    // Other routes may carry a weight, or not.
    expect(issuesAt({ route: "SUBLINGUAL", doseMg: 200 })).toEqual([]);
    expect(issuesAt({ route: "ORAL", doseMg: 200, weightKg: 70 })).toEqual([]);
    expect(issuesAt({ route: "INTRANASAL", doseMg: 56 })).toEqual([]);
  });

  it("takes a booster as all three values or none", () => {
    const first = { route: "SUBLINGUAL", doseMg: 200 };
    expect(issuesAt({ ...first, boosterMg: 100, boosterEarliestMinute: 30, totalMaxMg: 300 })).toEqual([]);
    expect(issuesAt({ ...first, boosterMg: 100 })).toEqual(["boosterEarliestMinute", "totalMaxMg"]);
    expect(issuesAt({ ...first, totalMaxMg: 300 })).toEqual(["boosterMg", "boosterEarliestMinute"]);
    expect(issuesAt({ ...first, boosterMg: 100, boosterEarliestMinute: 0, totalMaxMg: 300 })).toEqual([
      "boosterEarliestMinute",
    ]);
  });

  it("keeps the session total between the first dose and the first dose plus the booster", () => {
    const b = { route: "SUBLINGUAL", doseMg: 200, boosterMg: 100, boosterEarliestMinute: 30 };
    expect(issuesAt({ ...b, totalMaxMg: 200 })).toEqual([]);
    expect(issuesAt({ ...b, totalMaxMg: 199.99 })).toEqual(["totalMaxMg"]);
    expect(issuesAt({ ...b, totalMaxMg: 300 })).toEqual([]);
    expect(issuesAt({ ...b, totalMaxMg: 300.01 })).toEqual(["totalMaxMg"]);
    // By weight: 0.5 mg/kg × 70 kg = 35 mg first.
    const perKg = { route: "INTRAMUSCULAR", doseMgPerKg: 0.5, weightKg: 70, boosterMg: 20 };
    expect(issuesAt({ ...perKg, boosterEarliestMinute: 20, totalMaxMg: 55 })).toEqual([]);
    expect(issuesAt({ ...perKg, boosterEarliestMinute: 20, totalMaxMg: 34 })).toEqual(["totalMaxMg"]);
  });

  it("reads the weight confirmation as a yes only when it is true", () => {
    const parsed = (weightConfirmed: unknown) =>
      schema.parse({ route: "ORAL", doseMg: 200, maxDoses: 1, validUntil: "2026-04-02", weightConfirmed })
        .weightConfirmed;
    expect(parsed(true)).toBe(true);
    expect(parsed(undefined)).toBe(false);
    expect(parsed(null)).toBe(false);
    expect(
      schema.safeParse({
        route: "ORAL",
        doseMg: 1,
        maxDoses: 1,
        validUntil: "2026-04-02",
        weightConfirmed: "yes",
      }).success,
    ).toBe(false);
  });
});

describe("a weight far from the last recorded one", () => {
  it("needs confirmation above 15 % either way, not at exactly 15 %", () => {
    expect(weightNeedsConfirmation(80.5, 70)).toBe(false); // +15 %
    expect(weightNeedsConfirmation(80.6, 70)).toBe(true);
    expect(weightNeedsConfirmation(59.5, 70)).toBe(false); // -15 %
    expect(weightNeedsConfirmation(59.4, 70)).toBe(true);
    expect(weightNeedsConfirmation(70, 70)).toBe(false);
    // 70 kg typed as 154 (pounds).
    expect(weightNeedsConfirmation(154, 70)).toBe(true);
    expect(weightNeedsConfirmation(69.1, 81.3)).toBe(true);
  });

  it("has nothing to compare with when either weight is missing", () => {
    expect(weightNeedsConfirmation(154, null)).toBe(false);
    expect(weightNeedsConfirmation(null, 70)).toBe(false);
  });
});

describe("boosters", () => {
  const first = new Date("2026-03-02T09:00:00Z");
  const min = (m: number) => new Date(first.getTime() + m * 60_000);
  const clock = min(60);
  const boosterOrder: Parameters<typeof checkBooster>[0] = {
    boosterMg: 100,
    boosterEarliestMinute: 30,
    totalMaxMg: 280,
    revokedAt: null,
    validUntil: new Date("2026-04-02T00:00:00Z"),
  };
  const record: Administrations = { doseGivenAt: first, doseMg: 200, boosterGivenAt: null };
  const codes = (
    over: {
      order?: Partial<typeof boosterOrder>;
      record?: Partial<Administrations>;
      mg?: number;
      at?: Date;
    } = {},
  ) =>
    checkBooster(
      { ...boosterOrder, ...over.order },
      { ...record, ...over.record },
      { mg: over.mg ?? 80, at: over.at ?? min(30) },
      clock,
    ).map((p) => p.code);

  it("allows the booster from the order's earliest minute, within the booster and the total", () => {
    expect(codes()).toEqual([]);
    expect(codes({ at: min(45), mg: 80 })).toEqual([]);
  });

  it("refuses it before the earliest minute", () => {
    expect(codes({ at: new Date(min(30).getTime() - 1000) })).toEqual(["too-early"]);
    expect(codes({ at: min(29) })).toEqual(["too-early"]);
  });

  it("refuses it above the ordered booster, or when the session would pass its total", () => {
    expect(codes({ mg: 100.01 })).toEqual(["above-booster", "above-total"]);
    expect(codes({ mg: 81 })).toEqual(["above-total"]);
    expect(codes({ mg: 100, order: { totalMaxMg: 300 } })).toEqual([]);
    expect(codes({ mg: 101, order: { totalMaxMg: 300 } })).toEqual(["above-booster", "above-total"]);
    // A first dose below the order leaves more room within the total, never more than the booster.
    expect(codes({ mg: 100, record: { doseMg: 150 } })).toEqual([]);
  });

  it("refuses a second booster, and one before any first dose", () => {
    expect(codes({ record: { boosterGivenAt: min(31) } })).toEqual(["already-given"]);
    expect(codes({ record: { doseGivenAt: null, doseMg: null } })).toEqual(["no-first-dose"]);
  });

  it("refuses it when the order has no booster", () => {
    expect(codes({ order: { boosterMg: null, boosterEarliestMinute: null, totalMaxMg: null } })).toEqual([
      "no-booster",
    ]);
  });

  it("takes times between the first administration and two minutes from now", () => {
    expect(codes({ at: new Date(first.getTime() - 60_000) })).toEqual(["before-first-dose"]);
    expect(codes({ at: new Date(clock.getTime() + 2 * 60_000) })).toEqual([]);
    expect(codes({ at: new Date(clock.getTime() + 2 * 60_000 + 1000) })).toEqual(["in-the-future"]);
  });

  it("refuses it against a revoked or expired order", () => {
    expect(codes({ order: { revokedAt: min(10) } })).toEqual(["revoked"]);
    expect(codes({ order: { validUntil: min(20) } })).toEqual(["expired"]);
  });
});

describe("lastAdministrationAt", () => {
  const dose = new Date("2026-03-02T09:00:00Z");
  const booster = new Date("2026-03-02T09:40:00Z");
  it("is the booster when one was given, else the first dose", () => {
    expect(lastAdministrationAt({ doseGivenAt: dose, boosterGivenAt: booster })).toEqual(booster);
    expect(lastAdministrationAt({ doseGivenAt: dose, boosterGivenAt: null })).toEqual(dose);
    expect(lastAdministrationAt({ doseGivenAt: dose })).toEqual(dose);
    expect(lastAdministrationAt({ doseGivenAt: null, boosterGivenAt: null })).toBeNull();
  });
});
