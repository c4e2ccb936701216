import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/core/db";
import { getMeasureTrends } from "@/lib/server/measures/measure-trends";
import { submitMeasure } from "@/lib/server/measures/submit-measure";
import { createScene } from "../../fixtures/factory";
import { ALL_ZERO } from "../../fixtures/journey";

/** docs/clinical-rules.md §4: the PCL-5's DSM-5 symptom rule, and response read from a moderate baseline. */
describe("a PCL-5 answered by the client", () => {
  it("is stored as provisional PTSD by the DSM-5 symptom rule, though below the cut-off", async () => {
    const s = await createScene();
    // B1, C6, D8, D9, E15, E16 rated "Moderately": total 12, every cluster met.
    await submitMeasure(s.actors.clientA, {
      scale: "PCL5",
      answers: { ...ALL_ZERO(20), q1: 2, q6: 2, q8: 2, q9: 2, q15: 2, q16: 2 },
    });
    const stored = await db().measureResponse.findFirstOrThrow({
      where: { clientId: s.clientA.id, scale: "PCL5" },
    });
    expect(stored).toMatchObject({ total: 12, band: "probable-ptsd", flags: ["pcl5-dsm5-rule"] });
  });

  it("reads no response or remission from a PHQ-9 baseline below 10", async () => {
    const s = await createScene();
    await submitMeasure(s.actors.clientA, {
      scale: "PHQ9",
      answers: { ...ALL_ZERO(9), q1: 3, q2: 3, q3: 2 },
    });
    // A later PHQ-9 of 0 (as a pre-dose answer would be stored).
    await db().measureResponse.create({
      data: {
        clientId: s.clientA.id,
        scale: "PHQ9",
        context: "PRE_DOSE",
        answers: ALL_ZERO(9),
        total: 0,
        band: "minimal",
        takenAt: new Date(Date.now() + 60_000),
      },
    });
    const trends = await getMeasureTrends(s.actors.therapist, s.clientA.id);
    expect(trends.trends.find((t) => t.scale === "PHQ9")?.summary).toMatchObject({
      response: false,
      remission: null,
      baselineBelowModerate: true,
    });
  });
});
