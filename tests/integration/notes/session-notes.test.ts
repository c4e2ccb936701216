import { describe, expect, it } from "vitest";
import { getCaseload } from "@/lib/server/clients/caseload";
import { db } from "@/lib/server/core/db";
import { addNoteAddendum, saveNoteDraft, signNote } from "@/lib/server/notes/note-writing";
import { getSessionNotes, openNote } from "@/lib/server/notes/session-notes";
import { changeSessionStatus } from "@/lib/server/scheduling/session-changes";
import { codeOf } from "../../fixtures/errors";
import { coupleSeries } from "../../fixtures/journey";

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
    const { s, prep, partner } = await coupleSeries();
    // The session took place yesterday: only a session that has begun can be completed.
    await db().session.update({
      where: { id: prep.id },
      data: { startsAt: new Date(Date.now() - 86_400_000), endsAt: new Date(Date.now() - 82_800_000) },
    });
    // A couple's preparation is completed with who attended.
    await changeSessionStatus(s.actors.therapist, {
      sessionId: prep.id,
      version: prep.version,
      action: "complete",
      attended: [s.clientA.id, partner.id],
    });
    const row = (await getCaseload(s.actors.therapist, 1)).items.find((r) => r.id === s.clientA.id);
    expect(row?.notesToSign).toBe(1);
  });
});
