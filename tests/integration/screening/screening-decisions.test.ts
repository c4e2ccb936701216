import { describe, expect, it } from "vitest";
import { eligibilityState } from "@/lib/domain/screening/eligibility-status";
import type { AppError } from "@/lib/errors";
import { db } from "@/lib/server/core/db";
import { getPortalHome } from "@/lib/server/portal/portal-home";
import { answerInformationRequest } from "@/lib/server/screening/information-requests";
import { decideScreening, revisitScreening } from "@/lib/server/screening/screening-decisions";
import { listScreeningQueue } from "@/lib/server/screening/screening-queue";
import { getScreeningReview } from "@/lib/server/screening/screening-review";
import { codeOf } from "../../fixtures/errors";
import { actorFor, createUser } from "../../fixtures/factory";
import { type Scene, sceneWithConsents, submitForScreening } from "../../fixtures/journey";

const legal = (s: Scene) => `${s.clientA.legalFirstName} ${s.clientA.legalLastName}`;
const ELIGIBLE = {
  decision: "ELIGIBLE" as const,
  rationale: "Reviewed intake and measures.",
  diagnosisCode: "F33.1",
};

async function awaiting(overrides: Parameters<typeof submitForScreening>[2] = {}) {
  const s = await sceneWithConsents();
  const { screeningId } = await submitForScreening(s.actors.clientA, legal(s), overrides);
  return { s, screeningId };
}

const NOW_CTX = { now: new Date(), reviewMonths: 12, timeZone: "UTC" };

describe("who decides", () => {
  it("only prescribers decide; therapists and clients are refused and audited", async () => {
    const { s, screeningId } = await awaiting();
    for (const actor of [s.actors.therapist, s.actors.clientA, s.actors.admin]) {
      expect(await decideScreening(actor, { screeningId, version: 1, ...ELIGIBLE }).catch(codeOf)).toBe(
        "FORBIDDEN",
      );
    }
    const denials = await db().auditEvent.findMany({ where: { recordId: screeningId, outcome: "DENIED" } });
    expect(denials.map((d) => d.actorRole).sort()).toEqual(["ADMIN", "CLIENT", "THERAPIST"]);
    expect((await db().screening.findUniqueOrThrow({ where: { id: screeningId } })).status).toBe(
      "AWAITING_REVIEW",
    );
  });

  it("a prescriber of another practice cannot see or decide it", async () => {
    const { screeningId } = await awaiting();
    const other = await sceneWithConsents();
    expect(await getScreeningReview(other.actors.prescriber, screeningId).catch(codeOf)).toBe("NOT_FOUND");
    expect(
      await decideScreening(other.actors.prescriber, { screeningId, version: 1, ...ELIGIBLE }).catch(codeOf),
    ).toBe("NOT_FOUND");
  });
});

describe("signing", () => {
  it("signs an eligible decision: stage, care team, audit; then the screening is fixed", async () => {
    const { s, screeningId } = await awaiting();
    await decideScreening(s.actors.prescriber, {
      screeningId,
      version: 1,
      ...ELIGIBLE,
      conditions: "Follow-up after dose 2",
    });
    const signed = await db().screening.findUniqueOrThrow({ where: { id: screeningId } });
    expect(signed).toMatchObject({
      status: "SIGNED",
      decision: "ELIGIBLE",
      diagnosisCode: "F33.1",
      prescriberId: s.prescriber.id,
    });
    expect(signed.diagnosisLabel).toMatch(/recurrent, moderate/);
    const client = await db().client.findUniqueOrThrow({
      where: { id: s.clientA.id },
      include: { careTeam: true },
    });
    expect(client.stage).toBe("ELIGIBLE");
    expect(client.careTeam.map((m) => m.userId)).toContain(s.prescriber.id);
    expect(
      await db().auditEvent.count({
        where: { recordId: screeningId, action: "screening.decide", outcome: "OK" },
      }),
    ).toBe(1);
    expect(
      await db().auditEvent.count({
        where: { clientId: s.clientA.id, action: "care_team.join", actorUserId: s.prescriber.id },
      }),
    ).toBe(1);

    expect(
      await decideScreening(s.actors.prescriber, { screeningId, version: 2, ...ELIGIBLE }).catch(codeOf),
    ).toBe("CONFLICT");
    await expect(
      db().screening.update({ where: { id: screeningId }, data: { rationale: "edited" } }),
    ).rejects.toThrow(/fixed/);
    const home = await getPortalHome(s.actors.clientA);
    expect(home.client.stage).toBe("ELIGIBLE");
  });

  it("needs an override reason to find a client eligible despite an absolute flag", async () => {
    const { s, screeningId } = await awaiting({
      medical: { uncontrolledHypertension: { answer: "yes", details: "BP 170/100" } },
    });
    const review = await getScreeningReview(s.actors.prescriber, screeningId);
    expect(review.flags.find((f) => f.code === "uncontrolled-hypertension")?.severity).toBe("absolute");
    const refused = (await decideScreening(s.actors.prescriber, {
      screeningId,
      version: 1,
      ...ELIGIBLE,
    }).catch((e) => e)) as AppError;
    expect(refused.fieldErrors).toHaveProperty("overrideReason");
    await decideScreening(s.actors.prescriber, {
      screeningId,
      version: 1,
      ...ELIGIBLE,
      overrideReason: "Cardiology clearance on file; BP controlled at 128/82 on review.",
    });
    const signed = await db().screening.findUniqueOrThrow({ where: { id: screeningId } });
    expect(signed.overrideReason).toMatch(/Cardiology clearance/);
    expect(signed.absoluteFlagCount).toBe(1);
  });

  it("flags a client who lives where the reviewing prescriber is not licensed", async () => {
    const { s, screeningId } = await awaiting({ residence: { state: "WA" } });
    const review = await getScreeningReview(s.actors.prescriber, screeningId);
    expect(review.licenseStates).toEqual(["CA"]);
    expect(review.flags.map((f) => f.code)).toContain("prescriber-not-licensed");
    const waPrescriber = actorFor(await createUser(s.practice.id, "PRESCRIBER", { licenseStates: ["WA"] }));
    const other = await getScreeningReview(waPrescriber, screeningId);
    expect(other.flags.map((f) => f.code)).not.toContain("prescriber-not-licensed");
  });

  it("lets exactly one of two prescribers sign at once", async () => {
    const { s, screeningId } = await awaiting();
    const second = actorFor(await createUser(s.practice.id, "PRESCRIBER"));
    const results = await Promise.allSettled([
      decideScreening(s.actors.prescriber, { screeningId, version: 1, ...ELIGIBLE }),
      decideScreening(second, {
        screeningId,
        version: 1,
        decision: "NOT_ELIGIBLE",
        rationale: "A different view.",
      }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });
});

describe("new information supersedes, never edits", () => {
  it("needs information: the client answers, a new screening supersedes and returns to the queue", async () => {
    const { s, screeningId } = await awaiting();
    await decideScreening(s.actors.prescriber, {
      screeningId,
      version: 1,
      decision: "NEEDS_INFORMATION",
      rationale: "Palpitations mentioned in passing; need an EKG.",
      question: "Please get a resting EKG and send us the report.",
    });
    expect((await db().client.findUniqueOrThrow({ where: { id: s.clientA.id } })).stage).toBe(
      "SCREENING_NEEDS_INFO",
    );
    const request = await db().informationRequest.findFirstOrThrow({ where: { screeningId } });

    // Only the client or their care team can answer.
    expect(
      await answerInformationRequest(s.actors.clientB, { requestId: request.id, answer: "not mine" }).catch(
        codeOf,
      ),
    ).toBe("NOT_FOUND");
    expect(
      await answerInformationRequest(s.actors.otherTherapist, {
        requestId: request.id,
        answer: "nope",
      }).catch(codeOf),
    ).toBe("NOT_FOUND");
    const { screeningId: nextId } = await answerInformationRequest(s.actors.clientA, {
      requestId: request.id,
      answer: "EKG done on Monday: normal sinus rhythm.",
    });
    const next = await db().screening.findUniqueOrThrow({ where: { id: nextId } });
    expect(next).toMatchObject({ status: "AWAITING_REVIEW", supersedesId: screeningId });
    expect(next.openedReason).toMatch(/answer/);
    const old = await db().screening.findUniqueOrThrow({ where: { id: screeningId } });
    expect(old.decision).toBe("NEEDS_INFORMATION");
    const queue = await listScreeningQueue(s.actors.prescriber, { page: 1, filter: "rereview" });
    expect(queue.items.map((r) => r.id)).toEqual([nextId]);
    expect(
      await answerInformationRequest(s.actors.clientA, { requestId: request.id, answer: "again" }).catch(
        codeOf,
      ),
    ).toBe("CONFLICT");

    const screenings = await db().screening.findMany({ where: { clientId: s.clientA.id } });
    expect(eligibilityState(screenings, NOW_CTX)).toBe("AWAITING_REVIEW");
    const review = await getScreeningReview(s.actors.prescriber, nextId);
    expect(review.screening.client.screenings).toHaveLength(2);
  });

  it("revisiting a signed decision opens a new screening with the reason; the old one stays", async () => {
    const { s, screeningId } = await awaiting();
    await decideScreening(s.actors.prescriber, { screeningId, version: 1, ...ELIGIBLE });
    expect(
      await revisitScreening(s.actors.therapist, {
        screeningId,
        reason: "New hospitalisation reported.",
      }).catch(codeOf),
    ).toBe("FORBIDDEN");
    const { screeningId: nextId } = await revisitScreening(s.actors.prescriber, {
      screeningId,
      reason: "Client reports a new hospitalisation last week.",
    });
    expect((await db().screening.findUniqueOrThrow({ where: { id: nextId } })).openedReason).toMatch(
      /hospitalisation/,
    );
    const all = await db().screening.findMany({ where: { clientId: s.clientA.id } });
    expect(eligibilityState(all, NOW_CTX)).toBe("AWAITING_REVIEW");
    expect(
      await revisitScreening(s.actors.prescriber, { screeningId, reason: "Second time around." }).catch(
        codeOf,
      ),
    ).toBe("CONFLICT");
  });
});
