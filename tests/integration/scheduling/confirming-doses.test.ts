import { describe, expect, it } from "vitest";
import type { AppError } from "@/lib/errors";
import { db } from "@/lib/server/core/db";
import { getSeriesDetail } from "@/lib/server/scheduling/series-detail";
import { createSeries } from "@/lib/server/scheduling/series-planning";
import { changeSessionStatus } from "@/lib/server/scheduling/session-changes";
import { codeOf } from "../../fixtures/errors";
import { coupleScene, plannedSessions, schedulingScene } from "../../fixtures/journey";

describe("dosing gates on the server", () => {
  it("refuses to confirm a couple's dose while a partner is not eligible, and says why", async () => {
    const { s, plan, partner } = await schedulingScene();
    const { seriesId } = await createSeries(s.actors.therapist, {
      plan,
      sessions: await plannedSessions(s, plan),
    });
    const { series, gates } = await getSeriesDetail(s.actors.therapist, seriesId);
    const dose1 = series.sessions.find((x) => x.kind === "DOSING" && x.sequence === 1);
    if (!dose1) throw new Error("no dose 1");
    const gate = gates[dose1.id];
    expect(gate?.allowed).toBe(false);
    expect(gate?.blocks.map((b) => b.code)).toEqual(
      expect.arrayContaining(["NOT_ELIGIBLE", "NO_PREPARATION", "CONSENT_NOT_CURRENT"]),
    );
    expect(gate?.blocks.find((b) => b.code === "NOT_ELIGIBLE")?.clientId).toBe(partner.id);
    const refused = (await changeSessionStatus(s.actors.therapist, {
      sessionId: dose1.id,
      version: dose1.version,
      action: "confirm",
    }).catch((e) => e)) as AppError;
    expect(refused.code).toBe("BLOCKED");
    expect(refused.message).toContain(partner.legalFirstName);
    expect((await db().session.findUniqueOrThrow({ where: { id: dose1.id } })).status).toBe("SCHEDULED");
    // Preparation sessions have no gate.
    const prep = series.sessions.find((x) => x.kind === "PREPARATION");
    if (!prep) throw new Error("no prep");
    await changeSessionStatus(s.actors.therapist, {
      sessionId: prep.id,
      version: prep.version,
      action: "confirm",
    });
  });
});

describe("a refused dose keeps its audit row", () => {
  it("confirming a dose the gate blocks leaves a denial row per participant", async () => {
    const { s, partner, dose1 } = await coupleScene();
    expect(
      await changeSessionStatus(s.actors.therapist, {
        sessionId: dose1.id,
        version: dose1.version,
        action: "confirm",
      }).catch(codeOf),
    ).toBe("BLOCKED");
    const rows = await db().auditEvent.findMany({
      where: { recordId: dose1.id, action: "session.confirm", outcome: "DENIED" },
    });
    expect(rows.map((r) => r.clientId).sort()).toEqual([s.clientA.id, partner.id].sort());
    expect(rows[0]?.detail).toMatchObject({ blocked: expect.arrayContaining(["OPEN_SAFETY_FLAG"]) });
  });
});
