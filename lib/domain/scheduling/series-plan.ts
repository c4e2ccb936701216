import {
  addCalendarDays,
  addLocalDays,
  isLocalDate,
  isLocalTime,
  isValidTimeZone,
  nextWeekdayOnOrAfter,
  zonedDateTime,
} from "@/lib/domain/core/zoned-time";
import { overlaps } from "./conflicts";
import { type ProtocolPlan, protocolPlanSchema, type SessionKind, type SessionStatus } from "./protocol";

/**
 * Expands a protocol template into the dated sessions of one KAP series.
 *
 * Layout (all in the practice's time zone, stored as UTC instants):
 * - a "slot" is the series' weekday and time, every 7 (weekly) or 14 (biweekly) local days, from
 *   the first `weekday` on or after `startDate`;
 * - preparation sessions take the first slots, dosing sessions the slots after them;
 * - each integration is `integrationDaysAfterDose` local days after its dose, same wall time;
 * - the prescriber follow-up after dose `followUpAfterDose` is one local day after that dose's
 *   integration. With integration at most 3 days after a dose and slots at least 7 days apart it
 *   lands at least 3 days before the next dose; the final order check below asserts that anyway;
 * - the closing session takes the next slot after the last dose, so the client keeps their usual
 *   day and time and the last integration (at most 3 days after the dose) comes first.
 * Every session is built from (local date, wall time), so 09:00 stays 09:00 across DST changes.
 */

export type Cadence = "weekly" | "biweekly";

export interface PlanSeriesInput {
  plan: ProtocolPlan;
  /** First possible day, "YYYY-MM-DD" in the practice's zone. */
  startDate: string;
  cadence: Cadence;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** Wall-clock start time, "HH:mm". */
  time: string;
  timeZone: string;
}

export interface PlannedSession {
  /** Position in the series, 0-based, in time order. */
  index: number;
  kind: SessionKind;
  /** Dose number for DOSING; for INTEGRATION the dose it follows; otherwise null. */
  sequence: number | null;
  startsAt: Date;
  endsAt: Date;
  label: string;
}

const CADENCE_DAYS: Record<Cadence, number> = { weekly: 7, biweekly: 14 };
const MINUTE_MS = 60_000;

export function planSeries(input: PlanSeriesInput): PlannedSession[] {
  const { startDate, cadence, weekday, time, timeZone } = input;
  // The type says ProtocolPlan, but a hand-built object could break the bounds the layout relies on.
  const plan = protocolPlanSchema.parse(input.plan);
  if (!isLocalDate(startDate)) throw new RangeError(`Start date must be YYYY-MM-DD: ${startDate}`);
  if (!isLocalTime(time)) throw new RangeError(`Time must be HH:mm: ${time}`);
  if (!isValidTimeZone(timeZone)) throw new RangeError(`Unknown time zone: ${timeZone}`);

  const firstSlot = nextWeekdayOnOrAfter(startDate, weekday);
  const slotDate = (slot: number) => addCalendarDays(firstSlot, slot * CADENCE_DAYS[cadence]);

  const drafts: Omit<PlannedSession, "index">[] = [];
  const add = (kind: SessionKind, sequence: number | null, date: string, label: string) => {
    const startsAt = zonedDateTime(date, time, timeZone);
    const endsAt = new Date(startsAt.getTime() + plan.durationsMinutes[kind] * MINUTE_MS);
    drafts.push({ kind, sequence, startsAt, endsAt, label });
  };

  for (let n = 1; n <= plan.preparationSessions; n++) {
    add("PREPARATION", null, slotDate(n - 1), `Preparation ${n}`);
  }
  for (let dose = 1; dose <= plan.dosingSessions; dose++) {
    const doseDate = slotDate(plan.preparationSessions + dose - 1);
    add("DOSING", dose, doseDate, `Dose ${dose}`);
    const integrationDate = addCalendarDays(doseDate, plan.integrationDaysAfterDose);
    add("INTEGRATION", dose, integrationDate, `Integration after dose ${dose}`);
    if (plan.followUpAfterDose === dose) {
      add("FOLLOW_UP", null, addCalendarDays(integrationDate, 1), "Prescriber follow-up");
    }
  }
  if (plan.closingSession) {
    add("CLOSING", null, slotDate(plan.preparationSessions + plan.dosingSessions), "Closing session");
  }

  const sessions = drafts
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
    .map((draft, index) => ({ index, ...draft }));
  const problems = validatePlanOrder(sessions, { followUpAfterDose: plan.followUpAfterDose });
  if (problems.length > 0) {
    // Unreachable within the schema's bounds; failing loudly beats booking a series out of order.
    throw new Error(`Series plan out of order: ${problems.map((p) => p.message).join(" ")}`);
  }
  return sessions;
}

/**
 * Moves sessions by `days` local days, keeping each start's wall-clock time (09:00 stays 09:00
 * across a DST change) and each session's real length. Pass only the sessions to move (the
 * remaining ones); the others are left to the caller.
 */
export function shiftSessions<T extends { startsAt: Date; endsAt: Date }>(
  sessions: readonly T[],
  days: number,
  timeZone: string,
): T[] {
  return sessions.map((session) => {
    const startsAt = addLocalDays(session.startsAt, days, timeZone);
    const length = session.endsAt.getTime() - session.startsAt.getTime();
    return { ...session, startsAt, endsAt: new Date(startsAt.getTime() + length) };
  });
}

export const PLAN_PROBLEM_CODES = {
  DOSE_OUT_OF_ORDER: "DOSE_OUT_OF_ORDER",
  PREPARATION_MISSING: "PREPARATION_MISSING",
  INTEGRATION_MISSING: "INTEGRATION_MISSING",
  INTEGRATION_OUT_OF_ORDER: "INTEGRATION_OUT_OF_ORDER",
  INTEGRATION_TOO_SOON: "INTEGRATION_TOO_SOON",
  FOLLOW_UP_MISSING: "FOLLOW_UP_MISSING",
  FOLLOW_UP_OUT_OF_ORDER: "FOLLOW_UP_OUT_OF_ORDER",
  CLOSING_NOT_LAST: "CLOSING_NOT_LAST",
  SESSIONS_OVERLAP: "SESSIONS_OVERLAP",
} as const;
export type PlanProblemCode = keyof typeof PLAN_PROBLEM_CODES;

export interface PlanProblem {
  code: PlanProblemCode;
  message: string;
  /** The dose the problem is about, when there is one. */
  sequence?: number;
}

export interface OrderedSession {
  kind: SessionKind;
  sequence: number | null;
  startsAt: Date;
  endsAt: Date;
  /** Cancelled and no-show sessions are ignored; absent means planned. */
  status?: SessionStatus;
  /** DOSING: the latest time a dose was given in it, if after its end (the dose ends then). */
  doseGivenAt?: Date | null;
}

/**
 * The practice's integration window (integrationMinDays / integrationMaxDays, in the practice's
 * time zone): an integration counts from `minDays` local days after its dose ends, and one
 * starting later than `maxDays` after it is allowed with a warning.
 */
export interface IntegrationWindow {
  minDays: number;
  maxDays: number;
  timeZone: string;
}

export interface PlanOrderOptions {
  followUpAfterDose?: number | null;
  /** Without it only the order is checked (the integration after its dose, before the next). */
  integrationWindow?: IntegrationWindow;
}

const within = (s: OrderedSession, after: Date, before: Date | undefined) =>
  s.startsAt >= after && (before === undefined || s.endsAt <= before);

/** When a dose ends: the end of its session, or the time the dose was given if later. */
const doseEnd = (dose: OrderedSession) =>
  dose.doseGivenAt && dose.doseGivenAt > dose.endsAt ? dose.doseGivenAt : dose.endsAt;

const liveInOrder = (sessions: readonly OrderedSession[]) =>
  sessions
    .filter((s) => s.status !== "CANCELLED" && s.status !== "NO_SHOW")
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());

const dayCount = (n: number) => (n === 1 ? "1 day" : `${n} days`);

/**
 * Checks a series' order (planned or as it stands): doses numbered 1, 2, 3… in time order, a
 * preparation before the first dose, every dose followed by its integration before the next dose,
 * the prescriber follow-up between dose `followUpAfterDose` and the next, the closing session last,
 * and no two sessions overlapping. Returns an empty list when all is well.
 */
export function validatePlanOrder(
  sessions: readonly OrderedSession[],
  options: PlanOrderOptions = {},
): PlanProblem[] {
  const live = liveInOrder(sessions);
  const ofKind = (kind: SessionKind) => live.filter((s) => s.kind === kind);
  const doses = ofKind("DOSING");
  const integrations = ofKind("INTEGRATION");
  const problems: PlanProblem[] = [];

  doses.forEach((dose, i) => {
    if (dose.sequence !== i + 1) {
      problems.push({
        code: "DOSE_OUT_OF_ORDER",
        message: `The dose at position ${i + 1} in time is numbered ${dose.sequence ?? "none"}.`,
      });
    }
  });

  const firstDose = doses[0];
  if (firstDose && !ofKind("PREPARATION").some((p) => p.endsAt <= firstDose.startsAt)) {
    problems.push({ code: "PREPARATION_MISSING", message: "No preparation session comes before dose 1." });
  }

  const integration = options.integrationWindow;
  doses.forEach((dose, i) => {
    const n = dose.sequence ?? i + 1;
    const next = doses[i + 1]?.startsAt;
    const own = integrations.filter((s) => s.sequence === n || s.sequence === null);
    const between = own.filter((s) => within(s, doseEnd(dose), next));
    if (!integration && between.length > 0) return;
    if (integration) {
      const from = addLocalDays(doseEnd(dose), integration.minDays, integration.timeZone);
      if (between.some((s) => s.startsAt >= from)) return;
      if (between.length > 0) {
        problems.push({
          code: "INTEGRATION_TOO_SOON",
          sequence: n,
          message: `The integration after dose ${n} starts less than ${dayCount(integration.minDays)} after the dose ends (the clinic's minimum).`,
        });
        return;
      }
    }
    const exists = integrations.some((s) => s.sequence === n);
    problems.push(
      exists
        ? {
            code: "INTEGRATION_OUT_OF_ORDER",
            sequence: n,
            message: `The integration after dose ${n} is not between dose ${n} and the next dose.`,
          }
        : { code: "INTEGRATION_MISSING", sequence: n, message: `Dose ${n} has no integration session.` },
    );
  });

  const followUpDose = options.followUpAfterDose ?? null;
  const anchorIndex = doses.findIndex((d) => d.sequence === followUpDose);
  const anchor = doses[anchorIndex];
  if (followUpDose !== null && anchor) {
    const followUps = ofKind("FOLLOW_UP");
    if (!followUps.some((s) => within(s, anchor.endsAt, doses[anchorIndex + 1]?.startsAt))) {
      problems.push(
        followUps.length > 0
          ? {
              code: "FOLLOW_UP_OUT_OF_ORDER",
              sequence: followUpDose,
              message: `The prescriber follow-up is not between dose ${followUpDose} and the next dose.`,
            }
          : {
              code: "FOLLOW_UP_MISSING",
              sequence: followUpDose,
              message: `No prescriber follow-up is planned after dose ${followUpDose}.`,
            },
      );
    }
  }

  const closing = ofKind("CLOSING")[0];
  if (closing && live.some((s) => s.kind !== "CLOSING" && s.startsAt > closing.startsAt)) {
    problems.push({ code: "CLOSING_NOT_LAST", message: "Sessions are planned after the closing session." });
  }

  live.forEach((s, i) => {
    const next = live[i + 1];
    if (next && overlaps(s, next)) {
      problems.push({
        code: "SESSIONS_OVERLAP",
        message: `Two sessions overlap on ${s.startsAt.toISOString()} (${s.kind} and ${next.kind}).`,
      });
    }
  });
  return problems;
}

export interface PlanWarning {
  code: "INTEGRATION_LATE";
  sequence: number;
  message: string;
}

/**
 * What a plan allows but a clinician should see: a dose whose integration (the first that counts,
 * between the dose and the next) starts later than `maxDays` local days after the dose ends.
 */
export function planWarnings(
  sessions: readonly OrderedSession[],
  integration: IntegrationWindow,
): PlanWarning[] {
  const live = liveInOrder(sessions);
  const doses = live.filter((s) => s.kind === "DOSING");
  const integrations = live.filter((s) => s.kind === "INTEGRATION");
  const maxDays = Math.max(integration.minDays, integration.maxDays);
  const warnings: PlanWarning[] = [];
  doses.forEach((dose, i) => {
    const n = dose.sequence ?? i + 1;
    const from = addLocalDays(doseEnd(dose), integration.minDays, integration.timeZone);
    const until = addLocalDays(doseEnd(dose), maxDays, integration.timeZone);
    const next = doses[i + 1]?.startsAt;
    const counting = integrations.filter(
      (s) => (s.sequence === n || s.sequence === null) && s.startsAt >= from && within(s, from, next),
    );
    if (counting.length > 0 && counting.every((s) => s.startsAt > until)) {
      warnings.push({
        code: "INTEGRATION_LATE",
        sequence: n,
        message: `The integration after dose ${n} starts more than ${dayCount(maxDays)} after the dose ends (the clinic's window is ${integration.minDays === maxDays ? dayCount(maxDays) : `${integration.minDays} to ${dayCount(maxDays)}`}).`,
      });
    }
  });
  return warnings;
}
