import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/core/db";
import { getSessionGate } from "@/lib/server/dosing/dosing-gate";
import { listCalendarSessions } from "@/lib/server/scheduling/calendar";
import { getOwnSchedule } from "@/lib/server/scheduling/client-schedule";
import { getSeriesDetail } from "@/lib/server/scheduling/series-detail";
import { createSeries } from "@/lib/server/scheduling/series-planning";
import { codeOf } from "../../fixtures/errors";
import { coupleScene, plannedSessions, schedulingScene } from "../../fixtures/journey";

describe("the staff calendar", () => {
  it("shows the therapist's sessions on the calendar, and nobody else's", async () => {
    const { s, plan } = await schedulingScene();
    await createSeries(s.actors.therapist, { plan, sessions: await plannedSessions(s, plan) });
    const from = new Date();
    const to = new Date(Date.now() + 60 * 86_400_000);
    const mine = await listCalendarSessions(s.actors.therapist, { from, to });
    expect(mine.length).toBeGreaterThan(5);
    expect(await listCalendarSessions(s.actors.otherTherapist, { from, to })).toEqual([]);
    expect(
      await listCalendarSessions(s.actors.therapist, {
        from,
        to: new Date(Date.now() + 90 * 86_400_000),
      }).catch(codeOf),
    ).toBe("VALIDATION");
  });
});

describe("a client in a couples series does not see their partner's clinical status", () => {
  it("the session gate is for clinicians only; the client is refused and the refusal audited", async () => {
    const { s, dose1 } = await coupleScene();
    expect(await getSessionGate(s.actors.clientA, dose1.id).catch(codeOf)).toBe("FORBIDDEN");
    const denied = await db().auditEvent.count({
      where: { actorUserId: s.actors.clientA.userId, recordId: dose1.id, outcome: "DENIED" },
    });
    expect(denied).toBe(1);
    // Staff see the whole gate, as before.
    const gate = await getSessionGate(s.actors.therapist, dose1.id);
    expect(gate?.blocks.map((b) => b.code)).toEqual(
      expect.arrayContaining(["NOT_ELIGIBLE", "OPEN_SAFETY_FLAG"]),
    );
  });

  it("series detail for a client carries no gates and no one's screenings, consents or flags", async () => {
    const { s, partner, flag, seriesId, dose1 } = await coupleScene();
    const mine = await getSeriesDetail(s.actors.clientA, seriesId);
    expect(mine.gates).toEqual({});
    const text = JSON.stringify(mine);
    expect(text).not.toContain(flag.id);
    expect(text).not.toMatch(/safetyFlags|screenings|consentSignatures|eligib|safety flag/i);
    expect(mine.series.participants.map((p) => p.client.id).sort()).toEqual(
      [s.clientA.id, partner.id].sort(),
    );
    expect(mine.series.sessions.length).toBeGreaterThan(10);

    const staff = await getSeriesDetail(s.actors.therapist, seriesId);
    const codes = staff.gates[dose1.id]?.blocks.filter((b) => b.clientId === partner.id).map((b) => b.code);
    expect(codes).toEqual(expect.arrayContaining(["NOT_ELIGIBLE", "OPEN_SAFETY_FLAG"]));
    expect(JSON.stringify(staff.series)).not.toContain(flag.id);
  });
});

describe("a client's own schedule", () => {
  it("a staff member asking for a client's own schedule gets an audited 404", async () => {
    const { s } = await coupleScene();
    expect(await getOwnSchedule(s.actors.therapist).catch(codeOf)).toBe("NOT_FOUND");
    expect(
      await db().auditEvent.count({
        where: { actorUserId: s.therapist.id, action: "schedule.read", outcome: "DENIED" },
      }),
    ).toBe(1);
  });
});
