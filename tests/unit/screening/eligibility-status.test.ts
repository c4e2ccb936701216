import { describe, expect, it } from "vitest";
import { evaluateDosingGate, type GateParticipant } from "@/lib/domain/dosing/gates";
import {
  currentScreening,
  eligibilityState,
  isEligible,
  type ScreeningFacts,
} from "@/lib/domain/screening/eligibility-status";

const at = (day: number) => new Date(Date.UTC(2027, 0, day, 12));
/** Well within the re-review interval of every screening below. */
const CTX = { now: at(40), reviewMonths: 12, timeZone: "UTC" };
const screening = (id: string, day: number, over: Partial<ScreeningFacts> = {}): ScreeningFacts => ({
  id,
  status: "SIGNED",
  decision: "ELIGIBLE",
  signedAt: at(day),
  createdAt: at(day),
  supersedesId: null,
  ...over,
});

describe("eligibility from screenings", () => {
  it("is none without screenings, and follows the screening nothing supersedes", () => {
    expect(eligibilityState([], CTX)).toBe("NONE");
    const first = screening("a", 1, { decision: "NEEDS_INFORMATION" });
    const second = screening("b", 5, {
      status: "AWAITING_REVIEW",
      decision: null,
      signedAt: null,
      supersedesId: "a",
    });
    expect(eligibilityState([first], CTX)).toBe("NEEDS_INFORMATION");
    expect(currentScreening([first, second])?.id).toBe("b");
    expect(eligibilityState([first, second], CTX)).toBe("AWAITING_REVIEW");
    const third = screening("c", 9, { supersedesId: "b" });
    expect(isEligible([first, second, third], CTX)).toBe(true);
  });

  it("a revisit in progress takes eligibility away until it is signed again", () => {
    const eligible = screening("a", 1);
    const revisit = screening("b", 20, {
      status: "AWAITING_REVIEW",
      decision: null,
      signedAt: null,
      supersedesId: "a",
    });
    expect(isEligible([eligible], CTX)).toBe(true);
    expect(isEligible([eligible, revisit], CTX)).toBe(false);
  });
});

describe("couples are screened one person at a time", () => {
  const partner = (name: string, screenings: ScreeningFacts[]): GateParticipant => ({
    clientId: name.toLowerCase(),
    name,
    eligible: isEligible(screenings, CTX),
    consentCurrent: true,
    preparationCompleted: true,
    openSafetyFlag: false,
    sessions: [],
  });
  const gate = (participants: GateParticipant[]) =>
    evaluateDosingGate({
      candidate: { id: "dose-1", sequence: 1, startsAt: at(30) },
      participants,
      settings: { maxDosesPer7Days: 2, integrationMinDays: 1, integrationMaxDays: 3 },
      followUpAfterDose: 2,
      timeZone: "America/Los_Angeles",
    });

  it("a couples dose is blocked unless both partners are eligible, naming the partner", () => {
    const noah = partner("Noah", [screening("n", 1)]);
    const emma = partner("Emma", [screening("e", 1, { decision: "NOT_ELIGIBLE" })]);
    const blocked = gate([noah, emma]);
    expect(blocked.allowed).toBe(false);
    expect(blocked.blocks).toHaveLength(1);
    expect(blocked.blocks[0]).toMatchObject({ code: "NOT_ELIGIBLE", clientId: "emma" });
    expect(blocked.blocks[0]?.reason).toContain("Emma");
    expect(gate([noah, partner("Emma", [screening("e", 1)])]).allowed).toBe(true);
  });
});
