import { describe, expect, it } from "vitest";
import {
  checkDoseGiven,
  type DosingOrder,
  dosingOrderInputSchema,
  dosingOrderInputSchemaAt,
  orderedMg,
  orderStatus,
} from "@/lib/domain/dosing/order";

const now = new Date("2026-03-02T10:00:00Z");
const nextMonth = new Date("2026-04-02T10:00:00Z");
const order = (over: Partial<DosingOrder> = {}): DosingOrder => ({
  route: "SUBLINGUAL",
  doseMg: 200,
  doseMgPerKg: null,
  weightKg: null,
  maxDoses: 2,
  validUntil: nextMonth,
  revokedAt: null,
  ...over,
});
const schema = dosingOrderInputSchemaAt(() => now);
const problemCodes = (...args: Parameters<typeof checkDoseGiven>) =>
  checkDoseGiven(...args).map((p) => p.code);

describe("dosingOrderInputSchema", () => {
  const input = { route: "SUBLINGUAL", doseMg: 200, maxDoses: 2, validUntil: "2026-04-02" };

  it("takes a dose in mg, or in mg/kg with the weight, never neither nor both", () => {
    const parsed = schema.parse(input);
    expect(parsed).toMatchObject({ doseMg: 200, doseMgPerKg: null, weightKg: null, instructions: null });
    expect(parsed.validUntil).toBeInstanceOf(Date);
    const perKg = {
      route: "INTRAVENOUS",
      doseMgPerKg: 0.5,
      weightKg: 70.5,
      maxDoses: 1,
      validUntil: nextMonth,
    };
    expect(schema.safeParse(perKg).success).toBe(true);
    expect(schema.safeParse({ ...perKg, weightKg: undefined }).success).toBe(false);
    expect(schema.safeParse({ ...perKg, doseMgPerKg: undefined }).success).toBe(false);
    expect(schema.safeParse({ ...perKg, doseMg: 35 }).success).toBe(false);
    expect(schema.safeParse({ ...input, doseMg: undefined }).success).toBe(false);
  });

  it("has no default amount and refuses zero or too many decimals", () => {
    expect(schema.safeParse({ ...input, doseMg: 0 }).success).toBe(false);
    expect(schema.safeParse({ ...input, doseMg: 100.125 }).success).toBe(false);
    expect(schema.safeParse({ ...input, doseMg: 100.25 }).success).toBe(true);
  });

  it("takes 1 to 12 doses before review and a future end date", () => {
    expect(schema.safeParse({ ...input, maxDoses: 0 }).success).toBe(false);
    expect(schema.safeParse({ ...input, maxDoses: 13 }).success).toBe(false);
    expect(schema.safeParse({ ...input, maxDoses: 12 }).success).toBe(true);
    expect(schema.safeParse({ ...input, validUntil: "2026-03-01" }).success).toBe(false);
    expect(schema.safeParse({ ...input, validUntil: "not a date" }).success).toBe(false);
    expect(schema.safeParse({ ...input, route: "NASAL" }).success).toBe(false);
  });

  it("judges 'future' against the real clock by default", () => {
    expect(dosingOrderInputSchema.safeParse({ ...input, validUntil: "2000-01-01" }).success).toBe(false);
    expect(dosingOrderInputSchema.safeParse({ ...input, validUntil: "2999-01-01" }).success).toBe(true);
  });
});

describe("orderedMg", () => {
  it("is the mg dose, or mg/kg × weight rounded to 2 decimals", () => {
    expect(orderedMg(order())).toBe(200);
    expect(orderedMg(order({ doseMg: null, doseMgPerKg: 0.5, weightKg: 70 }))).toBe(35);
    expect(orderedMg(order({ doseMg: null, doseMgPerKg: 0.333, weightKg: 71.3 }))).toBe(23.74);
    expect(orderedMg(order({ doseMg: null, doseMgPerKg: 0.5, weightKg: null }))).toBeNull();
  });
});

describe("checkDoseGiven", () => {
  it("accepts the ordered dose or less on the ordered route", () => {
    expect(checkDoseGiven(order(), { mg: 200, route: "SUBLINGUAL" }, 0, now)).toEqual([]);
    expect(checkDoseGiven(order(), { mg: 100, route: "SUBLINGUAL" }, 1, now)).toEqual([]);
  });

  it("never allows a dose above the order", () => {
    expect(problemCodes(order(), { mg: 200.01, route: "SUBLINGUAL" }, 0, now)).toEqual(["above-order"]);
    const perKg = order({ route: "INTRAMUSCULAR", doseMg: null, doseMgPerKg: 0.5, weightKg: 70 });
    expect(problemCodes(perKg, { mg: 35, route: "INTRAMUSCULAR" }, 0, now)).toEqual([]);
    expect(problemCodes(perKg, { mg: 36, route: "INTRAMUSCULAR" }, 0, now)).toEqual(["above-order"]);
  });

  it("flags a route that differs from the order", () => {
    const [problem] = checkDoseGiven(order(), { mg: 200, route: "INTRAMUSCULAR" }, 0, now);
    expect(problem).toEqual({
      code: "route-mismatch",
      message: "The order is sublingual, not intramuscular.",
    });
  });

  it("flags an expired, revoked or used-up order, and lists every problem", () => {
    const given = { mg: 200, route: "SUBLINGUAL" } as const;
    expect(problemCodes(order({ validUntil: new Date(now.getTime() - 1) }), given, 0, now)).toEqual([
      "expired",
    ]);
    expect(problemCodes(order({ validUntil: now }), given, 0, now)).toEqual([]);
    expect(problemCodes(order({ revokedAt: new Date("2026-03-01T00:00:00Z") }), given, 0, now)).toEqual([
      "revoked",
    ]);
    expect(problemCodes(order(), given, 2, now)).toEqual(["used-up"]);
    expect(problemCodes(order(), { mg: 250, route: "INTRAVENOUS" }, 2, now)).toEqual([
      "above-order",
      "route-mismatch",
      "used-up",
    ]);
  });

  it("refuses a zero dose", () => {
    expect(problemCodes(order(), { mg: 0, route: "SUBLINGUAL" }, 0, now)).toEqual(["invalid-amount"]);
  });
});

describe("orderStatus", () => {
  it("is active, expired, revoked or used-up", () => {
    expect(orderStatus(order(), 0, now)).toBe("active");
    expect(orderStatus(order(), 1, now)).toBe("active");
    expect(orderStatus(order(), 2, now)).toBe("used-up");
    expect(orderStatus(order(), 0, new Date(nextMonth.getTime() + 1))).toBe("expired");
    expect(orderStatus(order({ revokedAt: now }), 0, now)).toBe("revoked");
    expect(orderStatus(order({ revokedAt: now }), 2, new Date(nextMonth.getTime() + 1))).toBe("revoked");
  });
});
