import { describe, expect, it } from "vitest";
import {
  addLocalMonths,
  type ExistingRequest,
  type MeasurePoint,
  PRE_DOSE_SCALES,
  plannedMeasurePoints,
  requestState,
  type ScheduleSession,
  syncPlan,
  TRACKED_SCALES,
  trendSummary,
} from "@/lib/domain/measures/measure-schedule";

// Every expectation is an absolute UTC instant, so the machine's own zone (TZ) cannot matter.
const LA = "America/Los_Angeles";
const utc = (iso: string) => new Date(iso);

const session = (
  id: string,
  kind: ScheduleSession["kind"],
  startsAt: string,
  endsAt: string,
  status: ScheduleSession["status"] = "SCHEDULED",
  sequence: number | null = null,
): ScheduleSession => ({ id, kind, sequence, startsAt: utc(startsAt), endsAt: utc(endsAt), status });

// A short series in Los Angeles across the 2027-03-14 spring-forward change (PST -8, then PDT -7).
const series: ScheduleSession[] = [
  session("prep", "PREPARATION", "2027-03-01T17:00:00Z", "2027-03-01T18:00:00Z", "COMPLETED"),
  session("dose1", "DOSING", "2027-03-07T17:00:00Z", "2027-03-07T20:00:00Z", "COMPLETED", 1),
  session("int1", "INTEGRATION", "2027-03-09T17:00:00Z", "2027-03-09T18:00:00Z", "COMPLETED", 1),
  session("dose2", "DOSING", "2027-03-14T16:00:00Z", "2027-03-14T19:00:00Z", "CONFIRMED", 2),
  session("int2", "INTEGRATION", "2027-03-16T16:00:00Z", "2027-03-16T17:00:00Z", "SCHEDULED", 2),
  session("dose3", "DOSING", "2027-03-21T16:00:00Z", "2027-03-21T19:00:00Z", "CANCELLED", 3),
  session("dose4", "DOSING", "2027-03-22T16:00:00Z", "2027-03-22T19:00:00Z", "NO_SHOW", 3),
  session("closing", "CLOSING", "2027-03-28T16:00:00Z", "2027-03-28T17:00:00Z"),
];
const plan = (sessions: ScheduleSession[], timeZone = LA) => plannedMeasurePoints({ sessions, timeZone });
const byKey = (points: MeasurePoint[], key: string) => points.find((p) => p.key === key);

describe("plannedMeasurePoints", () => {
  const points = plan(series);

  it("asks each tracked scale and the C-SSRS since last visit before each live dose, opening 3 local days earlier", () => {
    const preDose = points.filter((p) => p.context === "PRE_DOSE");
    const expected = ["dose1", "dose2"].flatMap((id) => PRE_DOSE_SCALES.map((s) => `PRE_DOSE:${s}:${id}`));
    expect(PRE_DOSE_SCALES).toEqual([...TRACKED_SCALES, "CSSRS"]);
    expect(preDose.map((p) => p.key)).toEqual(expected);
    expect(byKey(points, "PRE_DOSE:GAD7:dose1")).toEqual({
      key: "PRE_DOSE:GAD7:dose1",
      context: "PRE_DOSE",
      scale: "GAD7",
      variant: "STANDARD",
      dueAt: utc("2027-03-07T17:00:00Z"),
      opensAt: utc("2027-03-04T17:00:00Z"),
      sessionId: "dose1",
    });
    expect(byKey(points, "PRE_DOSE:CSSRS:dose2")).toEqual({
      key: "PRE_DOSE:CSSRS:dose2",
      context: "PRE_DOSE",
      scale: "CSSRS",
      variant: "SINCE_LAST_VISIT",
      dueAt: utc("2027-03-14T16:00:00Z"),
      opensAt: utc("2027-03-11T17:00:00Z"),
      sessionId: "dose2",
    });
    // The C-SSRS is asked before doses only: the other points keep the tracked scales.
    expect(points.filter((p) => p.scale === "CSSRS").every((p) => p.context === "PRE_DOSE")).toBe(true);
  });

  it("opens a dose on the spring-forward day at the same local 09:00 three days before", () => {
    // 2027-03-14 09:00 PDT is 16:00Z; 2027-03-11 09:00 PST is 17:00Z (71 real hours earlier).
    const p = byKey(points, "PRE_DOSE:PHQ9:dose2");
    expect(p?.dueAt).toEqual(utc("2027-03-14T16:00:00Z"));
    expect(p?.opensAt).toEqual(utc("2027-03-11T17:00:00Z"));
  });

  it("gives cancelled and no-show doses no points", () => {
    expect(points.some((p) => p.sessionId === "dose3" || p.sessionId === "dose4")).toBe(false);
  });

  it("is due at the end of the last live session, opening 2 days before", () => {
    for (const scale of TRACKED_SCALES) {
      expect(byKey(points, `END_OF_SERIES:${scale}`)).toMatchObject({
        context: "END_OF_SERIES",
        dueAt: utc("2027-03-28T17:00:00Z"),
        opensAt: utc("2027-03-26T17:00:00Z"),
        sessionId: null,
      });
    }
  });

  it("follows up 1 and 3 local months after the series, opening 3 days before", () => {
    expect(byKey(points, "FOLLOW_UP_1M:PCL5")).toMatchObject({
      dueAt: utc("2027-04-28T17:00:00Z"),
      opensAt: utc("2027-04-25T17:00:00Z"),
    });
    expect(byKey(points, "FOLLOW_UP_3M:PHQ9")).toMatchObject({
      dueAt: utc("2027-06-28T17:00:00Z"),
      opensAt: utc("2027-06-25T17:00:00Z"),
    });
    expect(points).toHaveLength(2 * 4 + 3 * 3);
    const dues = points.map((p) => p.dueAt.getTime());
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(new Set(points.map((p) => p.key)).size).toBe(points.length);
  });

  it("ends the series at the last live session when the closing one is cancelled", () => {
    const noClosing = series.map((s) => (s.id === "closing" ? { ...s, status: "CANCELLED" as const } : s));
    const p = plan(noClosing);
    expect(byKey(p, "END_OF_SERIES:PHQ9")?.dueAt).toEqual(utc("2027-03-16T17:00:00Z")); // end of int2
    expect(byKey(p, "FOLLOW_UP_1M:PHQ9")?.dueAt).toEqual(utc("2027-04-16T17:00:00Z"));
  });

  it("gives no points for a series with no live sessions, or no sessions", () => {
    expect(plan(series.map((s) => ({ ...s, status: "CANCELLED" as const })))).toEqual([]);
    expect(plan([])).toEqual([]);
  });
});

describe("addLocalMonths", () => {
  it("clamps a day the target month lacks to its last day", () => {
    // 2027-01-31 10:00 PST → 2027-02-28 10:00 PST; 2028 is a leap year.
    expect(addLocalMonths(utc("2027-01-31T18:00:00Z"), 1, LA)).toEqual(utc("2027-02-28T18:00:00Z"));
    expect(addLocalMonths(utc("2028-01-31T18:00:00Z"), 1, LA)).toEqual(utc("2028-02-29T18:00:00Z"));
    // Three months counts from Jan 31 (→ Apr 30, now PDT), not from the clamped Feb 28.
    expect(addLocalMonths(utc("2027-01-31T18:00:00Z"), 3, LA)).toEqual(utc("2027-04-30T17:00:00Z"));
    expect(addLocalMonths(utc("2027-12-31T18:00:00Z"), 2, LA)).toEqual(utc("2028-02-29T18:00:00Z"));
    // Across the fall-back change: 2027-10-31 10:00 PDT → 2027-11-30 10:00 PST.
    expect(addLocalMonths(utc("2027-10-31T17:00:00Z"), 1, LA)).toEqual(utc("2027-11-30T18:00:00Z"));
  });

  it("uses the local date, not the UTC one", () => {
    // 2027-01-31T15:30Z is 2027-02-01 00:30 in Tokyo, so a month later is 2027-03-01 00:30 JST.
    expect(addLocalMonths(utc("2027-01-31T15:30:00Z"), 1, "Asia/Tokyo")).toEqual(utc("2027-02-28T15:30:00Z"));
  });

  it("plans follow-ups from a Jan 31 end with the clamping rule", () => {
    const p = plan([session("c", "CLOSING", "2028-01-31T17:00:00Z", "2028-01-31T18:00:00Z")]);
    expect(byKey(p, "FOLLOW_UP_1M:PHQ9")?.dueAt).toEqual(utc("2028-02-29T18:00:00Z"));
    expect(byKey(p, "FOLLOW_UP_3M:PHQ9")?.dueAt).toEqual(utc("2028-04-30T17:00:00Z"));
    expect(byKey(p, "FOLLOW_UP_3M:PHQ9")?.opensAt).toEqual(utc("2028-04-27T17:00:00Z"));
  });
});

describe("syncPlan", () => {
  const planned = plan(series);
  const keyed = (id: string, key: string, dueAt: string, state: Partial<ExistingRequest> = {}) =>
    ({ id, key, dueAt: utc(dueAt), completed: false, cancelled: false, ...state }) satisfies ExistingRequest;

  it("creates every point when nothing is stored", () => {
    expect(syncPlan(planned, [])).toEqual({ create: planned, move: [], cancel: [] });
  });

  it("moves pending requests whose due date changed and leaves matching ones alone", () => {
    const existing = planned.map((p, i) => keyed(`r${i}`, p.key, p.dueAt.toISOString()));
    const first = existing[0];
    if (!first) throw new Error("fixture");
    first.dueAt = utc("2027-03-06T17:00:00Z");
    expect(syncPlan(planned, existing)).toEqual({
      create: [],
      move: [{ id: first.id, dueAt: utc("2027-03-07T17:00:00Z") }],
      cancel: [],
    });
  });

  it("cancels pending requests whose point is gone, e.g. a cancelled dose", () => {
    const existing = [
      ...planned.map((p, i) => keyed(`r${i}`, p.key, p.dueAt.toISOString())),
      keyed("gone", "PRE_DOSE:PHQ9:dose3", "2027-03-21T16:00:00Z"),
      keyed("gone-done", "PRE_DOSE:GAD7:dose3", "2027-03-21T16:00:00Z", { completed: true }),
      keyed("gone-cancelled", "PRE_DOSE:PCL5:dose3", "2027-03-21T16:00:00Z", { cancelled: true }),
    ];
    expect(syncPlan(planned, existing)).toEqual({ create: [], move: [], cancel: ["gone"] });
  });

  it("never moves or cancels a completed request, and does not ask again for its point", () => {
    const done = keyed("done", "PRE_DOSE:PHQ9:dose1", "2027-03-01T00:00:00Z", { completed: true });
    const result = syncPlan(planned, [done]);
    expect(result.move).toEqual([]);
    expect(result.cancel).toEqual([]);
    expect(result.create.map((p) => p.key)).not.toContain("PRE_DOSE:PHQ9:dose1");
    expect(result.create).toHaveLength(planned.length - 1);
  });

  it("does not re-create or move a point whose request was cancelled", () => {
    const cancelled = keyed("old", "END_OF_SERIES:PHQ9", "2027-03-01T00:00:00Z", { cancelled: true });
    const result = syncPlan(planned, [cancelled]);
    expect(result.create.map((p) => p.key)).not.toContain("END_OF_SERIES:PHQ9");
    expect(result.move).toEqual([]);
    expect(result.cancel).toEqual([]);
  });

  it("cancels duplicate pending requests for one point, keeping the first", () => {
    const only = planned.filter((p) => p.key === "END_OF_SERIES:GAD7");
    const dup = [
      keyed("a", "END_OF_SERIES:GAD7", "2027-03-28T17:00:00Z"),
      keyed("b", "END_OF_SERIES:GAD7", "2027-03-28T17:00:00Z"),
    ];
    expect(syncPlan(only, dup)).toEqual({ create: [], move: [], cancel: ["b"] });
  });
});

describe("requestState", () => {
  const r = {
    dueAt: utc("2027-03-14T16:00:00Z"),
    opensAt: utc("2027-03-11T17:00:00Z"),
    completedAt: null,
    cancelledAt: null,
  };

  it("is upcoming before opensAt and due from exactly opensAt", () => {
    expect(requestState(r, utc("2027-03-11T16:59:59.999Z"))).toBe("upcoming");
    expect(requestState(r, utc("2027-03-11T17:00:00Z"))).toBe("due");
  });

  it("stays due through exactly dueAt + 2 days (48 h), overdue after", () => {
    expect(requestState(r, utc("2027-03-16T16:00:00Z"))).toBe("due");
    expect(requestState(r, utc("2027-03-16T16:00:00.001Z"))).toBe("overdue");
  });

  it("reports done and cancelled whatever the time", () => {
    const now = utc("2027-04-01T00:00:00Z");
    expect(requestState({ ...r, completedAt: utc("2027-03-12T00:00:00Z") }, now)).toBe("done");
    expect(requestState({ ...r, cancelledAt: utc("2027-03-12T00:00:00Z") }, now)).toBe("cancelled");
    expect(
      requestState({ ...r, cancelledAt: utc("2027-03-10T00:00:00Z") }, utc("2027-03-01T00:00:00Z")),
    ).toBe("cancelled");
  });
});

describe("trendSummary", () => {
  const at = (day: number) => utc(`2027-03-${String(day).padStart(2, "0")}T17:00:00Z`);
  const pts = (...totals: number[]) => totals.map((total, i) => ({ total, takenAt: at(i + 1) }));

  it("counts exactly a 50 % drop as response, and not 45 % or 48.75 %", () => {
    expect(trendSummary("PHQ9", pts(20, 14, 10))).toMatchObject({ percentChange: -50, response: true });
    expect(trendSummary("PHQ9", pts(20, 11)).response).toBe(false);
    expect(trendSummary("GAD7", pts(16, 8)).response).toBe(true);
    // The PCL-5 reads its change in points instead (below).
    expect(trendSummary("PCL5", pts(80, 40)).response).toBe(false);
  });

  it("reads response and remission only from a baseline of 10 or more", () => {
    expect(trendSummary("PHQ9", pts(10, 5))).toMatchObject({ response: true, remission: false });
    expect(trendSummary("PHQ9", pts(10, 4))).toMatchObject({ response: true, baselineBelowModerate: false });
    expect(trendSummary("PHQ9", pts(9, 2))).toMatchObject({
      response: false,
      remission: null,
      baselineBelowModerate: true,
    });
    expect(trendSummary("GAD7", pts(9, 0))).toMatchObject({ remission: null, baselineBelowModerate: true });
    expect(trendSummary("PCL5", pts(9, 0)).baselineBelowModerate).toBe(false);
  });

  it("calls remission at 4 but not 5, for the PHQ-9 and the GAD-7", () => {
    expect(trendSummary("PHQ9", pts(12, 4)).remission).toBe(true);
    expect(trendSummary("PHQ9", pts(12, 5))).toMatchObject({ remission: false, response: true });
    expect(trendSummary("GAD7", pts(12, 4))).toMatchObject({ remission: true, pcl5Change: null });
    expect(trendSummary("GAD7", pts(12, 5)).remission).toBe(false);
  });

  it("grades PCL-5 change: 10 clinically meaningful, 5 reliable, less or worse none", () => {
    expect(trendSummary("PCL5", pts(50, 40)).pcl5Change).toBe("clinically-meaningful");
    expect(trendSummary("PCL5", pts(50, 41)).pcl5Change).toBe("reliable");
    expect(trendSummary("PCL5", pts(50, 45)).pcl5Change).toBe("reliable");
    expect(trendSummary("PCL5", pts(50, 46)).pcl5Change).toBe("none");
    expect(trendSummary("PCL5", pts(50, 60))).toMatchObject({ pcl5Change: "none", percentChange: 20 });
    expect(trendSummary("PCL5", pts(50, 40)).remission).toBeNull();
  });

  it("takes baseline and latest by time, whatever the input order", () => {
    const shuffled = [
      { total: 8, takenAt: at(10) },
      { total: 18, takenAt: at(1) },
      { total: 4, takenAt: at(20) },
      { total: 12, takenAt: at(5) },
    ];
    expect(trendSummary("PHQ9", shuffled)).toEqual({
      baseline: { total: 18, takenAt: at(1) },
      latest: { total: 4, takenAt: at(20) },
      percentChange: ((4 - 18) / 18) * 100,
      response: true,
      remission: true,
      baselineBelowModerate: false,
      pcl5Change: null,
    });
  });

  it("treats a single point as both baseline and latest, with no change", () => {
    expect(trendSummary("PCL5", pts(40))).toEqual({
      baseline: { total: 40, takenAt: at(1) },
      latest: { total: 40, takenAt: at(1) },
      percentChange: 0,
      response: false,
      remission: null,
      baselineBelowModerate: false,
      pcl5Change: "none",
    });
    // A single PHQ-9 of 3 is minimal, not a remission: there is no moderate baseline to remit from.
    expect(trendSummary("PHQ9", pts(3))).toMatchObject({ remission: null, baselineBelowModerate: true });
  });

  it("summarises empty input as nothing known", () => {
    expect(trendSummary("PHQ9", [])).toEqual({
      baseline: null,
      latest: null,
      percentChange: null,
      response: false,
      remission: null,
      baselineBelowModerate: false,
      pcl5Change: null,
    });
    expect(trendSummary("GAD7", pts(0, 0))).toMatchObject({ percentChange: null, response: false });
  });
});
