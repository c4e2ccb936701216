import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/core/db";
import { ownOpenMeasureRequests } from "@/lib/server/measures/measure-requests";
import { getMeasureTrends } from "@/lib/server/measures/measure-trends";
import { submitMeasure } from "@/lib/server/measures/submit-measure";
import { cancelSession } from "@/lib/server/scheduling/session-changes";
import { codeOf } from "../../fixtures/errors";
import { ALL_ZERO, coupleSeries } from "../../fixtures/journey";

describe("measures over the series", () => {
  it("requests PHQ-9, GAD-7, PCL-5 and the C-SSRS since last visit before each dose, PHQ-9, GAD-7 and PCL-5 at the end and 1 and 3 months after", async () => {
    const { s, seriesId } = await coupleSeries();
    const requests = await db().measureRequest.findMany({ where: { clientId: s.clientA.id, seriesId } });
    const byContext = (c: string) => requests.filter((r) => r.context === c).length;
    // 6 doses × (PHQ-9, GAD-7, PCL-5, C-SSRS since last visit).
    expect(byContext("PRE_DOSE")).toBe(24);
    const cssrs = requests.filter((r) => r.scale === "CSSRS");
    expect(cssrs).toHaveLength(6);
    expect(cssrs.every((r) => r.context === "PRE_DOSE" && r.variant === "SINCE_LAST_VISIT")).toBe(true);
    expect(requests.filter((r) => r.scale !== "CSSRS").every((r) => r.variant === "STANDARD")).toBe(true);
    expect(byContext("END_OF_SERIES")).toBe(3);
    expect(byContext("FOLLOW_UP_1M")).toBe(3);
    expect(byContext("FOLLOW_UP_3M")).toBe(3);
    expect(await db().measureRequest.count({ where: { seriesId } })).toBe(66);

    // Cancelling a dose cancels its pre-dose requests.
    const dose = await db().session.findFirstOrThrow({ where: { seriesId, kind: "DOSING", sequence: 6 } });
    await cancelSession(s.actors.therapist, {
      sessionId: dose.id,
      version: dose.version,
      outcome: "CANCELLED",
      reason: "Series shortened",
    });
    expect(await db().measureRequest.count({ where: { sessionId: dose.id, cancelledAt: null } })).toBe(0);
  });

  it("shows due requests in the client's portal; answering one links it and feeds the trend", async () => {
    const { s, seriesId } = await coupleSeries();
    const dose1 = await db().session.findFirstOrThrow({ where: { seriesId, kind: "DOSING", sequence: 1 } });
    await db().measureRequest.updateMany({
      where: { sessionId: dose1.id },
      data: { opensAt: new Date(Date.now() - 3_600_000) },
    });
    const open = await ownOpenMeasureRequests(s.actors.clientA);
    const phq = open.find((r) => r.scale === "PHQ9");
    expect(phq?.state).toBe("due");
    // Intake baseline 20, then 9 before the first dose: a response (≥ 50 % drop).
    await submitMeasure(s.actors.clientA, {
      scale: "PHQ9",
      answers: { ...ALL_ZERO(9), q1: 3, q2: 3, q3: 3, q4: 3, q5: 2, q6: 2, q7: 2, q8: 2 },
    });
    await submitMeasure(s.actors.clientA, {
      scale: "PHQ9",
      answers: { ...ALL_ZERO(9), q1: 3, q2: 3, q3: 3 },
      requestId: phq?.id,
    });
    expect(
      await submitMeasure(s.actors.clientA, {
        scale: "PHQ9",
        answers: ALL_ZERO(9),
        requestId: phq?.id,
      }).catch(codeOf),
    ).toBe("CONFLICT");
    const response = await db().measureResponse.findFirstOrThrow({ where: { requestId: phq?.id } });
    expect(response).toMatchObject({ context: "PRE_DOSE", total: 9, sessionId: dose1.id });
    const trends = await getMeasureTrends(s.actors.therapist, s.clientA.id);
    const phqTrend = trends.trends.find((t) => t.scale === "PHQ9");
    expect(phqTrend?.summary).toMatchObject({ response: true, remission: false });
    expect(phqTrend?.summary.baseline?.total).toBe(20);
    expect(await getMeasureTrends(s.actors.otherTherapist, s.clientA.id).catch(codeOf)).toBe("NOT_FOUND");
  });
});
