import { describe, expect, it } from "vitest";
import { zonedDateTime } from "@/lib/domain/core/zoned-time";
import { DEFAULT_PROTOCOL_PLAN } from "@/lib/domain/scheduling/protocol";
import {
  type OrderedSession,
  planSeries,
  planWarnings,
  validatePlanOrder,
} from "@/lib/domain/scheduling/series-plan";

/**
 * The series plan checker reads the practice's integration window (docs/clinical-rules.md §1,
 * integrationMinDays / integrationMaxDays): an integration counts only from the minimum after
 * its dose ends, and one later than the maximum is allowed with a warning.
 */

const LA = "America/Los_Angeles";
const local = (date: string, time = "09:00") => zonedDateTime(date, time, LA);
const HOUR = 3_600_000;
const clinicWindow = { minDays: 1, maxDays: 3, timeZone: LA };

const session = (kind: OrderedSession["kind"], sequence: number | null, startsAt: Date, hours = 1) => ({
  kind,
  sequence,
  startsAt,
  endsAt: new Date(startsAt.getTime() + hours * HOUR),
});
/** Preparation, dose 1 on Mon 3 May 2027 09:00 to 12:00, its integration at `integrationAt`, dose 2 a week later. */
const series = (integrationAt: Date, dose1: Partial<OrderedSession> = {}): OrderedSession[] => [
  session("PREPARATION", null, local("2027-04-26")),
  { ...session("DOSING", 1, local("2027-05-03"), 3), ...dose1 },
  session("INTEGRATION", 1, integrationAt),
  session("DOSING", 2, local("2027-05-10"), 3),
  session("INTEGRATION", 2, local("2027-05-12")),
];
const check = (sessions: OrderedSession[]) =>
  validatePlanOrder(sessions, { integrationWindow: clinicWindow });

describe("the integration window in the plan", () => {
  it("refuses an integration starting 2 hours after the dose ends, which the order alone allows", () => {
    const soon = series(local("2027-05-03", "14:00"));
    expect(validatePlanOrder(soon)).toEqual([]);
    expect(check(soon)).toEqual([
      {
        code: "INTEGRATION_TOO_SOON",
        sequence: 1,
        message:
          "The integration after dose 1 starts less than 1 day after the dose ends (the clinic's minimum).",
      },
    ]);
  });

  it("accepts one starting a day after the dose ends, to the minute", () => {
    expect(check(series(local("2027-05-04", "12:00")))).toEqual([]);
    expect(check(series(local("2027-05-04", "11:45"))).map((p) => p.code)).toEqual(["INTEGRATION_TOO_SOON"]);
  });

  it("counts from the dose when it was given after the session's planned end", () => {
    const lateDose = { doseGivenAt: local("2027-05-03", "13:30") };
    expect(check(series(local("2027-05-04", "12:00"), lateDose)).map((p) => p.code)).toEqual([
      "INTEGRATION_TOO_SOON",
    ]);
    expect(check(series(local("2027-05-04", "13:30"), lateDose))).toEqual([]);
  });

  it("warns, without refusing, when the integration starts more than the maximum after the dose", () => {
    const fourDays = series(local("2027-05-07", "13:00"));
    expect(check(fourDays)).toEqual([]);
    expect(planWarnings(fourDays, clinicWindow)).toEqual([
      {
        code: "INTEGRATION_LATE",
        sequence: 1,
        message:
          "The integration after dose 1 starts more than 3 days after the dose ends (the clinic's window is 1 to 3 days).",
      },
    ]);
    expect(planWarnings(series(local("2027-05-06", "12:00")), clinicWindow)).toEqual([]);
    expect(planWarnings(fourDays, { ...clinicWindow, maxDays: 5 })).toEqual([]);
  });

  it("passes the default protocol with the default window, and flags a 1-day template after a 3-hour dose", () => {
    const laidOut = (integrationDaysAfterDose: number) =>
      planSeries({
        plan: { ...DEFAULT_PROTOCOL_PLAN, integrationDaysAfterDose },
        startDate: "2027-03-01",
        cadence: "weekly",
        weekday: 2,
        time: "09:00",
        timeZone: LA,
      });
    const options = { followUpAfterDose: 2, integrationWindow: clinicWindow };
    expect(validatePlanOrder(laidOut(2), options)).toEqual([]);
    expect(planWarnings(laidOut(3), clinicWindow)).toEqual([]);
    // The next day at 09:00 is only 21 hours after a 09:00 to 12:00 dose ends.
    const oneDay = validatePlanOrder(laidOut(1), options);
    expect(oneDay.map((p) => p.code)).toEqual(Array(6).fill("INTEGRATION_TOO_SOON"));
  });
});
