import { addLocalDays, localDateOf } from "@/lib/domain/core/zoned-time";
import type { SessionKind, SessionStatus } from "@/lib/domain/scheduling/protocol";
import type { MeasureVariant, ScaleId } from "./measure-types";
import { isRemission, isResponse, type Pcl5Change, pcl5Change, percentChange } from "./scales";

/**
 * When a client is asked for PHQ-9, GAD-7 and PCL-5 during a KAP series (docs/clinical-rules.md §4): before each
 * dose, at the end of the series, and 1 and 3 months after it; before each dose also the C-SSRS
 * "since last visit" screener. Intake measures are requested elsewhere.
 * Everything here is pure: the caller loads sessions and requests, and writes what `syncPlan` returns.
 */

export const TRACKED_SCALES = ["PHQ9", "GAD7", "PCL5"] as const satisfies readonly ScaleId[];
export type TrackedScale = (typeof TRACKED_SCALES)[number];

/** Asked before each dose: the tracked scales, then the C-SSRS screener about the time since the last visit. */
export const PRE_DOSE_SCALES = [...TRACKED_SCALES, "CSSRS"] as const satisfies readonly ScaleId[];
export type PlannedScale = (typeof PRE_DOSE_SCALES)[number];

/** The time frame each planned scale is asked in (the C-SSRS before a dose: since the last visit). */
export const plannedVariant = (scale: PlannedScale): MeasureVariant =>
  scale === "CSSRS" ? "SINCE_LAST_VISIT" : "STANDARD";

export type MeasurePointContext = "PRE_DOSE" | "END_OF_SERIES" | "FOLLOW_UP_1M" | "FOLLOW_UP_3M";

export type MeasurePoint = {
  /** Stable per series: the same point planned again gets the same key, so plans can be diffed. */
  key: string;
  context: MeasurePointContext;
  scale: PlannedScale;
  /** The time frame asked; STANDARD except the pre-dose C-SSRS (SINCE_LAST_VISIT). */
  variant: MeasureVariant;
  dueAt: Date;
  /** From when the client's portal shows the request. */
  opensAt: Date;
  /** The dosing session for PRE_DOSE; null otherwise (see `plannedMeasurePoints`). */
  sessionId: string | null;
};

export type ScheduleSession = {
  id: string;
  kind: SessionKind;
  sequence: number | null;
  startsAt: Date;
  endsAt: Date;
  status: SessionStatus;
};

/**
 * Local days before `dueAt` that a request opens. Three days before a dose lets the client answer the
 * evening before or that morning even when the dose is early in the day; the end-of-series window is
 * shorter so it reflects the whole series, not the days before the last dose.
 */
export const OPENS_DAYS_BEFORE: Record<MeasurePointContext, number> = {
  PRE_DOSE: 3,
  END_OF_SERIES: 2,
  FOLLOW_UP_1M: 3,
  FOLLOW_UP_3M: 3,
};

/** A request stays "due" this long after `dueAt` before it shows as overdue. */
export const OVERDUE_GRACE_DAYS = 2;

const DAY_MS = 24 * 60 * 60_000;
const FOLLOW_UP_MONTHS = { FOLLOW_UP_1M: 1, FOLLOW_UP_3M: 3 } as const;

const isLive = (s: ScheduleSession) => s.status !== "CANCELLED" && s.status !== "NO_SHOW";

/** The key of a point; also how a caller keys a stored request (context, scale and session id). */
export function measurePointKey(
  context: MeasurePointContext,
  scale: PlannedScale,
  sessionId: string | null,
): string {
  return context === "PRE_DOSE" ? `${context}:${scale}:${sessionId ?? ""}` : `${context}:${scale}`;
}

/**
 * `months` local calendar months after `instant`, at the same wall-clock time. A day the target month
 * lacks is clamped to its last day (Jan 31 + 1 month is Feb 28, or Feb 29 in a leap year; + 3 months
 * is Apr 30), so a follow-up never spills into the month after. Each offset counts from `instant`
 * itself, not from the previous follow-up, so clamping never compounds. The wall time is kept across
 * DST changes by `addLocalDays` (a time in a spring-forward gap moves forward by the gap).
 */
export function addLocalMonths(instant: Date, months: number, timeZone: string): Date {
  if (!Number.isInteger(months)) throw new RangeError(`Months must be a whole number: ${months}`);
  const date = localDateOf(instant, timeZone);
  const [year, month, day] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8))];
  // Calendar dates carry no zone: UTC is only a DST-free calculator for the number of days to add.
  const lastDay = new Date(Date.UTC(year, month + months + 1, 0)).getUTCDate();
  const target = Date.UTC(year, month + months, Math.min(day, lastDay));
  return addLocalDays(instant, Math.round((target - Date.UTC(year, month, day)) / DAY_MS), timeZone);
}

/**
 * The measure points of one series, in due order. Cancelled and no-show sessions do not count:
 * - PRE_DOSE: each tracked scale, and the C-SSRS since the last visit, for each live dosing session,
 *   due when it starts;
 * - END_OF_SERIES: due when the last live session ends (usually the closing session);
 * - FOLLOW_UP_1M / 3M: 1 and 3 local calendar months after that end (see `addLocalMonths`).
 * Each opens `OPENS_DAYS_BEFORE` local days before it is due, at the same wall-clock time.
 * Only PRE_DOSE points carry a session id: the end of the series can move to another session, and a
 * stored request would then point at the wrong one, since `syncPlan` only moves due dates.
 * Past points are included; a caller creating requests decides what to do with those.
 */
export function plannedMeasurePoints(input: {
  sessions: ScheduleSession[];
  timeZone: string;
}): MeasurePoint[] {
  const { timeZone } = input;
  const live = input.sessions.filter(isLive);
  const point = (
    context: MeasurePointContext,
    scale: PlannedScale,
    dueAt: Date,
    sessionId: string | null,
  ) => ({
    key: measurePointKey(context, scale, sessionId),
    context,
    scale,
    variant: plannedVariant(scale),
    dueAt: new Date(dueAt.getTime()),
    opensAt: addLocalDays(dueAt, -OPENS_DAYS_BEFORE[context], timeZone),
    sessionId,
  });

  const points: MeasurePoint[] = live
    .filter((s) => s.kind === "DOSING")
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
    .flatMap((s) => PRE_DOSE_SCALES.map((scale) => point("PRE_DOSE", scale, s.startsAt, s.id)));

  const seriesEnd = live.reduce<Date | null>((end, s) => (end && end >= s.endsAt ? end : s.endsAt), null);
  if (seriesEnd) {
    for (const scale of TRACKED_SCALES) points.push(point("END_OF_SERIES", scale, seriesEnd, null));
    for (const context of ["FOLLOW_UP_1M", "FOLLOW_UP_3M"] as const) {
      const dueAt = addLocalMonths(seriesEnd, FOLLOW_UP_MONTHS[context], timeZone);
      for (const scale of TRACKED_SCALES) points.push(point(context, scale, dueAt, null));
    }
  }

  const keys = new Set(points.map((p) => p.key));
  if (keys.size !== points.length)
    throw new RangeError("Two sessions share an id; measure keys would clash.");
  // Stable sort: same-time points keep the scale order above.
  return points.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

export type ExistingRequest = {
  id: string;
  key: string;
  dueAt: Date;
  completed: boolean;
  cancelled: boolean;
};
export type SyncResult = { create: MeasurePoint[]; move: { id: string; dueAt: Date }[]; cancel: string[] };

/**
 * What to write so stored requests match the plan. Only pending requests (neither completed nor
 * cancelled) are moved or cancelled. Any stored request for a point, even a cancelled one, means the
 * point is not created again: the schema allows one request per (client, key), and a request a
 * clinician cancelled must stay cancelled. So when a point comes back after its request was cancelled
 * (a cancelled dose reinstated), the caller clears that request's cancelledAt to ask again.
 * If several pending requests share a key (data written before the unique index), the first is kept
 * and the rest are cancelled so the client is never asked twice for one point.
 */
export function syncPlan(planned: MeasurePoint[], existing: ExistingRequest[]): SyncResult {
  const result: SyncResult = { create: [], move: [], cancel: [] };
  const plannedKeys = new Set(planned.map((p) => p.key));
  const byKey = new Map<string, ExistingRequest[]>();
  for (const r of existing) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
  const isPending = (r: ExistingRequest) => !r.completed && !r.cancelled;

  for (const p of planned) {
    const requests = byKey.get(p.key) ?? [];
    if (requests.length === 0) {
      result.create.push(p);
      continue;
    }
    const pending = requests.filter(isPending);
    // An answer already covers the point, so a pending twin of it is surplus.
    const keep = requests.some((r) => r.completed) ? undefined : pending[0];
    if (keep && keep.dueAt.getTime() !== p.dueAt.getTime()) {
      result.move.push({ id: keep.id, dueAt: new Date(p.dueAt.getTime()) });
    }
    for (const r of pending) if (r !== keep) result.cancel.push(r.id);
  }

  for (const [key, requests] of byKey) {
    if (!plannedKeys.has(key)) result.cancel.push(...requests.filter(isPending).map((r) => r.id));
  }
  return result;
}

export type RequestState = "cancelled" | "done" | "upcoming" | "due" | "overdue";

/**
 * Where a request stands at `now`. It is "due" from `opensAt` (inclusive) until `OVERDUE_GRACE_DAYS`
 * × 24 hours after `dueAt` (inclusive), then "overdue": a pre-dose measure answered the morning after
 * a late-evening dose is still useful, and the portal should not scold for it. The grace is elapsed
 * time, not local days, because a request carries no time zone. An answered request is "done" even
 * if it was later cancelled: the answer exists and counts.
 */
export function requestState(
  r: { dueAt: Date; opensAt: Date; completedAt: Date | null; cancelledAt: Date | null },
  now: Date,
): RequestState {
  if (r.completedAt) return "done";
  if (r.cancelledAt) return "cancelled";
  if (now.getTime() < r.opensAt.getTime()) return "upcoming";
  if (now.getTime() > r.dueAt.getTime() + OVERDUE_GRACE_DAYS * DAY_MS) return "overdue";
  return "due";
}

export type TrendPoint = { total: number; takenAt: Date };
export type TrendSummary = {
  baseline: TrendPoint | null;
  latest: TrendPoint | null;
  /** Signed, relative to baseline (-50 = halved); null with no points or a baseline of 0. */
  percentChange: number | null;
  /**
   * PHQ-9 and GAD-7: at least a 50 % drop from a baseline of 10 or more (docs/clinical-rules.md §4).
   * Always false for a lower baseline and for the PCL-5 (which reads `pcl5Change` instead).
   */
  response: boolean;
  /** PHQ-9 and GAD-7: latest total below 5, from a baseline of 10 or more; null otherwise. */
  remission: boolean | null;
  /** PHQ-9 and GAD-7: the baseline is below 10, where response and remission mean nothing. */
  baselineBelowModerate: boolean;
  /** PCL-5 only: drop of 10 clinically meaningful, 5 reliable; null for other scales or no points. */
  pcl5Change: Pcl5Change | null;
};

/** Response and remission are read from a baseline of at least this total (the moderate range). */
export const RESPONSE_MIN_BASELINE = 10;

/**
 * Baseline is the earliest point and latest the newest, whatever the input order (ties keep input
 * order). With one point both are that point: no change and no response; remission reads it only
 * from a baseline of 10 or more (a single total of 3 is minimal, not a remission).
 */
export function trendSummary(scale: TrackedScale, points: TrendPoint[]): TrendSummary {
  const sorted = [...points].sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime());
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last) {
    return {
      baseline: null,
      latest: null,
      percentChange: null,
      response: false,
      remission: null,
      baselineBelowModerate: false,
      pcl5Change: null,
    };
  }
  const copy = (p: TrendPoint): TrendPoint => ({ total: p.total, takenAt: new Date(p.takenAt.getTime()) });
  const depressionOrAnxiety = scale === "PHQ9" || scale === "GAD7";
  const meaningful = depressionOrAnxiety && first.total >= RESPONSE_MIN_BASELINE;
  return {
    baseline: copy(first),
    latest: copy(last),
    percentChange: percentChange(first.total, last.total),
    response: meaningful && isResponse(first.total, last.total),
    remission: meaningful ? isRemission(last.total) : null,
    baselineBelowModerate: depressionOrAnxiety && !meaningful,
    pcl5Change: scale === "PCL5" ? pcl5Change(first.total, last.total) : null,
  };
}
