import { z } from "zod";
import { storableString } from "@/lib/domain/core/fields";

/**
 * A prescriber's dosing order and the dose given against it (docs/clinical-rules.md §3). The
 * product records what was ordered and given; it never proposes a dose, so no amount
 * has a default or a suggested range.
 */

export const DOSING_ROUTES = ["SUBLINGUAL", "INTRAMUSCULAR", "INTRAVENOUS"] as const;
export type DosingRoute = (typeof DOSING_ROUTES)[number];
export const ROUTE_LABEL: Record<DosingRoute, string> = {
  SUBLINGUAL: "sublingual",
  INTRAMUSCULAR: "intramuscular",
  INTRAVENOUS: "intravenous",
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
    })
    .superRefine((o, ctx) => {
      const byMg = o.doseMg !== null;
      const byKg = o.doseMgPerKg !== null || o.weightKg !== null;
      if (byMg && byKg) {
        ctx.addIssue({
          code: "custom",
          path: ["doseMg"],
          message: "Enter a dose in mg or in mg/kg, not both.",
        });
      } else if (!byMg && !byKg) {
        ctx.addIssue({
          code: "custom",
          path: ["doseMg"],
          message: "Enter a dose in mg, or in mg/kg with the weight.",
        });
      } else if (byKg && o.doseMgPerKg === null) {
        ctx.addIssue({ code: "custom", path: ["doseMgPerKg"], message: "Enter the dose in mg/kg." });
      } else if (byKg && o.weightKg === null) {
        ctx.addIssue({
          code: "custom",
          path: ["weightKg"],
          message: "Enter the weight the dose is based on.",
        });
      }
    });
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
