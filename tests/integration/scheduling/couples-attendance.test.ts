import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/core/db";
import { getSessionGate } from "@/lib/server/dosing/dosing-gate";
import { getSeriesDetail } from "@/lib/server/scheduling/series-detail";
import { changeSessionStatus, recordAttendance } from "@/lib/server/scheduling/session-changes";
import { failure } from "../../fixtures/errors";
import { HOUR, sql } from "../../fixtures/factory";
import { coupleScene, readyForDose } from "../../fixtures/journey";

/**
 * docs/clinical-rules.md §1 "Couples": a partner counts as having had a preparation or integration
 * session only when the clinician recorded them as attending it, which is done on completion.
 */

/** A couple's first preparation session, moved into the past so that it can be completed. */
async function preparationThatTookPlace() {
  const scene = await coupleScene();
  const prep = await db().session.update({
    where: { id: scene.prep.id },
    data: { startsAt: new Date(Date.now() - 2 * HOUR), endsAt: new Date(Date.now() - HOUR) },
  });
  return { ...scene, prep };
}

describe("completing a couple's preparation session", () => {
  it("is refused without each partner's attendance, and keeps the session open", async () => {
    const { s, prep, partner } = await preparationThatTookPlace();
    const complete = (attended?: string[]) =>
      failure(
        changeSessionStatus(s.actors.therapist, {
          sessionId: prep.id,
          version: prep.version,
          action: "complete",
          attended,
        }),
      );
    const missing = await complete();
    expect(missing.code).toBe("VALIDATION");
    expect(missing.fieldErrors.attended?.[0]).toMatch(/Tick each partner who attended/);
    const nobody = await complete([]);
    expect(nobody.code).toBe("VALIDATION");
    expect(nobody.fieldErrors.attended?.[0]).toMatch(/If neither partner came, record a no-show/);
    const stranger = await complete([s.clientB.id]);
    expect(stranger.code).toBe("VALIDATION");
    expect(stranger.fieldErrors.attended?.[0]).toMatch(/only the partners of this series/);
    expect(await db().session.findUniqueOrThrow({ where: { id: prep.id } })).toMatchObject({
      status: "SCHEDULED",
      version: prep.version,
    });
    expect(await db().sessionAttendance.count({ where: { sessionId: prep.id } })).toBe(0);
    expect(partner.id).not.toBe(s.clientA.id);
  });

  it("records who came and who did not; the dose is then held for the absent partner only", async () => {
    const { s, prep, partner, dose1 } = await preparationThatTookPlace();
    await changeSessionStatus(s.actors.therapist, {
      sessionId: prep.id,
      version: prep.version,
      action: "complete",
      attended: [s.clientA.id],
    });
    const rows = await db().sessionAttendance.findMany({
      where: { sessionId: prep.id },
      select: { clientId: true, attended: true, recordedById: true },
    });
    expect(rows.sort((a, b) => Number(b.attended) - Number(a.attended))).toEqual([
      { clientId: s.clientA.id, attended: true, recordedById: s.therapist.id },
      { clientId: partner.id, attended: false, recordedById: s.therapist.id },
    ]);
    const audit = await db().auditEvent.findMany({
      where: { recordId: prep.id, action: "session.complete" },
    });
    expect(audit).toHaveLength(2);
    expect(audit[0]?.detail).toEqual({ attended: [s.clientA.id], absent: [partner.id] });

    const gate = await getSessionGate(s.actors.therapist, dose1.id);
    const preparation = gate?.blocks.filter((b) => b.code === "NO_PREPARATION");
    expect(preparation?.map((b) => b.clientId)).toEqual([partner.id]);
    expect(preparation?.[0]?.reason).toBe("Robin has not completed a preparation session.");

    // The series page shows it to clinicians; attendance never changes once recorded.
    const { series } = await getSeriesDetail(s.actors.therapist, prep.seriesId);
    expect(series.sessions.find((x) => x.id === prep.id)?.attendance).toHaveLength(2);
    const done = await db().session.findUniqueOrThrow({ where: { id: prep.id } });
    const again = await failure(
      recordAttendance(s.actors.therapist, {
        sessionId: prep.id,
        version: done.version,
        attended: [s.clientA.id, partner.id],
      }),
    );
    expect(again.code).toBe("CONFLICT");
    await expect(
      sql(`UPDATE "SessionAttendance" SET attended = true WHERE "sessionId" = $1`, prep.id),
    ).rejects.toThrow(/recorded attendance is fixed/);
  });

  it("records attendance afterwards for a session completed without it", async () => {
    const { s, prep, partner, dose1 } = await preparationThatTookPlace();
    // Completed before attendance was recorded on completion.
    const done = await db().session.update({ where: { id: prep.id }, data: { status: "COMPLETED" } });
    const before = await getSessionGate(s.actors.therapist, dose1.id);
    expect(
      before?.blocks
        .filter((b) => b.code === "NO_PREPARATION")
        .map((b) => b.clientId)
        .sort(),
    ).toEqual([s.clientA.id, partner.id].sort());
    await recordAttendance(s.actors.therapist, {
      sessionId: prep.id,
      version: done.version,
      attended: [s.clientA.id, partner.id],
    });
    const after = await getSessionGate(s.actors.therapist, dose1.id);
    expect(after?.blocks.map((b) => b.code)).not.toContain("NO_PREPARATION");
    expect(await db().auditEvent.count({ where: { recordId: prep.id, action: "session.attendance" } })).toBe(
      2,
    );
  });

  it("is not asked of an individual series, where a completed session counts as attended", async () => {
    const { s } = await readyForDose();
    const prep = await db().session.findFirstOrThrow({
      where: { series: { participants: { some: { clientId: s.clientA.id } } }, kind: "INTEGRATION" },
      orderBy: { startsAt: "asc" },
    });
    await db().session.update({
      where: { id: prep.id },
      data: { startsAt: new Date(Date.now() - 2 * HOUR), endsAt: new Date(Date.now() - HOUR) },
    });
    const refused = await failure(
      changeSessionStatus(s.actors.therapist, {
        sessionId: prep.id,
        version: prep.version,
        action: "complete",
        attended: [s.clientA.id],
      }),
    );
    expect(refused.code).toBe("VALIDATION");
    expect(refused.fieldErrors.attended?.[0]).toMatch(/only for a couple's/);
    await changeSessionStatus(s.actors.therapist, {
      sessionId: prep.id,
      version: prep.version,
      action: "complete",
    });
    expect(await db().sessionAttendance.count({ where: { sessionId: prep.id } })).toBe(0);
  });
});
