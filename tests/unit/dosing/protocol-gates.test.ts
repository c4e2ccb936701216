import { describe, expect, it } from "vitest";
import { zonedDateTime } from "@/lib/domain/core/zoned-time";
import {
  type DosingGateInput,
  evaluateDosingGate,
  GATE_CODES,
  type GateParticipant,
  type GateSession,
} from "@/lib/domain/dosing/gates";
import type { SessionKind, SessionStatus } from "@/lib/domain/scheduling/protocol";

const LA = "America/Los_Angeles";
const local = (date: string, time = "09:00") => zonedDateTime(date, time, LA);

type Person = Omit<GateParticipant, "sessions"> & { sessions?: GateSession[] };
const emma: Person = {
  clientId: "c-emma",
  name: "Emma",
  eligible: true,
  consentCurrent: true,
  preparationCompleted: true,
  openSafetyFlag: false,
};
const noah: Person = { ...emma, clientId: "c-noah", name: "Noah" };

const HOUR = 3_600_000;
let nextId = 0;
/**
 * A session of an individual series: dosing lasts 3 hours, the others 1. A completed dosing
 * session had its dose given at its start; any other status has no dose given.
 */
const session = (
  kind: SessionKind,
  sequence: number | null,
  startsAt: Date,
  status: SessionStatus = "COMPLETED",
): GateSession => ({
  id: `s${++nextId}`,
  kind,
  sequence,
  startsAt,
  endsAt: new Date(startsAt.getTime() + (kind === "DOSING" ? 3 : 1) * HOUR),
  status,
  doseGivenAt: kind === "DOSING" && status === "COMPLETED" ? startsAt : null,
});

/** Dose 1 on Monday 3 May 2027 and its integration on Wednesday, both done. */
const doseOneDone = [
  session("PREPARATION", null, local("2027-04-26")),
  session("DOSING", 1, local("2027-05-03")),
  session("INTEGRATION", 1, local("2027-05-05")),
];

type Over = Partial<Omit<DosingGateInput, "participants" | "settings">> & {
  participants?: Person[];
  /** The sessions of every participant who brings none of their own. */
  sessions?: GateSession[];
  settings?: Partial<DosingGateInput["settings"]>;
};
const gate = ({ participants = [emma], sessions = doseOneDone, settings, ...over }: Over = {}) =>
  evaluateDosingGate({
    candidate: { id: "cand", sequence: 2, startsAt: local("2027-05-10") },
    settings: { maxDosesPer7Days: 2, integrationMinDays: 1, integrationMaxDays: 3, ...settings },
    followUpAfterDose: 2,
    timeZone: LA,
    ...over,
    participants: participants.map((p) => ({ sessions, ...p })),
  });
const codes = (result: ReturnType<typeof gate>) => result.blocks.map((b) => b.code);

describe("dosing gate: participants", () => {
  it("allows a dose when everything is in place", () => {
    expect(gate()).toEqual({ allowed: true, blocks: [], warnings: [] });
  });

  it.each([
    [
      { eligible: false },
      GATE_CODES.NOT_ELIGIBLE,
      "Emma is not yet eligible: no signed prescriber screening.",
      "A prescriber signs an eligible screening for Emma.",
    ],
    [
      { consentCurrent: false },
      GATE_CODES.CONSENT_NOT_CURRENT,
      "Emma has not signed the current version",
      "Emma reads and signs",
    ],
    [
      { preparationCompleted: false },
      GATE_CODES.NO_PREPARATION,
      "Emma has not completed a preparation session.",
      "Emma completes",
    ],
    [
      { openSafetyFlag: true },
      GATE_CODES.OPEN_SAFETY_FLAG,
      "Emma has an open suicide-risk safety flag",
      "reviews Emma's safety flag",
    ],
  ])("blocks on %o with %s", (over, code, reason, unblock) => {
    const result = gate({ participants: [{ ...emma, ...over }] });
    expect(result.allowed).toBe(false);
    expect(result.blocks).toHaveLength(1);
    expect(result.blocks[0]).toMatchObject({ code, clientId: "c-emma" });
    expect(result.blocks[0]?.reason).toContain(reason);
    expect(result.blocks[0]?.unblock).toContain(unblock);
  });

  it("words NOT_ELIGIBLE after where the screening stands", () => {
    const reasonFor = (screening: GateParticipant["screening"]) =>
      gate({ participants: [{ ...emma, eligible: false, screening }] }).blocks[0]?.reason;
    expect(reasonFor("AWAITING_REVIEW")).toMatch(/awaiting the prescriber's review/);
    expect(reasonFor("NEEDS_INFORMATION")).toMatch(/needs more information/);
    expect(reasonFor("NOT_ELIGIBLE")).toMatch(/^Emma is not eligible/);
  });

  it("checks each partner of a couple on their own", () => {
    const result = gate({ participants: [emma, { ...noah, eligible: false, openSafetyFlag: true }] });
    expect(result.allowed).toBe(false);
    expect(result.blocks.map((b) => [b.code, b.clientId])).toEqual([
      ["NOT_ELIGIBLE", "c-noah"],
      ["OPEN_SAFETY_FLAG", "c-noah"],
    ]);
    expect(result.blocks[0]?.reason).toBe("Noah is not yet eligible: no signed prescriber screening.");
    expect(gate({ participants: [emma, noah] }).allowed).toBe(true);
  });

  it("refuses when there is nobody to check", () => {
    expect(codes(gate({ participants: [] }))).toEqual(["NO_PARTICIPANTS"]);
  });
});

describe("dosing gate: at most N doses in any 7 days", () => {
  // Doses 1 and 2 on Mon 3 and Thu 6 May, each integrated the next afternoon (more than a day
  // after the dose ended); the follow-up rule is off here.
  const twoDoses = [
    session("DOSING", 1, local("2027-05-03")),
    session("INTEGRATION", 1, local("2027-05-04", "16:00")),
    session("DOSING", 2, local("2027-05-06")),
    session("INTEGRATION", 2, local("2027-05-07", "16:00")),
  ];
  const third = (startsAt: Date, sessions = twoDoses, maxDosesPer7Days = 2) =>
    gate({
      candidate: { id: "cand", sequence: 3, startsAt },
      sessions,
      followUpAfterDose: null,
      settings: { maxDosesPer7Days },
    });

  it("allows a third dose exactly 7 days after the first", () => {
    expect(third(local("2027-05-10", "09:00"))).toEqual({ allowed: true, blocks: [], warnings: [] });
  });

  it("blocks a third dose 6 days 23 hours after the first", () => {
    const result = third(local("2027-05-10", "08:00"));
    expect(codes(result)).toEqual(["DOSE_LIMIT_7_DAYS"]);
    expect(result.blocks[0]?.reason).toContain("dose 1 (Mon 3 May), dose 2 (Thu 6 May)");
    expect(result.blocks[0]?.clientId).toBeUndefined();
  });

  it("follows the clinic's setting", () => {
    expect(third(local("2027-05-10", "08:00"), twoDoses, 3).allowed).toBe(true);
  });

  it("counts confirmed and in-progress doses not given yet, not scheduled, cancelled or no-show ones", () => {
    // Dose 1 not given (yet): only a session that may still happen counts, at its planned start.
    const withStatus = (status: SessionStatus) =>
      twoDoses.map((s) =>
        s.kind === "DOSING" && s.sequence === 1 ? { ...s, status, doseGivenAt: null } : s,
      );
    const at = local("2027-05-10", "08:00");
    expect(third(at, withStatus("CONFIRMED")).allowed).toBe(false);
    expect(third(at, withStatus("IN_PROGRESS")).allowed).toBe(false);
    for (const status of ["SCHEDULED", "CANCELLED", "NO_SHOW"] as const) {
      expect(codes(third(at, withStatus(status)))).not.toContain("DOSE_LIMIT_7_DAYS");
    }
  });

  it("measures the window in local days, so a weekly rhythm survives spring forward", () => {
    const march = [
      session("DOSING", 1, local("2027-03-08")),
      session("INTEGRATION", 1, local("2027-03-09", "16:00")),
      session("DOSING", 2, local("2027-03-11")),
      session("INTEGRATION", 2, local("2027-03-12", "16:00")),
    ];
    // 09:00 PDT on 15 March is only 167 real hours after 09:00 PST on 8 March.
    expect(third(local("2027-03-15", "09:00"), march).allowed).toBe(true);
    expect(third(local("2027-03-15", "08:59"), march).allowed).toBe(false);
  });

  it("counts confirmed doses after the candidate too", () => {
    const later = [session("DOSING", 2, local("2027-05-08"), "CONFIRMED")];
    const result = gate({
      candidate: { id: "cand", sequence: 1, startsAt: local("2027-05-03") },
      sessions: [...later, session("DOSING", 3, local("2027-05-09"), "CONFIRMED")],
    });
    expect(codes(result)).toContain("DOSE_LIMIT_7_DAYS");
  });

  it("ignores the candidate if it is listed among the sessions", () => {
    const candidate = { id: "cand", sequence: 3, startsAt: local("2027-05-10") };
    const listed = [
      ...twoDoses,
      {
        ...candidate,
        kind: "DOSING" as const,
        status: "CONFIRMED" as const,
        endsAt: local("2027-05-10", "12:00"),
      },
    ];
    expect(gate({ candidate, sessions: listed, followUpAfterDose: null }).allowed).toBe(true);
  });
});

describe("dosing gate: integration between doses", () => {
  const dose1 = session("DOSING", 1, local("2027-05-03"));

  it("blocks until an integration after the previous dose is completed", () => {
    const scheduled = gate({
      sessions: [dose1, session("INTEGRATION", 1, local("2027-05-05"), "SCHEDULED")],
    });
    expect(codes(scheduled)).toEqual(["INTEGRATION_MISSING"]);
    expect(scheduled.blocks[0]?.reason).toBe(
      "No integration session has been completed since dose 1 (Mon 3 May).",
    );
    expect(scheduled.blocks[0]?.unblock).toBe(
      "Complete an integration session at least 1 day after dose 1 ended, before this dose.",
    );
    expect(gate({ sessions: [dose1, session("INTEGRATION", 1, local("2027-05-05"))] }).allowed).toBe(true);
  });

  it("judges before and after by the candidate's time, not the clock", () => {
    // An integration before the previous dose, or after the candidate, does not count.
    const before = session("INTEGRATION", null, local("2027-05-01"));
    const after = session("INTEGRATION", 1, local("2027-05-11"));
    expect(codes(gate({ sessions: [before, dose1, after] }))).toEqual(["INTEGRATION_MISSING"]);
    // A dose far in the future is checked against what will have happened before it.
    const future = [
      session("DOSING", 1, local("2031-01-06")),
      session("INTEGRATION", 1, local("2031-01-08")),
    ];
    expect(
      gate({ candidate: { id: "cand", sequence: 2, startsAt: local("2031-01-13") }, sessions: future })
        .allowed,
    ).toBe(true);
  });

  it("does not ask for an integration before the first dose", () => {
    expect(
      gate({ candidate: { id: "cand", sequence: 1, startsAt: local("2027-05-03") }, sessions: [] }).allowed,
    ).toBe(true);
  });
});

describe("dosing gate: prescriber follow-up", () => {
  const upToDoseTwo = [
    ...doseOneDone,
    session("DOSING", 2, local("2027-05-10")),
    session("INTEGRATION", 2, local("2027-05-12")),
  ];
  const doseThree = { id: "cand", sequence: 3, startsAt: local("2027-05-17") };

  it("blocks dose 3 until the follow-up after dose 2 is completed", () => {
    const result = gate({ candidate: doseThree, sessions: upToDoseTwo });
    expect(codes(result)).toEqual(["FOLLOW_UP_MISSING"]);
    expect(result.blocks[0]?.reason).toBe("The prescriber follow-up after dose 2 has not been completed.");
    const done = [...upToDoseTwo, session("FOLLOW_UP", null, local("2027-05-13"))];
    expect(gate({ candidate: doseThree, sessions: done }).allowed).toBe(true);
  });

  it("does not count a follow-up before dose 2 or one not completed", () => {
    const early = [...upToDoseTwo, session("FOLLOW_UP", null, local("2027-05-06"))];
    expect(codes(gate({ candidate: doseThree, sessions: early }))).toEqual(["FOLLOW_UP_MISSING"]);
    const noShow = [...upToDoseTwo, session("FOLLOW_UP", null, local("2027-05-13"), "NO_SHOW")];
    expect(codes(gate({ candidate: doseThree, sessions: noShow }))).toEqual(["FOLLOW_UP_MISSING"]);
  });

  it("applies to later doses, follows the plan's dose, and is off when null", () => {
    expect(gate({ candidate: doseThree, sessions: upToDoseTwo, followUpAfterDose: null }).allowed).toBe(true);
    expect(codes(gate({ followUpAfterDose: 1 }))).toEqual(["FOLLOW_UP_MISSING"]);
    // The candidate's number is its place among the doses before it, whatever it is numbered.
    expect(codes(gate({ candidate: { ...doseThree, sequence: null }, sessions: upToDoseTwo }))).toEqual([
      "FOLLOW_UP_MISSING",
    ]);
  });
});
