import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { changeUserRole, ROLE_CHANGE_LEAVE_REASON } from "@/lib/server/admin/users";
import { getClientSummary } from "@/lib/server/clients/client-summary";
import { db } from "@/lib/server/core/db";
import { saveNoteDraft } from "@/lib/server/notes/note-writing";
import { getSessionNotes, openNote } from "@/lib/server/notes/session-notes";
import { codeOf } from "../../fixtures/errors";
import { coupleSeries } from "../../fixtures/journey";

/** The actor a new sign-in gives someone after an admin changed their role. */
const asRole = (actor: Actor, role: Actor["role"]): Actor => ({ ...actor, role });

describe("a role change changes access", () => {
  it("a prescriber made therapist neither gains the couple's private notes nor keeps the prescriber's access", async () => {
    const { s, prep, partner } = await coupleSeries();
    const { noteId } = await openNote(s.actors.therapist, { sessionId: prep.id, clientId: partner.id });
    await saveNoteDraft(s.actors.therapist, { noteId, version: 1, body: { history: "Private history" } });
    // Before: the prescriber reads the couple's record and the session, but no private note.
    expect((await getSessionNotes(s.actors.prescriber, prep.id)).privateNotes).toEqual([]);
    await getClientSummary(s.actors.prescriber, partner.id);

    await changeUserRole(s.actors.admin, { userId: s.prescriber.id, role: "THERAPIST" });
    const now = asRole(s.actors.prescriber, "THERAPIST");

    expect(await getSessionNotes(now, prep.id).catch(codeOf)).toBe("NOT_FOUND");
    expect(await openNote(now, { sessionId: prep.id, clientId: partner.id }).catch(codeOf)).toBe("NOT_FOUND");
    for (const clientId of [s.clientA.id, partner.id]) {
      expect(await getClientSummary(now, clientId).catch(codeOf)).toBe("NOT_FOUND");
    }
    // Their memberships ended, one audit row each, in the admin's name.
    const memberships = await db().careTeamMember.findMany({ where: { userId: s.prescriber.id } });
    expect(memberships).toHaveLength(2);
    expect(memberships.every((m) => m.removedAt !== null)).toBe(true);
    const rows = await db().auditEvent.findMany({
      where: { action: "care_team.leave", recordId: { in: memberships.map((m) => m.id) } },
    });
    expect(rows.map((r) => r.clientId).sort()).toEqual([s.clientA.id, partner.id].sort());
    expect(rows[0]).toMatchObject({ actorUserId: s.admin.id, outcome: "OK" });
    expect(rows[0]?.detail).toMatchObject({
      reason: ROLE_CHANGE_LEAVE_REASON,
      role: "PRESCRIBER",
      from: "PRESCRIBER",
      to: "THERAPIST",
    });
    // The therapists' own memberships are untouched.
    expect((await getSessionNotes(s.actors.therapist, prep.id)).privateNotes).toHaveLength(2);
  });

  it("a therapist made prescriber leaves the care teams they led", async () => {
    const { s, prep } = await coupleSeries();
    await changeUserRole(s.actors.admin, { userId: s.therapist.id, role: "PRESCRIBER" });
    const now = asRole(s.actors.therapist, "PRESCRIBER");
    expect(await getSessionNotes(now, prep.id).catch(codeOf)).toBe("NOT_FOUND");
    expect(await getClientSummary(now, s.clientA.id).catch(codeOf)).toBe("NOT_FOUND");
    expect(await db().careTeamMember.count({ where: { userId: s.therapist.id, removedAt: null } })).toBe(0);
  });

  it("a membership held in another role opens nothing, even if it was never ended", async () => {
    const { s, prep, partner } = await coupleSeries();
    // As if the role had been changed behind the app's back: the rows still say PRESCRIBER.
    await db().user.update({ where: { id: s.prescriber.id }, data: { role: "THERAPIST" } });
    const now = asRole(s.actors.prescriber, "THERAPIST");
    expect(await getSessionNotes(now, prep.id).catch(codeOf)).toBe("NOT_FOUND");
    expect(await getClientSummary(now, partner.id).catch(codeOf)).toBe("NOT_FOUND");
  });
});
