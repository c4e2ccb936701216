import { describe, expect, it } from "vitest";
import { localTimeOf } from "@/lib/domain/core/zoned-time";
import { db } from "@/lib/server/core/db";
import { createSeries, previewSeries } from "@/lib/server/scheduling/series-planning";
import { codeOf } from "../../fixtures/errors";
import { createClient, TZ } from "../../fixtures/factory";
import { coupleScene, plannedSessions, schedulingScene } from "../../fixtures/journey";

describe("planning a series", () => {
  it("previews the default protocol: 2 preparations, 6 doses each with an integration, a follow-up and a closing", async () => {
    const { s, plan } = await schedulingScene();
    const preview = await previewSeries(s.actors.therapist, plan);
    const kinds = preview.sessions.map((x) => x.kind);
    expect(kinds.filter((k) => k === "PREPARATION")).toHaveLength(2);
    expect(kinds.filter((k) => k === "DOSING")).toHaveLength(6);
    expect(kinds.filter((k) => k === "INTEGRATION")).toHaveLength(6);
    expect(kinds.filter((k) => k === "FOLLOW_UP")).toHaveLength(1);
    expect(kinds.at(-1)).toBe("CLOSING");
    expect(preview.sessions.every((x) => x.conflicts.length === 0)).toBe(true);
    expect(localTimeOf(preview.sessions[0]?.startsAt ?? new Date(), TZ)).toBe("10:00");
    expect(await db().session.count({ where: { series: { practiceId: s.practice.id } } })).toBe(0);
  });

  it("creates every session in one transaction, with audit rows for both partners", async () => {
    const { s, plan, partner } = await schedulingScene();
    const { seriesId } = await createSeries(s.actors.therapist, {
      plan,
      sessions: await plannedSessions(s, plan),
    });
    expect(await db().session.count({ where: { seriesId } })).toBe(16);
    const series = await db().series.findUniqueOrThrow({
      where: { id: seriesId },
      include: { participants: true },
    });
    expect(series.kind).toBe("COUPLE");
    const audits = await db().auditEvent.findMany({ where: { recordId: seriesId, action: "series.create" } });
    expect(audits.map((a) => a.clientId).sort()).toEqual([s.clientA.id, partner.id].sort());
    expect((await db().client.findUniqueOrThrow({ where: { id: s.clientA.id } })).stage).toBe("IN_SERIES");
  });

  it("a conflict in session 5 creates nothing at all", async () => {
    const { s, plan } = await schedulingScene();
    const sessions = await plannedSessions(s, plan);
    const fifth = sessions[4];
    if (!fifth) throw new Error("plan too short");
    // The therapist is already busy then, in another client's series.
    const other = await createClient(s.practice.id, { therapistId: s.therapist.id });
    const busy = await db().series.create({
      data: {
        practiceId: s.practice.id,
        kind: "INDIVIDUAL",
        therapistId: s.therapist.id,
        participants: { create: { clientId: other.client.id } },
      },
    });
    await db().session.create({
      data: {
        seriesId: busy.id,
        kind: "PREPARATION",
        startsAt: fifth.startsAt,
        endsAt: fifth.endsAt,
        clinicianId: s.therapist.id,
      },
    });
    expect(await createSeries(s.actors.therapist, { plan, sessions }).catch(codeOf)).toBe("CONFLICT");
    expect(await db().series.count({ where: { participants: { some: { clientId: s.clientA.id } } } })).toBe(
      0,
    );
    const preview = await previewSeries(s.actors.therapist, plan);
    expect(preview.sessions[4]?.conflicts[0]?.what).toMatch(/Preparation/);
  });

  it("only the care team's therapist schedules", async () => {
    const { s, plan } = await schedulingScene();
    const sessions = await plannedSessions(s, plan);
    expect(await createSeries(s.actors.otherTherapist, { plan, sessions }).catch(codeOf)).toBe("NOT_FOUND");
    expect(await createSeries(s.actors.prescriber, { plan, sessions }).catch(codeOf)).toBe("FORBIDDEN");
    expect(await createSeries(s.actors.clientA, { plan, sessions }).catch(codeOf)).toBe("FORBIDDEN");
    const denied = await db().auditEvent.count({
      where: { actorUserId: s.otherTherapist.id, outcome: "DENIED" },
    });
    expect(denied).toBeGreaterThan(0);
  });

  it("refuses a plan out of order (an integration moved past the next dose)", async () => {
    const { s, plan } = await schedulingScene();
    const sessions = await plannedSessions(s, plan);
    const integration = sessions.find((x) => x.kind === "INTEGRATION");
    if (integration) {
      integration.startsAt = new Date(integration.startsAt.getTime() + 10 * 86_400_000);
      integration.endsAt = new Date(integration.endsAt.getTime() + 10 * 86_400_000);
    }
    expect(await createSeries(s.actors.therapist, { plan, sessions }).catch(codeOf)).toBe("VALIDATION");
  });

  it("previewing a series audits each client it is planned for", async () => {
    const { s, partner } = await coupleScene();
    const rows = await db().auditEvent.findMany({
      where: { actorUserId: s.therapist.id, action: "series.preview" },
    });
    expect(rows.map((r) => r.clientId).sort()).toEqual([s.clientA.id, partner.id].sort());
  });
});
