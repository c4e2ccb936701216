import { describe, expect, it } from "vitest";
import type { AppError } from "@/lib/errors";
import { db } from "@/lib/server/core/db";
import { reviewSafetyFlag } from "@/lib/server/measures/safety-flags";
import { submitMeasure } from "@/lib/server/measures/submit-measure";
import { codeOf } from "../../fixtures/errors";
import { createScene } from "../../fixtures/factory";
import { ALL_ZERO, CSSRS_NO, sceneWithConsents, submitForScreening } from "../../fixtures/journey";

describe("measures and safety flags", () => {
  it("scores on the server, raises a flag for PHQ-9 item 9 at once, audits it and tells the care team", async () => {
    const s = await createScene();
    const r = await submitMeasure(s.actors.clientA, { scale: "PHQ9", answers: { ...ALL_ZERO(9), q9: 1 } });
    expect(r).toMatchObject({ total: 1, band: "minimal", safetyFlag: true });
    const flag = await db().safetyFlag.findFirstOrThrow({ where: { clientId: s.clientA.id } });
    expect(flag.reviewedAt).toBeNull();
    const audit = await db().auditEvent.findFirst({
      where: { recordId: flag.id, action: "safety_flag.raise" },
    });
    expect(audit).toMatchObject({
      actorUserId: s.actors.clientA.userId,
      clientId: s.clientA.id,
      outcome: "OK",
    });
    const mail = await db().outboxMessage.findFirst({ where: { to: s.therapist.email } });
    expect(mail?.subject).toMatch(/safety flag/);
    expect(mail?.text).not.toContain(s.clientA.legalLastName);

    expect(await submitMeasure(s.actors.clientA, { scale: "PHQ9", answers: ALL_ZERO(9) }).catch(codeOf)).toBe(
      "CONFLICT",
    );
    const measure = await db().measureResponse.findFirstOrThrow({ where: { clientId: s.clientA.id } });
    await expect(
      db().measureResponse.update({ where: { id: measure.id }, data: { total: 0 } }),
    ).rejects.toThrow(/fixed/);
  });

  it("a prescriber reviewing the client's screening may review the flag; before the screening, only the care team", async () => {
    const s = await sceneWithConsents();
    const flag = await db().safetyFlag.create({
      data: { clientId: s.clientA.id, kind: "SUICIDE_RISK", reason: "PHQ-9 item 9 answered above 0" },
    });
    const review = { flagId: flag.id, note: "Spoke with the client today; safety plan in place." };
    // The prescriber is not on the care team and nothing awaits their review yet.
    expect(await reviewSafetyFlag(s.actors.prescriber, review).catch(codeOf)).toBe("NOT_FOUND");
    expect(await reviewSafetyFlag(s.actors.otherTherapist, review).catch(codeOf)).toBe("NOT_FOUND");

    await submitForScreening(s.actors.clientA, `${s.clientA.legalFirstName} ${s.clientA.legalLastName}`);
    await reviewSafetyFlag(s.actors.prescriber, review);
    const reviewed = await db().safetyFlag.findUniqueOrThrow({ where: { id: flag.id } });
    expect(reviewed).toMatchObject({ reviewedById: s.prescriber.id, reviewNote: review.note });
    expect(
      await db().auditEvent.count({
        where: {
          recordId: flag.id,
          action: "safety_flag.review",
          outcome: "OK",
          actorUserId: s.prescriber.id,
        },
      }),
    ).toBe(1);
  });

  it("raises a flag for a C-SSRS high risk, not for low risk, and refuses bad answers with field errors", async () => {
    const s = await createScene();
    const high = await submitMeasure(s.actors.clientA, {
      scale: "CSSRS",
      answers: { ...CSSRS_NO, q2: true, q4: true },
    });
    expect(high).toMatchObject({ band: "high", safetyFlag: true });
    const low = await submitMeasure(s.actors.clientB, { scale: "CSSRS", answers: { ...CSSRS_NO, q1: true } });
    expect(low).toMatchObject({ band: "low", safetyFlag: false });
    const bad = (await submitMeasure(s.actors.clientB, { scale: "GAD7", answers: { q1: 9 } }).catch(
      (e) => e,
    )) as AppError;
    expect(bad.code).toBe("VALIDATION");
    expect(Object.keys(bad.fieldErrors ?? {})).toEqual(expect.arrayContaining(["q1", "q2"]));
    expect(
      await submitMeasure(s.actors.therapist, { scale: "GAD7", answers: ALL_ZERO(7) }).catch(codeOf),
    ).toBe("FORBIDDEN");
  });
});
