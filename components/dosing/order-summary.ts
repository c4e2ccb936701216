import { formatDate } from "@/lib/domain/core/format";
import { type DosingRoute, orderedMg, ROUTE_LABEL } from "@/lib/domain/dosing/order";

export type ActiveOrder = {
  id: string;
  route: DosingRoute;
  doseMg: number | null;
  doseMgPerKg: number | null;
  weightKg: number | null;
  maxDoses: number;
  dosesGiven: number;
  validUntil: Date;
  instructions: string | null;
  prescriber: { name: string };
  boosterMg?: number | null;
  boosterEarliestMinute?: number | null;
  totalMaxMg?: number | null;
};

/** One line for an order; "valid until" is the date where the practice is (the order ends at 23:59 there). */
export function orderSummary(o: ActiveOrder, timeZone: string) {
  const mg = orderedMg(o);
  const dose = o.doseMgPerKg
    ? `${o.doseMgPerKg} mg/kg × ${o.weightKg} kg = ${mg} mg`
    : `${mg} mg${o.weightKg ? ` (${o.weightKg} kg)` : ""}`;
  const booster =
    o.boosterMg && o.boosterEarliestMinute && o.totalMaxMg
      ? ` + booster up to ${o.boosterMg} mg from minute ${o.boosterEarliestMinute}, session at most ${o.totalMaxMg} mg`
      : "";
  return `${ROUTE_LABEL[o.route]} ${dose}${booster} · ${o.maxDoses - o.dosesGiven} of ${o.maxDoses} doses left · until ${formatDate(o.validUntil, timeZone)} · ${o.prescriber.name}`;
}
