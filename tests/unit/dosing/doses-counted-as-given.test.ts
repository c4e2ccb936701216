import { describe, expect, it } from "vitest";
import { zonedDateTime } from "@/lib/domain/core/zoned-time";
import {
  attendedSession,
  countedDoses,
  type DosingGateInput,
  evaluateDosingGate,
  type GateParticipant,
  type GateSession,
  preparedFor,
} from "@/lib/domain/dosing/gates";
import type { SessionKind, SessionStatus } from "@/lib/domain/scheduling/protocol";
import { needsAttendance, sessionClosing } from "@/lib/domain/scheduling/session-closing";

/**
 * docs/clinical-rules.md §1 "The dosing gate" and §3a: a dose that was given always counts, at the
 * time it was given, in any series of the client's; integration counts only from a day after the
 * dose ended; a partner of a couple counts only the sessions they were recorded attending.
 */

const LA = "America/Los_Angeles";
const local = (date: string, time = "09:00") => zonedDateTime(date, time, LA);
const HOUR = 3_600_000;

let nextId = 0;
type SessionOver = Partial<Omit<GateSession, "kind" | "startsAt">>;
const at = (kind: SessionKind, startsAt: Date, over: SessionOver = {}): GateSession => ({
  id: `s${++nextId}`,
  seriesId: "this-series",
  seriesKind: "INDIVIDUAL",
  kind,
  sequence: null,
  startsAt,
  endsAt: new Date(startsAt.getTime() + (kind === "DOSING" ? 3 : 1) * HOUR),
  status: "COMPLETED",
  ...over,
});
/** A dosing session whose dose was given at `givenAt` (by default at its start). */
const given = (sequence: number, startsAt: Date, over: SessionOver = {}) =>
  at("DOSING", startsAt, { sequence, doseGivenAt: over.doseGivenAt ?? startsAt, ...over });
const integration = (startsAt: Date, over: SessionOver = {}) => at("INTEGRATION", startsAt, over);

const person = (name: string, sessions: GateSession[], over: Partial<GateParticipant> = {}) => ({
  clientId: `c-${name.toLowerCase()}`,
  name,
  eligible: true,
  consentCurrent: true,
  preparationCompleted: true,
  openSafetyFlag: false,
  sessions,
  ...over,
});

const gate = (participants: GateParticipant[], over: Partial<DosingGateInput> = {}) =>
  evaluateDosingGate({
    candidate: { id: "cand", seriesId: "this-series", sequence: 2, startsAt: local("2027-05-10") },
    participants,
    settings: { maxDosesPer7Days: 2, integrationMinDays: 1, integrationMaxDays: 3 },
    followUpAfterDose: null,
    timeZone: LA,
    ...over,
  });
const codes = (r: ReturnType<typeof gate>) => r.blocks.map((b) => b.code);

describe("a dose that was given always counts", () => {
  it("counts a given dose at the time it was given, whatever became of its session", () => {
    for (const status of [
      "COMPLETED",
      "ENDED_EARLY",
      "CANCELLED",
      "NO_SHOW",
      "SCHEDULED",
    ] as SessionStatus[]) {
      const s = given(1, local("2027-05-03"), { status, doseGivenAt: local("2027-05-03", "09:40") });
      expect(countedDoses([s]), status).toEqual([
        {
          id: s.id,
          seriesId: "this-series",
          sequence: 1,
          at: local("2027-05-03", "09:40"),
          end: local("2027-05-03", "12:00"),
          given: true,
        },
      ]);
    }
  });

  it("counts a confirmed or in-progress session not given yet at its planned start, nothing else", () => {
    const planned = (status: SessionStatus) => at("DOSING", local("2027-05-03"), { status, sequence: 1 });
    expect(countedDoses([planned("CONFIRMED")]).map((d) => [d.at, d.given])).toEqual([
      [local("2027-05-03"), false],
    ]);
    expect(countedDoses([planned("IN_PROGRESS")])).toHaveLength(1);
    // Not counted: scheduled only, cancelled, no-show, and a completed or ended session whose dosing
    // record of the client says no dose was given.
    for (const status of ["SCHEDULED", "CANCELLED", "NO_SHOW"] as const) {
      expect(countedDoses([planned(status)]), status).toEqual([]);
    }
    for (const status of ["COMPLETED", "ENDED_EARLY"] as const) {
      expect(countedDoses([{ ...planned(status), recorded: true }]), status).toEqual([]);
    }
  });

  it("counts a dosing session completed without any dosing record of the client, at its planned start", () => {
    // Marked completed without a record (or completed before dosing records): nothing says no dose
    // was given, so it counts.
    const unrecorded = at("DOSING", local("2027-05-03"), { status: "COMPLETED", sequence: 1 });
    expect(countedDoses([unrecorded]).map((d) => [d.at, d.given])).toEqual([[local("2027-05-03"), true]]);
  });

  it("keeps a dose given in a session cancelled afterwards in the 7-day limit", () => {
    const cancelledAfterDose = given(1, local("2027-05-06"), { status: "CANCELLED" });
    const result = gate(
      [
        person("Emma", [
          given(1, local("2027-05-03")),
          cancelledAfterDose,
          integration(local("2027-05-07", "16:00")),
        ]),
      ],
      { candidate: { id: "cand", seriesId: "this-series", sequence: 3, startsAt: local("2027-05-09") } },
    );
    expect(codes(result)).toEqual(["DOSE_LIMIT_7_DAYS"]);
  });

  it("counts a dose given in another series of the client, and names it so", () => {
    const other = given(4, local("2027-05-06"), { seriesId: "older-series" });
    const sessions = [
      given(1, local("2027-05-03")),
      integration(local("2027-05-04", "16:00")),
      other,
      integration(local("2027-05-07", "16:00"), { seriesId: "older-series" }),
    ];
    const candidate = { id: "cand", seriesId: "this-series", sequence: 2, startsAt: local("2027-05-09") };
    const result = gate([person("Emma", sessions)], { candidate });
    expect(codes(result)).toEqual(["DOSE_LIMIT_7_DAYS"]);
    expect(result.blocks[0]?.reason).toContain("dose 1 (Mon 3 May), dose 4 of another series (Thu 6 May)");
    // The integration after it, in the other series, counts too: without it the dose needs one.
    const without = sessions.filter((s) => !(s.kind === "INTEGRATION" && s.seriesId === "older-series"));
    const settings = { maxDosesPer7Days: 3, integrationMinDays: 1, integrationMaxDays: 3 };
    expect(codes(gate([person("Emma", without)], { candidate, settings }))).toEqual(["INTEGRATION_MISSING"]);
  });

  it("counts a dose given late at 23:30 at its real time, not at the session's start", () => {
    // Dose 1's session was booked for 20:00 to 21:00 on Monday; the dose went in at 23:30.
    const late = given(1, local("2027-05-03", "20:00"), {
      endsAt: local("2027-05-03", "21:00"),
      doseGivenAt: local("2027-05-03", "23:30"),
    });
    const sessions = [late, integration(local("2027-05-05", "10:00")), given(2, local("2027-05-06"))];
    sessions.push(integration(local("2027-05-07", "16:00")));
    const third = (time: string) =>
      gate([person("Emma", sessions)], {
        candidate: { id: "cand", seriesId: "this-series", sequence: 3, startsAt: local("2027-05-10", time) },
      });
    // By the booked start, 22:00 the next Monday would be outside the 7 days; by the real time it is inside.
    expect(codes(third("22:00"))).toEqual(["DOSE_LIMIT_7_DAYS"]);
    expect(codes(third("23:30"))).toEqual([]);
    // The integration is counted from the dose too: Tuesday 22:00 is a day after 21:00, not after 23:30.
    const tuesday = [late, integration(local("2027-05-04", "22:00"))];
    const second = gate([person("Emma", tuesday)], {
      candidate: { id: "cand", seriesId: "this-series", sequence: 2, startsAt: local("2027-05-10") },
    });
    expect(codes(second)).toEqual(["INTEGRATION_MISSING"]);
    expect(second.blocks[0]?.reason).toMatch(/started less than 1 day after dose 1 ended/);
  });

  it("numbers doses by those actually counted: a cancelled dose 1 makes session 3 the second dose", () => {
    const sessions = [
      at("DOSING", local("2027-04-26"), { sequence: 1, status: "CANCELLED" }),
      given(2, local("2027-05-03")),
      integration(local("2027-05-05")),
    ];
    const candidate = { id: "cand", seriesId: "this-series", sequence: 3, startsAt: local("2027-05-10") };
    expect(gate([person("Emma", sessions)], { candidate, followUpAfterDose: 2 }).allowed).toBe(true);
    // A dose given in another series before them makes it the third: the follow-up is due.
    const withOlder = [given(6, local("2027-03-01"), { seriesId: "older-series" }), ...sessions];
    const result = gate([person("Emma", withOlder)], { candidate, followUpAfterDose: 2 });
    expect(codes(result)).toEqual(["FOLLOW_UP_MISSING"]);
  });
});

describe("integration means after the dose", () => {
  const dose = given(1, local("2027-05-03"));
  const second = (integrationAt: Date, settings?: Partial<DosingGateInput["settings"]>) =>
    gate([person("Emma", [dose, integration(integrationAt)])], {
      settings: { maxDosesPer7Days: 2, integrationMinDays: 1, integrationMaxDays: 3, ...settings },
    });

  it("does not count an integration starting 2 hours after the dosing session ends", () => {
    const result = second(local("2027-05-03", "14:00"));
    expect(codes(result)).toEqual(["INTEGRATION_MISSING"]);
    expect(result.blocks[0]?.reason).toBe(
      "The integration session on Mon 3 May started less than 1 day after dose 1 ended, so it does not count (the clinic's minimum is 1 day).",
    );
  });

  it("counts one starting a day after the end, to the minute, and follows the clinic's minimum", () => {
    expect(second(local("2027-05-04", "12:00"))).toEqual({ allowed: true, blocks: [], warnings: [] });
    expect(codes(second(local("2027-05-04", "11:59")))).toEqual(["INTEGRATION_MISSING"]);
    expect(second(local("2027-05-03", "14:00"), { integrationMinDays: 0 }).allowed).toBe(true);
    expect(codes(second(local("2027-05-05", "10:00"), { integrationMinDays: 2 }))).toEqual([
      "INTEGRATION_MISSING",
    ]);
  });

  it("allows an integration 4 days after the dose, with a warning; 3 days is within the window", () => {
    const late = second(local("2027-05-07", "13:00"));
    expect(late.allowed).toBe(true);
    expect(late.warnings).toEqual([
      {
        code: "INTEGRATION_LATE",
        message:
          "The integration after dose 1 (Mon 3 May) started more than 3 days after the dose (the clinic's window is 1 to 3 days).",
      },
    ]);
    expect(second(local("2027-05-06", "12:00")).warnings).toEqual([]);
    expect(second(local("2027-05-07", "13:00"), { integrationMaxDays: 5 }).warnings).toEqual([]);
  });
});

describe("couples: each partner's own doses and attendance", () => {
  const couple = (sessions: GateSession[]) => sessions.map((s) => ({ ...s, seriesKind: "COUPLE" as const }));
  const prep = at("PREPARATION", local("2027-04-26"));

  it("counts a completed session as attended in an individual series, and only ticked partners in a couple", () => {
    expect(attendedSession(prep)).toBe(true);
    expect(attendedSession({ ...prep, status: "SCHEDULED" })).toBe(false);
    const joint = { ...prep, seriesKind: "COUPLE" as const };
    expect(attendedSession({ ...joint, attended: true })).toBe(true);
    expect(attendedSession({ ...joint, attended: false })).toBe(false);
    expect(attendedSession({ ...joint, attended: null })).toBe(false);
    // The prescriber's follow-up has no attendance of its own.
    expect(attendedSession({ ...joint, kind: "FOLLOW_UP" })).toBe(true);
    expect(needsAttendance({ kind: "PREPARATION", seriesKind: "COUPLE" })).toBe(true);
    expect(needsAttendance({ kind: "INTEGRATION", seriesKind: "COUPLE" })).toBe(true);
    expect(needsAttendance({ kind: "FOLLOW_UP", seriesKind: "COUPLE" })).toBe(false);
    expect(needsAttendance({ kind: "PREPARATION", seriesKind: "INDIVIDUAL" })).toBe(false);
  });

  it("blocks a partner who was absent from preparation, and not the one who came", () => {
    const emmaSessions = couple([{ ...prep, attended: true }]);
    const noahSessions = couple([{ ...prep, attended: false }]);
    const emma = person("Emma", emmaSessions, {
      preparationCompleted: preparedFor(emmaSessions, "this-series"),
    });
    const noah = person("Noah", noahSessions, {
      preparationCompleted: preparedFor(noahSessions, "this-series"),
    });
    const result = gate([emma, noah], {
      candidate: { id: "cand", seriesId: "this-series", sequence: 1, startsAt: local("2027-05-03") },
    });
    expect(result.blocks.map((b) => [b.code, b.clientId])).toEqual([["NO_PREPARATION", "c-noah"]]);
    // A preparation of another series does not prepare this one.
    expect(preparedFor(couple([{ ...prep, attended: true, seriesId: "older-series" }]), "this-series")).toBe(
      false,
    );
  });

  it("blocks a partner absent from the integration after the previous dose", () => {
    const shared = [given(1, local("2027-05-03")), integration(local("2027-05-05"))];
    const emma = person("Emma", couple(shared.map((s) => ({ ...s, attended: true }))));
    const noah = person("Noah", couple(shared.map((s) => ({ ...s, attended: s.kind !== "INTEGRATION" }))));
    const result = gate([emma, noah]);
    expect(result.blocks).toEqual([
      {
        code: "INTEGRATION_MISSING",
        clientId: "c-noah",
        reason: "Noah: No integration session has been completed since dose 1 (Mon 3 May).",
        unblock: "Complete an integration session at least 1 day after dose 1 ended, before this dose.",
      },
    ]);
  });

  it("counts each partner's own doses: a dose in Noah's individual series holds only Noah", () => {
    const joint = couple([
      given(1, local("2027-05-03")),
      { ...integration(local("2027-05-05")), attended: true },
    ]);
    const noahsOwn = given(3, local("2027-05-06"), { seriesId: "noah-individual" });
    const noahsIntegration = integration(local("2027-05-07", "16:00"), { seriesId: "noah-individual" });
    const candidate = { id: "cand", seriesId: "this-series", sequence: 2, startsAt: local("2027-05-09") };
    const noahs = [...joint, noahsOwn, noahsIntegration];
    const result = gate([person("Emma", joint), person("Noah", noahs)], { candidate });
    expect(result.blocks.map((b) => [b.code, b.clientId])).toEqual([["DOSE_LIMIT_7_DAYS", "c-noah"]]);
    expect(result.blocks[0]?.reason).toMatch(/^Noah: This would be more than 2 doses within 7 days/);
    // The same history for both: one block for the series, naming no one.
    const both = gate([person("Emma", noahs), person("Noah", noahs)], { candidate });
    expect(both.blocks.map((b) => [b.code, b.clientId])).toEqual([["DOSE_LIMIT_7_DAYS", undefined]]);
  });

  it("counts a partner's dose even when the other partner's was not given", () => {
    // In a couple's session only Emma was dosed; the session was then ended early.
    const session = at("DOSING", local("2027-05-06"), { sequence: 2, status: "ENDED_EARLY" });
    const emma = person(
      "Emma",
      couple([given(1, local("2027-05-03")), { ...session, doseGivenAt: local("2027-05-06") }]),
    );
    // Noah's record of that session says no dose was given.
    const noah = person("Noah", couple([given(1, local("2027-05-03")), { ...session, recorded: true }]));
    const result = gate([emma, noah], {
      candidate: { id: "cand", seriesId: "this-series", sequence: 3, startsAt: local("2027-05-08") },
      settings: { maxDosesPer7Days: 2, integrationMinDays: 0, integrationMaxDays: 3 },
    });
    expect(result.blocks.filter((b) => b.code === "DOSE_LIMIT_7_DAYS").map((b) => b.clientId)).toEqual([
      "c-emma",
    ]);
  });
});

describe("a session with a dose given cannot be cancelled", () => {
  it("offers cancel or no-show until a dose is given, then only ending early", () => {
    for (const status of ["SCHEDULED", "CONFIRMED", "IN_PROGRESS"]) {
      expect(sessionClosing({ kind: "DOSING", status, doseGiven: false })).toBe("cancel");
    }
    expect(sessionClosing({ kind: "DOSING", status: "IN_PROGRESS", doseGiven: true })).toBe("end-early");
    expect(sessionClosing({ kind: "PREPARATION", status: "SCHEDULED", doseGiven: false })).toBe("cancel");
  });

  it("treats finished, cancelled and ended sessions as closed, with or without a dose", () => {
    for (const status of ["COMPLETED", "CANCELLED", "NO_SHOW", "ENDED_EARLY"]) {
      expect(sessionClosing({ kind: "DOSING", status, doseGiven: false })).toBe("closed");
      expect(sessionClosing({ kind: "DOSING", status, doseGiven: true })).toBe("closed");
    }
    // A dose on a session that is not in progress cannot be undone by cancelling either.
    expect(sessionClosing({ kind: "DOSING", status: "CONFIRMED", doseGiven: true })).toBe("closed");
  });
});
