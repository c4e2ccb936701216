import { describe, expect, it } from "vitest";
import { localDateOf, localTimeOf } from "@/lib/domain/core/zoned-time";
import { DEFAULT_PROTOCOL_PLAN } from "@/lib/domain/scheduling/protocol";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/core/db";
import { createSeries, previewSeries } from "@/lib/server/scheduling/series-planning";
import { rescheduleSession } from "@/lib/server/scheduling/session-changes";
import { failure } from "../../fixtures/errors";
import { TZ } from "../../fixtures/factory";
import { plannedSessions, schedulingScene } from "../../fixtures/journey";

/**
 * docs/clinical-rules.md §1 "Planning a series": the plan checker reads the practice's integration
 * window (integrationMinDays, integrationMaxDays). An integration counts only from the minimum
 * after its dose ends; later than the maximum it is allowed with a warning.
 */

async function templateWith(practiceId: string, integrationDaysAfterDose: number) {
  return db().protocolTemplate.create({
    data: {
      practiceId,
      name: `Integration ${integrationDaysAfterDose} days after`,
      plan: { ...DEFAULT_PROTOCOL_PLAN, integrationDaysAfterDose } as unknown as Prisma.InputJsonValue,
    },
  });
}

describe("planning with the practice's integration window", () => {
  it("previews the default plan without problems or warnings", async () => {
    const { s, plan } = await schedulingScene();
    const preview = await previewSeries(s.actors.therapist, plan);
    expect(preview.integrationWindow).toEqual({ minDays: 1, maxDays: 3 });
    expect(preview.problems).toEqual([]);
    expect(preview.warnings).toEqual([]);
  });

  it("reports an integration the next morning after a 3-hour dose, and creates nothing from it", async () => {
    const { s, plan } = await schedulingScene();
    const nextDay = await templateWith(s.practice.id, 1);
    const onePlan = { ...plan, protocolTemplateId: nextDay.id };
    const preview = await previewSeries(s.actors.therapist, onePlan);
    expect(preview.problems.map((p) => p.code)).toEqual(Array(6).fill("INTEGRATION_TOO_SOON"));
    const refused = await failure(
      createSeries(s.actors.therapist, { plan: onePlan, sessions: await plannedSessions(s, onePlan) }),
    );
    expect(refused.code).toBe("VALIDATION");
    expect(refused.message).toMatch(/starts less than 1 day after the dose ends/);
    expect(await db().series.count({ where: { practiceId: s.practice.id } })).toBe(0);
    // A clinic whose minimum is 0 days accepts it.
    await db().practice.update({
      where: { id: s.practice.id },
      data: { settings: { integrationMinDays: 0 } },
    });
    expect((await previewSeries(s.actors.therapist, onePlan)).problems).toEqual([]);
  });

  it("warns when the integration falls after the clinic's maximum", async () => {
    const { s, plan } = await schedulingScene();
    await db().practice.update({
      where: { id: s.practice.id },
      data: { settings: { integrationMinDays: 1, integrationMaxDays: 1 } },
    });
    const preview = await previewSeries(s.actors.therapist, plan);
    expect(preview.problems).toEqual([]);
    expect(preview.warnings.map((w) => [w.code, w.sequence])).toEqual(
      [1, 2, 3, 4, 5, 6].map((n) => ["INTEGRATION_LATE", n]),
    );
  });

  it("refuses to move an integration to 2 hours after its dose, but lets older plans move", async () => {
    const { s, plan } = await schedulingScene();
    const { seriesId } = await createSeries(s.actors.therapist, {
      plan,
      sessions: await plannedSessions(s, plan),
    });
    const dose1 = await db().session.findFirstOrThrow({ where: { seriesId, kind: "DOSING", sequence: 1 } });
    const integration1 = await db().session.findFirstOrThrow({
      where: { seriesId, kind: "INTEGRATION", sequence: 1 },
    });
    const twoHoursAfter = new Date(dose1.endsAt.getTime() + 2 * 3_600_000);
    const refused = await failure(
      rescheduleSession(s.actors.therapist, {
        sessionId: integration1.id,
        version: integration1.version,
        date: localDateOf(twoHoursAfter, TZ),
        time: localTimeOf(twoHoursAfter, TZ),
        durationMinutes: 60,
      }),
    );
    expect(refused.code).toBe("VALIDATION");
    expect(refused.message).toMatch(/integration after dose 1 starts less than 1 day after the dose ends/);
    // The clinic raises its minimum to 3 days: the planned integrations are now too soon, yet moving
    // a preparation (which breaks nothing new) still goes through.
    await db().practice.update({
      where: { id: s.practice.id },
      data: { settings: { integrationMinDays: 3 } },
    });
    const prep = await db().session.findFirstOrThrow({
      where: { seriesId, kind: "PREPARATION" },
      orderBy: { startsAt: "asc" },
    });
    await rescheduleSession(s.actors.therapist, {
      sessionId: prep.id,
      version: prep.version,
      date: localDateOf(prep.startsAt, TZ),
      time: "14:00",
      durationMinutes: 60,
    });
    expect(localTimeOf((await db().session.findUniqueOrThrow({ where: { id: prep.id } })).startsAt, TZ)).toBe(
      "14:00",
    );
  });
});
