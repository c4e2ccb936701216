import { describe, expect, it } from "vitest";
import { addCalendarDays, localDateOf } from "@/lib/domain/core/zoned-time";
import { AppError } from "@/lib/errors";
import { getCaseload } from "@/lib/server/clients/caseload";
import { db } from "@/lib/server/core/db";
import { ownOpenMeasureRequests } from "@/lib/server/measures/measure-requests";
import { getMeasureTrends } from "@/lib/server/measures/measure-trends";
import { submitMeasure } from "@/lib/server/measures/submit-measure";
import { addNoteAddendum, saveNoteDraft, signNote } from "@/lib/server/notes/note-writing";
import { getSessionNotes, openNote } from "@/lib/server/notes/session-notes";
import { cancelSession, changeSessionStatus } from "@/lib/server/scheduling/session-changes";
import { createClient } from "../../fixtures/factory";
import {
  ALL_ZERO,
  createDefaultTemplate,
  createWeeklySeries,
  sceneWithConsents,
} from "../../fixtures/journey";

const codeOf = (e: unknown) => (e instanceof AppError ? e.code : String(e));
const TZ = "America/Los_Angeles";

/** A couples series (client A and a partner) starting tomorrow, and its first preparation session. */
async function coupleSeries() {
  const s = await sceneWithConsents();
  const template = await createDefaultTemplate(s);
  const partner = await createClient(s.practice.id, {
    therapistId: s.therapist.id,
    prescriberId: s.prescriber.id,
    withAccount: true,
  });
  await db().careTeamMember.create({
    data: { clientId: s.clientA.id, userId: s.prescriber.id, role: "PRESCRIBER" },
  });
  const { seriesId } = await createWeeklySeries(
    s,
    template.id,
    addCalendarDays(localDateOf(new Date(), TZ), 1),
    {
      partnerId: partner.client.id,
      weekday: 3,
      time: "10:00",
    },
  );
  const prep = await db().session.findFirstOrThrow({
    where: { seriesId, kind: "PREPARATION" },
    orderBy: { startsAt: "asc" },
  });
  return { s, partner: partner.client, seriesId, prep };
}

describe("session notes", () => {
  it("autosaves with versions, refuses a stale save with 409, signs, then only takes addenda", async () => {
    const { s, prep } = await coupleSeries();
    const { noteId } = await openNote(s.actors.therapist, { sessionId: prep.id });
    expect((await openNote(s.actors.therapist, { sessionId: prep.id })).noteId).toBe(noteId);
    const first = await saveNoteDraft(s.actors.therapist, {
      noteId,
      version: 1,
      body: { intention: "Feel close again" },
    });
    expect(first.version).toBe(2);
    // A second window still on version 1 cannot overwrite.
    expect(
      await saveNoteDraft(s.actors.therapist, { noteId, version: 1, body: { intention: "Other tab" } }).catch(
        codeOf,
      ),
    ).toBe("CONFLICT");
    expect((await db().note.findUniqueOrThrow({ where: { id: noteId } })).body).toEqual({
      intention: "Feel close again",
    });

    expect(await signNote(s.actors.prescriber, { noteId, version: 2 }).catch(codeOf)).toBe("FORBIDDEN");
    await signNote(s.actors.therapist, { noteId, version: 2 });
    expect(
      await saveNoteDraft(s.actors.therapist, { noteId, version: 3, body: { intention: "edit" } }).catch(
        codeOf,
      ),
    ).toBe("CONFLICT");
    await expect(db().note.update({ where: { id: noteId }, data: { body: {} } })).rejects.toThrow(/fixed/);
    await addNoteAddendum(s.actors.therapist, { noteId, body: "Late addition: both agreed on a safe word." });
    const notes = await getSessionNotes(s.actors.therapist, prep.id);
    expect(notes.joint?.addenda).toHaveLength(1);
    expect(notes.joint?.status).toBe("SIGNED");
    const audits = await db().auditEvent.findMany({ where: { recordId: noteId } });
    expect(new Set(audits.map((a) => a.action))).toEqual(
      new Set(["note.create", "note.update", "note.sign"]),
    );
  });

  it("keeps a partner's private note from the prescriber, the other partner and clients", async () => {
    const { s, prep, partner } = await coupleSeries();
    const { noteId } = await openNote(s.actors.therapist, { sessionId: prep.id, clientId: partner.id });
    await saveNoteDraft(s.actors.therapist, { noteId, version: 1, body: { history: "Private history" } });
    const therapistView = await getSessionNotes(s.actors.therapist, prep.id);
    expect(therapistView.privateNotes.find((p) => p.client.id === partner.id)?.note?.id).toBe(noteId);
    const prescriberView = await getSessionNotes(s.actors.prescriber, prep.id);
    expect(prescriberView.privateNotes).toEqual([]);
    expect(prescriberView.joint).toBeNull();
    expect(await getSessionNotes(s.actors.clientA, prep.id).catch(codeOf)).toBe("FORBIDDEN");
    expect(
      await openNote(s.actors.prescriber, { sessionId: prep.id, clientId: s.clientA.id }).catch(codeOf),
    ).toBe("FORBIDDEN");
    expect(await getSessionNotes(s.actors.otherTherapist, prep.id).catch(codeOf)).toBe("NOT_FOUND");
  });

  it("counts completed sessions without a signed note on the therapist's caseload", async () => {
    const { s, prep } = await coupleSeries();
    // The session took place yesterday: only a session that has begun can be completed.
    await db().session.update({
      where: { id: prep.id },
      data: { startsAt: new Date(Date.now() - 86_400_000), endsAt: new Date(Date.now() - 82_800_000) },
    });
    await changeSessionStatus(s.actors.therapist, {
      sessionId: prep.id,
      version: prep.version,
      action: "complete",
    });
    const row = (await getCaseload(s.actors.therapist, 1)).items.find((r) => r.id === s.clientA.id);
    expect(row?.notesToSign).toBe(1);
  });
});

describe("measures over the series", () => {
  it("requests PHQ-9, GAD-7 and PCL-5 before each dose, at the end and 1 and 3 months after", async () => {
    const { s, seriesId } = await coupleSeries();
    const requests = await db().measureRequest.findMany({ where: { clientId: s.clientA.id, seriesId } });
    const byContext = (c: string) => requests.filter((r) => r.context === c).length;
    expect(byContext("PRE_DOSE")).toBe(18);
    expect(byContext("END_OF_SERIES")).toBe(3);
    expect(byContext("FOLLOW_UP_1M")).toBe(3);
    expect(byContext("FOLLOW_UP_3M")).toBe(3);
    expect(await db().measureRequest.count({ where: { seriesId } })).toBe(54);

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
