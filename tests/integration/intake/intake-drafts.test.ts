import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/core/db";
import { loadOwnIntake, saveIntakeStep } from "@/lib/server/intake/intake-drafts";
import { codeOf } from "../../fixtures/errors";
import { createScene } from "../../fixtures/factory";

describe("the client's own intake", () => {
  it("saves drafts as typed, refuses a stale version with 409, and only the client writes", async () => {
    const s = await createScene();
    const { version } = await loadOwnIntake(s.actors.clientA);
    const saved = await saveIntakeStep(s.actors.clientA, {
      step: "contact",
      values: { phone: "not a phone", preferredName: "Ace" },
      version,
      mode: "complete",
    });
    expect(saved.version).toBe(version + 1);
    expect(Object.keys(saved.fieldErrors ?? {})).toContain("phone");
    const again = await loadOwnIntake(s.actors.clientA);
    expect(again.data.contact).toEqual({ phone: "not a phone", preferredName: "Ace" });

    const stale = await saveIntakeStep(s.actors.clientA, {
      step: "contact",
      values: { phone: "other tab" },
      version,
      mode: "autosave",
    }).catch(codeOf);
    expect(stale).toBe("CONFLICT");

    for (const staff of [s.actors.therapist, s.actors.prescriber, s.actors.admin]) {
      const r = await saveIntakeStep(staff, {
        step: "contact",
        values: {},
        version: saved.version,
        mode: "autosave",
      }).catch(codeOf);
      expect(r).toBe("FORBIDDEN");
    }
    // Staff have no "own" intake: not-found, like any record that is not theirs.
    expect(await loadOwnIntake(s.actors.therapist).catch(codeOf)).toBe("NOT_FOUND");
    const rows = await db().auditEvent.findMany({
      where: { clientId: s.clientA.id, action: "intake.update" },
    });
    expect(rows.length).toBe(1);
  });

  it("a client's save lands in their own intake only", async () => {
    const s = await createScene();
    const a = await loadOwnIntake(s.actors.clientA);
    const b = await loadOwnIntake(s.actors.clientB);
    await saveIntakeStep(s.actors.clientA, {
      step: "intention",
      values: { intention: "mine" },
      version: a.version,
      mode: "autosave",
    });
    expect((await loadOwnIntake(s.actors.clientB)).data.intention).toBeUndefined();
    expect(b.id).not.toBe(a.id);
  });
});
