import { describe, expect, it } from "vitest";
import { localDateOf, localTimeOf } from "@/lib/domain/core/zoned-time";
import {
  DEFAULT_PROTOCOL_PLAN,
  type ProtocolPlan,
  protocolPlanSchema,
  readProtocolPlan,
  SESSION_KIND_PURPOSE,
  SESSION_KINDS,
} from "@/lib/domain/scheduling/protocol";
import {
  type PlannedSession,
  planSeries,
  shiftSessions,
  validatePlanOrder,
} from "@/lib/domain/scheduling/series-plan";

const LA = "America/Los_Angeles";
const HOUR = 3_600_000;

// Monday 2027-03-01; Tuesdays at 09:00 in Los Angeles, so the series crosses 2027-03-14 (spring forward).
const plan = (over: Partial<ProtocolPlan> = {}, cadence: "weekly" | "biweekly" = "weekly") =>
  planSeries({
    plan: { ...DEFAULT_PROTOCOL_PLAN, ...over },
    startDate: "2027-03-01",
    cadence,
    weekday: 2,
    time: "09:00",
    timeZone: LA,
  });
const find = (sessions: PlannedSession[], label: string) => {
  const found = sessions.find((s) => s.label === label);
  if (!found) throw new Error(`no session labelled ${label}`);
  return found;
};
const days = (a: Date, b: Date) => (b.getTime() - a.getTime()) / (24 * HOUR);

describe("protocol plan", () => {
  it("defaults to docs/clinical-rules.md §1", () => {
    expect(DEFAULT_PROTOCOL_PLAN).toEqual({
      preparationSessions: 2,
      dosingSessions: 6,
      integrationDaysAfterDose: 2,
      followUpAfterDose: 2,
      closingSession: true,
      durationsMinutes: { PREPARATION: 60, DOSING: 180, INTEGRATION: 60, FOLLOW_UP: 30, CLOSING: 60 },
    });
  });

  it("keeps valid stored keys and defaults missing or invalid ones", () => {
    const read = readProtocolPlan({
      dosingSessions: 8,
      integrationDaysAfterDose: 9,
      durationsMinutes: { DOSING: 150, FOLLOW_UP: "soon" },
      unknown: true,
    });
    expect(read.dosingSessions).toBe(8);
    expect(read.integrationDaysAfterDose).toBe(2);
    expect(read.durationsMinutes).toEqual({ ...DEFAULT_PROTOCOL_PLAN.durationsMinutes, DOSING: 150 });
    expect(readProtocolPlan(null)).toEqual(DEFAULT_PROTOCOL_PLAN);
    expect(readProtocolPlan({ dosingSessions: 1 }).followUpAfterDose).toBeNull();
    expect(protocolPlanSchema.safeParse({ dosingSessions: 1, followUpAfterDose: 2 }).success).toBe(false);
  });

  it("explains every kind of session to clients", () => {
    for (const kind of SESSION_KINDS) expect(SESSION_KIND_PURPOSE[kind].length).toBeGreaterThan(20);
    expect(SESSION_KIND_PURPOSE.DOSING).toMatch(/fasting/);
    expect(SESSION_KIND_PURPOSE.DOSING).toMatch(/not drive until the next day/);
  });
});

describe("planSeries", () => {
  it("expands the default template in order, with labels and dose numbers", () => {
    const sessions = plan();
    expect(sessions.map((s) => s.label)).toEqual([
      "Preparation 1",
      "Preparation 2",
      "Dose 1",
      "Integration after dose 1",
      "Dose 2",
      "Integration after dose 2",
      "Prescriber follow-up",
      "Dose 3",
      "Integration after dose 3",
      "Dose 4",
      "Integration after dose 4",
      "Dose 5",
      "Integration after dose 5",
      "Dose 6",
      "Integration after dose 6",
      "Closing session",
    ]);
    expect(sessions.map((s) => s.index)).toEqual(sessions.map((_, i) => i));
    expect(sessions.filter((s) => s.kind === "DOSING").map((s) => s.sequence)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(sessions.filter((s) => s.kind === "INTEGRATION").map((s) => s.sequence)).toEqual([
      1, 2, 3, 4, 5, 6,
    ]);
    expect(sessions.filter((s) => s.sequence === null).map((s) => s.kind)).toEqual([
      "PREPARATION",
      "PREPARATION",
      "FOLLOW_UP",
      "CLOSING",
    ]);
    expect(sessions.at(-1)?.kind).toBe("CLOSING");
    expect(validatePlanOrder(sessions, { followUpAfterDose: 2 })).toEqual([]);
  });

  it("starts on the first chosen weekday and puts integration and follow-up on their local days", () => {
    const sessions = plan();
    expect(localDateOf(find(sessions, "Preparation 1").startsAt, LA)).toBe("2027-03-02");
    expect(localDateOf(find(sessions, "Dose 1").startsAt, LA)).toBe("2027-03-16");
    expect(localDateOf(find(sessions, "Integration after dose 1").startsAt, LA)).toBe("2027-03-18");
    expect(localDateOf(find(sessions, "Dose 2").startsAt, LA)).toBe("2027-03-23");
    expect(localDateOf(find(sessions, "Prescriber follow-up").startsAt, LA)).toBe("2027-03-26");
    expect(localDateOf(find(sessions, "Dose 3").startsAt, LA)).toBe("2027-03-30");
    expect(localDateOf(find(sessions, "Closing session").startsAt, LA)).toBe("2027-04-27");
    const followUp = find(sessions, "Prescriber follow-up");
    expect(followUp.endsAt < find(sessions, "Dose 3").startsAt).toBe(true);
    expect(followUp.startsAt > find(sessions, "Integration after dose 2").endsAt).toBe(true);
  });

  it("gives each kind its planned length", () => {
    const sessions = plan();
    const length = (label: string) =>
      (find(sessions, label).endsAt.getTime() - find(sessions, label).startsAt.getTime()) / 60_000;
    expect(length("Dose 1")).toBe(180);
    expect(length("Integration after dose 1")).toBe(60);
    expect(length("Prescriber follow-up")).toBe(30);
  });

  it("keeps 09:00 local across spring forward while the UTC hour changes", () => {
    const sessions = plan();
    for (const s of sessions) expect(localTimeOf(s.startsAt, LA)).toBe("09:00");
    expect(find(sessions, "Preparation 2").startsAt.toISOString()).toBe("2027-03-09T17:00:00.000Z"); // PST
    expect(find(sessions, "Dose 1").startsAt.toISOString()).toBe("2027-03-16T16:00:00.000Z"); // PDT
    expect(days(find(sessions, "Preparation 2").startsAt, find(sessions, "Dose 1").startsAt)).toBeCloseTo(
      7 - 1 / 24,
    );
  });

  it("spaces slots a week or two weeks apart", () => {
    const weekly = plan({ followUpAfterDose: null, closingSession: false });
    const biweekly = plan({ followUpAfterDose: null, closingSession: false }, "biweekly");
    const doseDates = (sessions: PlannedSession[]) =>
      sessions.filter((s) => s.kind === "DOSING").map((s) => localDateOf(s.startsAt, LA));
    expect(doseDates(weekly)).toEqual([
      "2027-03-16",
      "2027-03-23",
      "2027-03-30",
      "2027-04-06",
      "2027-04-13",
      "2027-04-20",
    ]);
    expect(doseDates(biweekly)).toEqual([
      "2027-03-30",
      "2027-04-13",
      "2027-04-27",
      "2027-05-11",
      "2027-05-25",
      "2027-06-08",
    ]);
    expect(localDateOf(find(biweekly, "Preparation 2").startsAt, LA)).toBe("2027-03-16");
  });

  it("follows the template's options", () => {
    const sessions = plan({
      preparationSessions: 1,
      dosingSessions: 3,
      integrationDaysAfterDose: 3,
      followUpAfterDose: null,
      closingSession: false,
    });
    expect(sessions.map((s) => s.kind)).toEqual([
      "PREPARATION",
      "DOSING",
      "INTEGRATION",
      "DOSING",
      "INTEGRATION",
      "DOSING",
      "INTEGRATION",
    ]);
    expect(localDateOf(find(sessions, "Integration after dose 1").startsAt, LA)).toBe("2027-03-12");
  });

  it("refuses bad input", () => {
    const base = {
      plan: DEFAULT_PROTOCOL_PLAN,
      startDate: "2027-03-01",
      cadence: "weekly",
      time: "09:00",
    } as const;
    expect(() => planSeries({ ...base, weekday: 2, timeZone: "Nowhere/City" })).toThrow(RangeError);
    expect(() => planSeries({ ...base, weekday: 9, timeZone: LA })).toThrow(RangeError);
    expect(() => planSeries({ ...base, weekday: 2, timeZone: LA, time: "9am" })).toThrow(RangeError);
    expect(() =>
      planSeries({
        ...base,
        weekday: 2,
        timeZone: LA,
        plan: { ...DEFAULT_PROTOCOL_PLAN, integrationDaysAfterDose: 8 },
      }),
    ).toThrow();
  });
});

describe("shiftSessions", () => {
  it("moves remaining sessions by local days, keeping wall time and length across DST", () => {
    const sessions = plan();
    const moved = shiftSessions(sessions.slice(0, 3), 14, LA);
    const prep1 = moved[0];
    expect(prep1?.startsAt.toISOString()).toBe("2027-03-16T16:00:00.000Z"); // was 2027-03-02T17:00Z
    for (const s of moved) expect(localTimeOf(s.startsAt, LA)).toBe("09:00");
    expect(moved.map((s) => s.label)).toEqual(["Preparation 1", "Preparation 2", "Dose 1"]);
    expect(moved[2] && (moved[2].endsAt.getTime() - moved[2].startsAt.getTime()) / HOUR).toBe(3);
    // Backwards across fall back, too.
    const autumn = shiftSessions(
      [{ startsAt: new Date("2027-11-10T17:00:00Z"), endsAt: new Date("2027-11-10T18:00:00Z") }],
      -7,
      LA,
    );
    expect(autumn[0]?.startsAt.toISOString()).toBe("2027-11-03T16:00:00.000Z");
    expect(sessions[0]?.startsAt.toISOString()).toBe("2027-03-02T17:00:00.000Z"); // input untouched
  });
});

describe("validatePlanOrder", () => {
  // Sessions on days of May 2027 at 16:00 UTC; `half` starts half an hour later.
  const at = (day: number, hours = 1, half = false) => {
    const startsAt = new Date(Date.UTC(2027, 4, day, 16, half ? 30 : 0));
    return { startsAt, endsAt: new Date(startsAt.getTime() + hours * HOUR) };
  };
  const prep = { kind: "PREPARATION" as const, sequence: null, ...at(1) };
  const dose = (n: number, day: number) => ({ kind: "DOSING" as const, sequence: n, ...at(day, 3) });
  const integration = (n: number, day: number) => ({ kind: "INTEGRATION" as const, sequence: n, ...at(day) });
  const other = (kind: "FOLLOW_UP" | "CLOSING", day: number, half = false) => ({
    kind,
    sequence: null,
    ...at(day, 1, half),
  });
  const codes = (problems: { code: string }[]) => problems.map((p) => p.code);
  const good = [prep, dose(1, 4), integration(1, 6), dose(2, 11), integration(2, 13)];

  it("accepts a good order and ignores cancelled sessions", () => {
    expect(validatePlanOrder(good)).toEqual([]);
    const cancelled = { ...dose(3, 5), status: "CANCELLED" as const };
    expect(validatePlanOrder([...good, cancelled])).toEqual([]);
  });

  it("reports a dose whose integration is missing or after the next dose", () => {
    const missing = [prep, dose(1, 4), dose(2, 11), integration(2, 13)];
    expect(validatePlanOrder(missing)).toMatchObject([{ code: "INTEGRATION_MISSING", sequence: 1 }]);
    const late = [prep, dose(1, 4), dose(2, 11), integration(1, 12)];
    expect(codes(validatePlanOrder(late))).toEqual(["INTEGRATION_OUT_OF_ORDER", "INTEGRATION_MISSING"]);
  });

  it("reports no preparation, doses out of order, closing not last, overlaps", () => {
    const sessions = [
      dose(2, 4),
      integration(2, 5),
      dose(1, 11),
      other("CLOSING", 12),
      integration(1, 13),
      other("FOLLOW_UP", 13, true),
    ];
    expect(codes(validatePlanOrder(sessions, { followUpAfterDose: 1 }))).toEqual([
      "DOSE_OUT_OF_ORDER",
      "DOSE_OUT_OF_ORDER",
      "PREPARATION_MISSING",
      "CLOSING_NOT_LAST",
      "SESSIONS_OVERLAP",
    ]);
  });

  it("reports a missing or misplaced prescriber follow-up", () => {
    expect(codes(validatePlanOrder(good, { followUpAfterDose: 1 }))).toEqual(["FOLLOW_UP_MISSING"]);
    const late = [...good, other("FOLLOW_UP", 14)];
    expect(codes(validatePlanOrder(late, { followUpAfterDose: 1 }))).toEqual(["FOLLOW_UP_OUT_OF_ORDER"]);
    expect(validatePlanOrder([...good, other("FOLLOW_UP", 7)], { followUpAfterDose: 1 })).toEqual([]);
  });
});
