import { describe, expect, it } from "vitest";
import { readPracticeSettings } from "@/lib/domain/admin/practice-settings";
import { evaluateGoNoGo, type GoNoGoContext, type GoNoGoInput } from "@/lib/domain/dosing/checklist";
import { evaluateDosingGate } from "@/lib/domain/dosing/gates";
import {
  eligibilityStatus,
  expiryText,
  latestIntakeFrom,
  type ScreeningFacts,
} from "@/lib/domain/screening/eligibility-status";

const TZ = "America/Los_Angeles";
const signedAt = new Date("2025-12-03T17:00:00Z"); // 09:00 in Los Angeles
const decision = (flags: string[] = ["opioids"]): ScreeningFacts => ({
  id: "s1",
  status: "SIGNED",
  decision: "ELIGIBLE",
  signedAt,
  createdAt: new Date("2025-12-01T17:00:00Z"),
  supersedesId: null,
  flags: flags.map((code) => ({ code, severity: "relative", label: code, answer: "Yes" })),
});
const ctx = (now: Date, intake: { changedAt: Date; flagCodes: string[] } | null = null) => ({
  now,
  reviewMonths: 12,
  timeZone: TZ,
  intake,
});

describe("an eligibility decision in time", () => {
  it("holds until exactly 12 months after it was signed, and not a moment longer", () => {
    const justBefore = new Date("2026-12-03T16:59:59Z");
    expect(eligibilityStatus([decision()], ctx(justBefore))).toMatchObject({
      state: "ELIGIBLE",
      expiresAt: new Date("2026-12-03T17:00:00Z"),
    });
    // Exactly 12 months: the interval is over, a prescriber reviews again.
    const exactly = eligibilityStatus([decision()], ctx(new Date("2026-12-03T17:00:00Z")));
    expect(exactly).toMatchObject({ state: "EXPIRED", reason: "REVIEW_DUE" });
    const dayMore = eligibilityStatus([decision()], ctx(new Date("2026-12-04T17:00:00Z")));
    expect(dayMore.state).toBe("EXPIRED");
    expect(expiryText(dayMore, (d) => d.toISOString().slice(0, 10))).toBe(
      "eligibility expired on 2026-12-03: a prescriber reviews again",
    );
  });

  it("counts local calendar months, and the practice may choose a shorter interval", () => {
    const six = eligibilityStatus([decision()], {
      ...ctx(new Date("2026-06-03T15:59:00Z")),
      reviewMonths: 6,
    });
    // 09:00 PST in December is 09:00 PDT in June: 16:00 UTC.
    expect(six).toMatchObject({ state: "ELIGIBLE", expiresAt: new Date("2026-06-03T16:00:00Z") });
    expect(
      eligibilityStatus([decision()], { ...ctx(new Date("2026-06-03T16:00:00Z")), reviewMonths: 6 }).state,
    ).toBe("EXPIRED");
  });

  it("expires when an intake after the decision raises other flags", () => {
    const after = new Date("2026-01-10T17:00:00Z");
    const changed = eligibilityStatus(
      [decision(["opioids"])],
      ctx(after, { changedAt: after, flagCodes: ["opioids", "pregnancy"] }),
    );
    expect(changed).toMatchObject({ state: "EXPIRED", reason: "INTAKE_CHANGED" });
    expect(expiryText(changed, String)).toBe("the intake changed after the decision");
    // A flag that went away is a change too.
    expect(
      eligibilityStatus([decision(["opioids"])], ctx(after, { changedAt: after, flagCodes: [] })).state,
    ).toBe("EXPIRED");
  });

  it("stays current when a later intake changed an answer but not a flag", () => {
    const after = new Date("2026-01-10T17:00:00Z");
    expect(
      eligibilityStatus([decision(["opioids"])], ctx(after, { changedAt: after, flagCodes: ["opioids"] }))
        .state,
    ).toBe("ELIGIBLE");
    // An intake from before the decision was the one it was made on.
    const before = new Date("2025-12-01T17:00:00Z");
    expect(
      eligibilityStatus([decision(["opioids"])], ctx(after, { changedAt: before, flagCodes: [] })).state,
    ).toBe("ELIGIBLE");
  });

  it("reads the latest intake from the screenings drawn from one", () => {
    const fromIntake = {
      ...decision(["pregnancy"]),
      id: "s2",
      intakeResponseId: "f2",
      createdAt: new Date("2026-02-01T00:00:00Z"),
    };
    const older = { ...decision(["opioids"]), intakeResponseId: "f1" };
    const revisit = {
      ...decision([]),
      id: "s3",
      intakeResponseId: null,
      createdAt: new Date("2026-03-01T00:00:00Z"),
    };
    expect(latestIntakeFrom([older, fromIntake, revisit])).toEqual({
      changedAt: new Date("2026-02-01T00:00:00Z"),
      flagCodes: ["pregnancy"],
    });
    expect(latestIntakeFrom([revisit])).toBeNull();
  });

  it("a decision that is not eligible, or not signed, is not affected", () => {
    const now = new Date("2027-12-03T17:00:00Z");
    expect(eligibilityStatus([{ ...decision(), decision: "NOT_ELIGIBLE" }], ctx(now)).state).toBe(
      "NOT_ELIGIBLE",
    );
    expect(
      eligibilityStatus(
        [{ ...decision(), status: "AWAITING_REVIEW", decision: null, signedAt: null }],
        ctx(now),
      ).state,
    ).toBe("AWAITING_REVIEW");
    // Signed eligible without a signing time cannot be dated: not current.
    expect(eligibilityStatus([{ ...decision(), signedAt: null }], ctx(now)).state).toBe("EXPIRED");
  });
});

describe("an expired decision holds the dose like a missing one", () => {
  it("the gate names the expiry and who lifts it", () => {
    const gate = evaluateDosingGate({
      candidate: { id: "d", sequence: 1, startsAt: new Date("2026-12-10T17:00:00Z") },
      participants: [
        {
          clientId: "c",
          name: "Ada",
          eligible: false,
          screening: "EXPIRED",
          expiry: "eligibility expired on Dec 3, 2026: a prescriber reviews again",
          consentCurrent: true,
          preparationCompleted: true,
          openSafetyFlag: false,
          sessions: [],
        },
      ],
      settings: { maxDosesPer7Days: 2, integrationMinDays: 1, integrationMaxDays: 3 },
      followUpAfterDose: null,
      timeZone: TZ,
    });
    expect(gate.allowed).toBe(false);
    expect(gate.blocks).toEqual([
      {
        code: "NOT_ELIGIBLE",
        clientId: "c",
        reason: "Ada is not eligible now: eligibility expired on Dec 3, 2026: a prescriber reviews again.",
        unblock: "A prescriber reviews Ada again and signs a new eligible screening.",
      },
    ]);
  });
});

describe("a withdrawn consent and an expired decision in the checklist", () => {
  const input: GoNoGoInput = {
    systolic: 120,
    diastolic: 80,
    heartRate: 72,
    spo2: 98,
    hoursSinceFood: 6,
    hoursSinceClearLiquids: 3,
    substances24h: { alcohol: "no", benzodiazepines: "no", cannabis: "no", opioids: "no", stimulants: "no" },
    escort: { setting: "in-person", escortConfirmed: "yes" },
    pregnancy: "not-applicable",
  };
  const items = (over: Partial<GoNoGoContext>) =>
    Object.fromEntries(
      evaluateGoNoGo(input, readPracticeSettings({}), {
        consentCurrent: true,
        eligibilityCurrent: true,
        openSafetyFlag: false,
        seriesGates: { passed: true, reasons: [] },
        ...over,
      }).items.map((i) => [i.code, i]),
    );

  it("fails the consent item and says it was withdrawn", () => {
    const withdrawn = items({ consentCurrent: false, consentWithdrawn: true });
    expect(withdrawn.consent).toMatchObject({ status: "fail" });
    expect(withdrawn.consent?.detail).toMatch(/withdrew the informed consent/);
    expect(items({}).consent).toMatchObject({ status: "pass" });
  });

  it("fails the eligibility item with the reason it expired", () => {
    const expired = items({
      eligibilityCurrent: false,
      eligibilityDetail: "the intake changed after the decision",
    });
    expect(expired.eligibility).toMatchObject({
      status: "fail",
      detail: "No current eligible decision: the intake changed after the decision.",
    });
  });
});
