import { z } from "zod";
import type { PracticeSettings } from "@/lib/domain/admin/practice-settings";
import { storableString } from "@/lib/domain/core/fields";

/**
 * A prescriber's dosing order and the dose given against it (docs/clinical-rules.md §3). The
 * product records what was ordered and given; it never proposes a dose, so no amount
 * has a default or a suggested range. The per-route ceilings only refuse an order above them.
 */

export const DOSING_ROUTES = ["SUBLINGUAL", "ORAL", "INTRANASAL", "INTRAMUSCULAR", "INTRAVENOUS"] as const;
export type DosingRoute = (typeof DOSING_ROUTES)[number];
export const ROUTE_LABEL: Record<DosingRoute, string> = {
  SUBLINGUAL: "sublingual",
  ORAL: "oral",
  INTRANASAL: "intranasal",
  INTRAMUSCULAR: "intramuscular",
  INTRAVENOUS: "intravenous",
};

/** Routes whose ceiling is per kg of body weight: an order by one of them carries the weight. */
export const PER_KG_ROUTES: readonly DosingRoute[] = ["INTRAMUSCULAR", "INTRAVENOUS"];
export const isPerKgRoute = (route: DosingRoute) => PER_KG_ROUTES.includes(route);

/** A field of the order and what is wrong with it (paths are relative to the order). */
export type OrderIssue = { path: string; message: string };

/** An order's optional booster: all three set, or all three null. */
export type OrderBooster = {
  boosterMg: number | null;
  /** The earliest minute after the first administration the booster may be given. */
  boosterEarliestMinute: number | null;
  /** The most the session may total, first dose and booster together. */
  totalMaxMg: number | null;
};

export type DosingOrder = {
  route: DosingRoute;
  doseMg: number | null;
  doseMgPerKg: number | null;
  weightKg: number | null;
  maxDoses: number;
  validUntil: Date;
  revokedAt: Date | null;
};

const hasDecimals = (v: number, places: number) => {
  const scaled = v * 10 ** places;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
};

// Upper limits are the storage precision of the columns (Decimal(7,2), (6,3), (5,1)),
// not clinical limits. Weight bounds only catch typos in an adult's weight.
const amount = (label: string, max: number, places: number) =>
  z
    .number({ message: `Enter ${label} as a number.` })
    .positive(`${label} must be more than 0.`)
    .max(max, `Check ${label}.`)
    .refine((v) => hasDecimals(v, places), `Use at most ${places} decimals for ${label}.`)
    .nullish()
    .transform((v) => v ?? null);

/** Builds the order schema against a clock, so "valid until a future date" can be tested. */
export function dosingOrderInputSchemaAt(now: () => Date) {
  return z
    .object({
      route: z.enum(DOSING_ROUTES, { message: "Choose a route." }),
      doseMg: amount("the dose (mg)", 99_999.99, 2),
      doseMgPerKg: amount("the dose (mg/kg)", 999.999, 3),
      weightKg: amount("the weight (kg)", 400, 1).refine(
        (v) => v === null || v >= 25,
        "Check the weight (kg).",
      ),
      maxDoses: z
        .number({ message: "Enter the number of doses before review." })
        .int("Enter a whole number of doses.")
        .min(1, "At least 1 dose.")
        .max(12, "At most 12 doses before review."),
      validUntil: z.coerce
        .date({ message: "Enter the date the order is valid until." })
        .refine((d) => d.getTime() > now().getTime(), "The order must be valid until a future date."),
      instructions: storableString()
        .trim()
        .max(2000, "Keep the instructions under 2000 characters.")
        .nullish()
        .transform((v) => (v ? v : null)),
      /** An optional booster: its amount, the earliest minute after the first administration, and the session's total maximum. */
      boosterMg: amount("the booster (mg)", 99_999.99, 2),
      boosterEarliestMinute: z
        .number({ message: "Enter the earliest minute as a number." })
        .int("Enter whole minutes.")
        .min(1, "The booster comes at least 1 minute after the first administration.")
        .max(480, "Check the minutes (at most 480).")
        .nullish()
        .transform((v) => v ?? null),
      totalMaxMg: amount("the total maximum for the session (mg)", 99_999.99, 2),
      /** The prescriber confirmed a weight far from the client's last recorded one (see weightNeedsConfirmation). */
      weightConfirmed: z
        .boolean()
        .nullish()
        .transform((v) => v === true),
    })
    .superRefine((o, ctx) => {
      const issue = (path: string, message: string) =>
        ctx.addIssue({ code: "custom", path: [path], message });
      const byMg = o.doseMg !== null;
      const byKg = o.doseMgPerKg !== null;
      if (byMg && byKg) {
        issue("doseMg", "Enter a dose in mg or in mg/kg, not both.");
      } else if (!byMg && !byKg) {
        issue("doseMg", "Enter a dose in mg, or in mg/kg with the weight.");
      } else if (byKg && o.weightKg === null) {
        issue("weightKg", "Enter the weight the dose is based on.");
      }
      // The IM/IV ceiling is per kg: without the weight it cannot be checked, so the order carries it.
      if (isPerKgRoute(o.route) && o.weightKg === null && !byKg) {
        issue(
          "weightKg",
          `An ${ROUTE_LABEL[o.route]} order carries the client's weight, so its ceiling (mg/kg) can be checked.`,
        );
      }
      for (const i of boosterIssues(o)) issue(i.path, i.message);
    });
}

type OrderAmounts = Pick<DosingOrder, "doseMg" | "doseMgPerKg" | "weightKg"> & OrderBooster;

/** A booster is all three values or none; its total lies between the first dose and the first dose plus the booster. */
function boosterIssues(o: OrderAmounts): OrderIssue[] {
  const given = [o.boosterMg, o.boosterEarliestMinute, o.totalMaxMg].filter((v) => v !== null).length;
  if (given === 0) return [];
  const issues: OrderIssue[] = [];
  const leaveEmpty = "or leave the booster empty";
  if (o.boosterMg === null)
    issues.push({ path: "boosterMg", message: `Enter the booster (mg), ${leaveEmpty}.` });
  if (o.boosterEarliestMinute === null)
    issues.push({
      path: "boosterEarliestMinute",
      message: `Enter the earliest minute after the first administration, ${leaveEmpty}.`,
    });
  if (o.totalMaxMg === null)
    issues.push({ path: "totalMaxMg", message: `Enter the total maximum for the session, ${leaveEmpty}.` });
  const first = orderedMg(o);
  if (issues.length > 0 || first === null || o.boosterMg === null || o.totalMaxMg === null) return issues;
  if (round2(o.totalMaxMg) < first) {
    issues.push({
      path: "totalMaxMg",
      message: `The total maximum cannot be below the first dose (${first} mg).`,
    });
  } else if (round2(o.totalMaxMg) > round2(first + o.boosterMg)) {
    issues.push({
      path: "totalMaxMg",
      message: `The total maximum cannot be above the first dose plus the booster (${round2(first + o.boosterMg)} mg).`,
    });
  }
  return issues;
}

/** What a prescriber enters; "future" is judged at parse time. */
export const dosingOrderInputSchema = dosingOrderInputSchemaAt(() => new Date());
export type DosingOrderInput = z.output<typeof dosingOrderInputSchema>;

const round2 = (v: number) => Math.round((v + Number.EPSILON) * 100) / 100;

/** The ordered amount in mg: the mg dose, or mg/kg × weight, rounded to 2 decimals; null if incomplete. */
export function orderedMg(order: Pick<DosingOrder, "doseMg" | "doseMgPerKg" | "weightKg">): number | null {
  if (order.doseMg !== null) return round2(order.doseMg);
  if (order.doseMgPerKg !== null && order.weightKg !== null)
    return round2(order.doseMgPerKg * order.weightKg);
  return null;
}

export type OrderStatus = "active" | "expired" | "revoked" | "used-up";

/** Revoked wins over expired, expired over used-up: the most deliberate reason is shown. */
export function orderStatus(order: DosingOrder, dosesGiven: number, now: Date): OrderStatus {
  if (order.revokedAt && order.revokedAt.getTime() <= now.getTime()) return "revoked";
  if (now.getTime() > order.validUntil.getTime()) return "expired";
  if (dosesGiven >= order.maxDoses) return "used-up";
  return "active";
}

export type DoseProblem = {
  code:
    | "above-order"
    | "route-mismatch"
    | "expired"
    | "revoked"
    | "used-up"
    | "no-ordered-amount"
    | "invalid-amount";
  message: string;
};

/**
 * Problems with a dose given (the total for this session) against the order. A dose
 * below the order is allowed; above it never is. Every problem is listed, not just the first.
 */
export function checkDoseGiven(
  order: DosingOrder,
  given: { mg: number; route: DosingRoute },
  dosesAlreadyGiven: number,
  now: Date,
): DoseProblem[] {
  const problems: DoseProblem[] = [];
  const ordered = orderedMg(order);
  if (!Number.isFinite(given.mg) || given.mg <= 0) {
    problems.push({ code: "invalid-amount", message: "The dose given must be more than 0 mg." });
  } else if (ordered === null) {
    problems.push({ code: "no-ordered-amount", message: "The order has no complete dose to check against." });
  } else if (round2(given.mg) > ordered) {
    problems.push({
      code: "above-order",
      message: `${round2(given.mg)} mg is above the ordered ${ordered} mg; a dose is never given above the order.`,
    });
  }
  if (given.route !== order.route) {
    problems.push({
      code: "route-mismatch",
      message: `The order is ${ROUTE_LABEL[order.route]}, not ${ROUTE_LABEL[given.route]}.`,
    });
  }
  if (order.revokedAt && order.revokedAt.getTime() <= now.getTime()) {
    problems.push({ code: "revoked", message: "The order has been revoked." });
  }
  if (now.getTime() > order.validUntil.getTime()) {
    problems.push({ code: "expired", message: "The order has expired; the prescriber must renew it." });
  }
  if (dosesAlreadyGiven >= order.maxDoses) {
    problems.push({
      code: "used-up",
      message: `All ${order.maxDoses} doses of the order have been given; it needs the prescriber's review.`,
    });
  }
  return problems;
}

/** A route's ceiling: mg per dose, or mg per kg of the weight the order carries (practice settings). */
export type RouteCeiling = { unit: "mg" | "mg/kg"; value: number };

export function routeCeiling(route: DosingRoute, s: PracticeSettings): RouteCeiling {
  switch (route) {
    case "INTRAMUSCULAR":
      return { unit: "mg/kg", value: s.ceilingIntramuscularMgPerKg };
    case "INTRAVENOUS":
      return { unit: "mg/kg", value: s.ceilingIntravenousMgPerKg };
    case "SUBLINGUAL":
      return { unit: "mg", value: s.ceilingSublingualMg };
    case "ORAL":
      return { unit: "mg", value: s.ceilingOralMg };
    case "INTRANASAL":
      return { unit: "mg", value: s.ceilingIntranasalMg };
  }
}

/** The route's ceiling in mg for this order: per kg × the order's weight; null when a per-kg route has no weight. */
export function ceilingMg(route: DosingRoute, weightKg: number | null, s: PracticeSettings): number | null {
  const c = routeCeiling(route, s);
  if (c.unit === "mg") return c.value;
  return weightKg === null ? null : round2(c.value * weightKg);
}

export const describeCeiling = (route: DosingRoute, s: PracticeSettings) => {
  const c = routeCeiling(route, s);
  return `${c.value} ${c.unit === "mg" ? "mg per dose" : "mg/kg"}`;
};

/**
 * The order's first dose and its session total (with a booster) against its route's ceiling
 * (docs/clinical-rules.md §3 "Dosing orders"). Equal to the ceiling is allowed; above it never
 * is. A per-kg route without a weight cannot be checked and is refused.
 */
export function orderCeilingIssues(
  o: Pick<DosingOrder, "route"> & OrderAmounts,
  s: PracticeSettings,
): OrderIssue[] {
  const route = ROUTE_LABEL[o.route];
  const setting = `the practice's ceiling for an ${route} order (${describeCeiling(o.route, s)}, a clinic setting)`;
  const limit = ceilingMg(o.route, o.weightKg, s);
  if (limit === null) {
    return [
      {
        path: "weightKg",
        message: `An ${route} order carries the client's weight, so ${setting} can be checked.`,
      },
    ];
  }
  const ceiling = routeCeiling(o.route, s);
  const perKg = ceiling.unit === "mg/kg";
  const issues: OrderIssue[] = [];
  const first = orderedMg(o);
  // An order in mg/kg on a per-kg route is compared per kg, so rounding the mg cannot hide an excess.
  const over =
    perKg && o.doseMgPerKg !== null ? o.doseMgPerKg > ceiling.value + 1e-9 : first !== null && first > limit;
  if (first !== null && over) {
    const amount =
      o.doseMgPerKg !== null
        ? `${o.doseMgPerKg} mg/kg (${first} mg)`
        : perKg
          ? `${first} mg for ${o.weightKg} kg`
          : `${first} mg`;
    issues.push({
      path: o.doseMgPerKg !== null ? "doseMgPerKg" : "doseMg",
      message: `${amount} is above ${setting}${perKg ? `: at most ${limit} mg for ${o.weightKg} kg` : ""}.`,
    });
  }
  if (o.totalMaxMg !== null && round2(o.totalMaxMg) > limit) {
    issues.push({
      path: "totalMaxMg",
      message: `A session total of ${round2(o.totalMaxMg)} mg is above ${setting}${perKg ? `: at most ${limit} mg for ${o.weightKg} kg` : ""}.`,
    });
  }
  return issues;
}

/** A weight further than this many percent from the client's last recorded weight needs the prescriber's confirmation. */
export const WEIGHT_CHANGE_TO_CONFIRM_PERCENT = 15;

/**
 * True when `weightKg` is more than 15 % away from `lastWeightKg` (the weight on the client's
 * most recent order that has one): a weight typed in pounds, or a digit slipped. Exactly 15 %
 * needs no confirmation. Compared in tenths of a kg (the stored precision), so no rounding
 * error moves the boundary.
 */
export function weightNeedsConfirmation(weightKg: number | null, lastWeightKg: number | null): boolean {
  if (weightKg === null || lastWeightKg === null || lastWeightKg <= 0) return false;
  const tenths = Math.round(weightKg * 10);
  const lastTenths = Math.round(lastWeightKg * 10);
  return Math.abs(tenths - lastTenths) * 100 > WEIGHT_CHANGE_TO_CONFIRM_PERCENT * lastTenths;
}

export const weightConfirmationMessage = (weightKg: number, lastWeightKg: number) =>
  `${weightKg} kg is more than ${WEIGHT_CHANGE_TO_CONFIRM_PERCENT} % away from the client's last recorded weight (${lastWeightKg} kg): kg, not lb? Check it, or confirm it is right.`;

/** What a dosing record holds of the administrations given. */
export type Administrations = {
  doseGivenAt: Date | null;
  doseMg: number | null;
  boosterGivenAt: Date | null;
};

/**
 * The latest administration of a record: the booster when one was given, else the first dose.
 * Monitoring before discharge runs from here (docs/clinical-rules.md §3 "Discharge").
 */
export function lastAdministrationAt(record: { doseGivenAt: Date | null; boosterGivenAt?: Date | null }) {
  const { doseGivenAt, boosterGivenAt } = record;
  if (!doseGivenAt) return boosterGivenAt ?? null;
  if (!boosterGivenAt) return doseGivenAt;
  return boosterGivenAt.getTime() > doseGivenAt.getTime() ? boosterGivenAt : doseGivenAt;
}

/** How far in the future a booster's time may be typed (clocks drift a little between devices). */
export const BOOSTER_CLOCK_SLACK_MINUTES = 2;

export type BoosterProblem = {
  code:
    | "no-first-dose"
    | "already-given"
    | "no-booster"
    | "before-first-dose"
    | "in-the-future"
    | "too-early"
    | "above-booster"
    | "above-total"
    | "revoked"
    | "expired"
    | "invalid-amount";
  /** The booster form's field the problem belongs on. */
  field: "mg" | "givenAt" | "orderId";
  message: string;
};

/**
 * Problems with a booster given against the record's order (docs/clinical-rules.md §3 "The dose
 * given"): the order must carry a booster; it comes once, after the first administration, not
 * before the order's earliest minute, not above the booster amount, and the session total
 * (first dose + booster) stays within the order's total maximum. Every problem is listed.
 */
export function checkBooster(
  order: Pick<DosingOrder, "revokedAt" | "validUntil"> & OrderBooster,
  record: Administrations,
  given: { mg: number; at: Date },
  now: Date,
): BoosterProblem[] {
  if (!record.doseGivenAt || record.doseMg === null) {
    return [
      { code: "no-first-dose", field: "mg", message: "Record the first administration before a booster." },
    ];
  }
  if (record.boosterGivenAt) {
    return [
      {
        code: "already-given",
        field: "mg",
        message:
          "A booster is already recorded for this session; an order allows one. Corrections are addenda.",
      },
    ];
  }
  if (order.boosterMg === null || order.boosterEarliestMinute === null || order.totalMaxMg === null) {
    return [
      {
        code: "no-booster",
        field: "orderId",
        message: "The order has no booster; the prescriber writes a new order for one.",
      },
    ];
  }
  const problems: BoosterProblem[] = [];
  const first = record.doseGivenAt;
  if (given.at.getTime() < first.getTime()) {
    problems.push({
      code: "before-first-dose",
      field: "givenAt",
      message: "The booster cannot be given before the first administration.",
    });
  } else if (given.at.getTime() > now.getTime() + BOOSTER_CLOCK_SLACK_MINUTES * 60_000) {
    problems.push({
      code: "in-the-future",
      field: "givenAt",
      message: "The time given cannot be in the future.",
    });
  } else {
    const earliest = first.getTime() + order.boosterEarliestMinute * 60_000;
    if (given.at.getTime() < earliest) {
      const minutes = Math.floor((given.at.getTime() - first.getTime()) / 60_000);
      problems.push({
        code: "too-early",
        field: "givenAt",
        message: `The order allows the booster from minute ${order.boosterEarliestMinute} after the first administration; this is minute ${minutes}.`,
      });
    }
  }
  if (!Number.isFinite(given.mg) || given.mg <= 0) {
    problems.push({ code: "invalid-amount", field: "mg", message: "The booster must be more than 0 mg." });
  } else {
    const mg = round2(given.mg);
    if (mg > round2(order.boosterMg)) {
      problems.push({
        code: "above-booster",
        field: "mg",
        message: `${mg} mg is above the ordered booster of ${round2(order.boosterMg)} mg; a booster is never given above the order.`,
      });
    }
    const total = round2(record.doseMg + mg);
    if (total > round2(order.totalMaxMg)) {
      problems.push({
        code: "above-total",
        field: "mg",
        message: `With the first ${round2(record.doseMg)} mg the session would total ${total} mg, above the order's total maximum of ${round2(order.totalMaxMg)} mg.`,
      });
    }
  }
  if (order.revokedAt && order.revokedAt.getTime() <= given.at.getTime()) {
    problems.push({ code: "revoked", field: "orderId", message: "The order has been revoked." });
  }
  if (given.at.getTime() > order.validUntil.getTime()) {
    problems.push({
      code: "expired",
      field: "orderId",
      message: "The order has expired; the prescriber must renew it.",
    });
  }
  return problems;
}
