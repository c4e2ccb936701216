import { describe, expect, it } from "vitest";
import { DEFAULT_PROTOCOL_PLAN } from "@/lib/domain/scheduling/protocol";
import { AppError } from "@/lib/errors";
import {
  archiveProtocolTemplate,
  createProtocolTemplate,
  ensureDefaultProtocolTemplate,
  getDefaultProtocolTemplate,
  listProtocolTemplates,
  STANDARD_TEMPLATE_NAME,
  setDefaultProtocolTemplate,
  updateProtocolTemplate,
} from "@/lib/server/admin/protocol-templates";
import { db } from "@/lib/server/core/db";
import { type ProtocolTemplateInput, protocolTemplateFormValues } from "@/lib/validation/protocol-templates";
import { failure } from "../../fixtures/errors";
import { auditRowsFor, createScene } from "../../fixtures/factory";

const input = (name: string, over: Partial<ProtocolTemplateInput> = {}): ProtocolTemplateInput => ({
  ...protocolTemplateFormValues(name, DEFAULT_PROTOCOL_PLAN),
  ...over,
});

const defaultsOf = (practiceId: string) =>
  db().protocolTemplate.findMany({ where: { practiceId, isDefault: true, archivedAt: null } });

/** A practice with its standard template and a second one ("Short series"). */
async function sceneWithTemplates() {
  const s = await createScene();
  const standard = await db().$transaction((tx) => ensureDefaultProtocolTemplate(tx, s.practice.id));
  const short = await createProtocolTemplate(
    s.actors.admin,
    input("Short series", { dosingSessions: 3, followUpAfterDose: null }),
  );
  return { ...s, standard, short };
}

describe("the default template", () => {
  it("is created once, from the docs/clinical-rules.md defaults, even when asked for twice at once", async () => {
    const s = await createScene();
    expect(await getDefaultProtocolTemplate(db(), s.practice.id)).toBeNull();
    const [a, b] = await Promise.all([
      db().$transaction((tx) => ensureDefaultProtocolTemplate(tx, s.practice.id)),
      db().$transaction((tx) => ensureDefaultProtocolTemplate(tx, s.practice.id)),
    ]);
    expect(a.id).toBe(b.id);
    expect(a).toMatchObject({ name: STANDARD_TEMPLATE_NAME, isDefault: true, plan: DEFAULT_PROTOCOL_PLAN });
    expect(await db().protocolTemplate.count({ where: { practiceId: s.practice.id } })).toBe(1);
    expect((await getDefaultProtocolTemplate(db(), s.practice.id))?.id).toBe(a.id);
    const again = await db().$transaction((tx) => ensureDefaultProtocolTemplate(tx, s.practice.id));
    expect(again.id).toBe(a.id);
  });

  it("makes the practice's first template the default, and later ones not", async () => {
    const s = await createScene();
    const first = await createProtocolTemplate(s.actors.admin, input("Our series"));
    const second = await createProtocolTemplate(s.actors.admin, input("Couples series"));
    expect(first.isDefault).toBe(true);
    expect(second.isDefault).toBe(false);
    expect((await db().$transaction((tx) => ensureDefaultProtocolTemplate(tx, s.practice.id))).id).toBe(
      first.id,
    );
    const list = await listProtocolTemplates(s.actors.admin);
    expect(list.map((t) => t.name)).toEqual(["Our series", "Couples series"]);
  });
});

describe("editing templates", () => {
  it("creates with an audit row and refuses a bad plan or a duplicate name with field errors", async () => {
    const s = await sceneWithTemplates();
    expect(s.short).toMatchObject({ isDefault: false, plan: { dosingSessions: 3, followUpAfterDose: null } });
    const rows = await auditRowsFor(s.short.id);
    expect(rows[0]).toMatchObject({
      action: "protocol_template.create",
      outcome: "OK",
      actorUserId: s.admin.id,
    });

    const bad = await failure(
      createProtocolTemplate(
        s.actors.admin,
        input("Too many", {
          preparationSessions: 4,
          dosingSessions: 2,
          followUpAfterDose: 3,
          durationsMinutes: { ...DEFAULT_PROTOCOL_PLAN.durationsMinutes, DOSING: 10 },
        }),
      ),
    );
    expect(bad.code).toBe("VALIDATION");
    expect(bad.fieldErrors.preparationSessions).toEqual(["Enter a whole number from 1 to 3 sessions."]);
    expect(bad.fieldErrors["durationsMinutes.DOSING"]).toEqual([
      "Enter a whole number from 15 to 480 minutes.",
    ]);
    const follow = await failure(
      createProtocolTemplate(
        s.actors.admin,
        input("Late follow-up", { dosingSessions: 2, followUpAfterDose: 3 }),
      ),
    );
    expect(follow.fieldErrors.followUpAfterDose).toEqual([
      "The follow-up must come after one of the planned doses.",
    ]);
    const notNumber = await failure(
      createProtocolTemplate(s.actors.admin, {
        ...input("Typed"),
        dosingSessions: "six" as unknown as number,
      }),
    );
    expect(notNumber.fieldErrors.dosingSessions).toEqual(["Enter a number."]);
    const duplicate = await failure(createProtocolTemplate(s.actors.admin, input("short SERIES")));
    expect(duplicate.fieldErrors.name).toEqual(["Another template already has this name."]);
    expect(await db().protocolTemplate.count({ where: { practiceId: s.practice.id } })).toBe(2);
  });

  it("updates with the version the form saw, audits the change, and refuses a stale save with 409", async () => {
    const s = await sceneWithTemplates();
    const seen = s.short.updatedAt.toISOString();
    const saved = await updateProtocolTemplate(s.actors.admin, {
      ...input("Short series", { dosingSessions: 4, followUpAfterDose: 2 }),
      id: s.short.id,
      updatedAt: seen,
    });
    expect(saved.plan).toMatchObject({ dosingSessions: 4, followUpAfterDose: 2 });
    expect(saved.updatedAt.getTime()).toBeGreaterThan(s.short.updatedAt.getTime());
    const [row] = await auditRowsFor(s.short.id);
    expect(row).toMatchObject({
      action: "protocol_template.update",
      detail: {
        before: { dosingSessions: 3, followUpAfterDose: null },
        after: { dosingSessions: 4, followUpAfterDose: 2 },
      },
    });

    // Another tab still holds the old version: refused, nothing overwritten.
    const stale = await failure(
      updateProtocolTemplate(s.actors.admin, {
        ...input("Short series", { dosingSessions: 8 }),
        id: s.short.id,
        updatedAt: seen,
      }),
    );
    expect(stale.code).toBe("CONFLICT");
    expect(new AppError(stale.code as "CONFLICT", "").status).toBe(409);
    const stored = await db().protocolTemplate.findUniqueOrThrow({ where: { id: s.short.id } });
    expect(stored.plan).toMatchObject({ dosingSessions: 4 });
    expect(
      await db().auditEvent.count({ where: { recordId: s.short.id, action: "protocol_template.update" } }),
    ).toBe(1);
  });

  it("keeps exactly one default, and making a default does not make open edit forms stale", async () => {
    const s = await sceneWithTemplates();
    await setDefaultProtocolTemplate(s.actors.admin, s.short.id);
    expect((await defaultsOf(s.practice.id)).map((t) => t.id)).toEqual([s.short.id]);
    expect((await listProtocolTemplates(s.actors.admin)).map((t) => t.id)).toEqual([
      s.short.id,
      s.standard.id,
    ]);
    const [row] = await auditRowsFor(s.short.id);
    expect(row).toMatchObject({
      action: "protocol_template.set_default",
      detail: { previousDefaultIds: [s.standard.id] },
    });

    // Both clicked at once: still one default.
    await Promise.all([
      setDefaultProtocolTemplate(s.actors.admin, s.standard.id),
      setDefaultProtocolTemplate(s.actors.admin, s.short.id),
    ]);
    expect(await defaultsOf(s.practice.id)).toHaveLength(1);

    // The edit form opened before the default moved still saves.
    const edited = await updateProtocolTemplate(s.actors.admin, {
      ...input(STANDARD_TEMPLATE_NAME, { preparationSessions: 3 }),
      id: s.standard.id,
      updatedAt: s.standard.updatedAt.toISOString(),
    });
    expect(edited.plan.preparationSessions).toBe(3);
  });

  it("archives a template but never the default", async () => {
    const s = await sceneWithTemplates();
    const refused = await failure(archiveProtocolTemplate(s.actors.admin, s.standard.id));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toMatch(/default/);
    await archiveProtocolTemplate(s.actors.admin, s.short.id);
    expect((await listProtocolTemplates(s.actors.admin)).map((t) => t.id)).toEqual([s.standard.id]);
    expect((await auditRowsFor(s.short.id))[0]).toMatchObject({ action: "protocol_template.archive" });
    // Archived templates are out of use: no edits, no default, no second archive.
    expect((await failure(setDefaultProtocolTemplate(s.actors.admin, s.short.id))).code).toBe("NOT_FOUND");
    expect((await failure(archiveProtocolTemplate(s.actors.admin, s.short.id))).code).toBe("NOT_FOUND");
    expect(
      (
        await failure(
          updateProtocolTemplate(s.actors.admin, {
            ...input("Short series"),
            id: s.short.id,
            updatedAt: s.short.updatedAt.toISOString(),
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    // Its name is free again.
    expect((await createProtocolTemplate(s.actors.admin, input("Short series"))).isDefault).toBe(false);
  });
});

describe("who may see and change templates", () => {
  it("lets clinicians list templates but not change them; clients get neither", async () => {
    const s = await sceneWithTemplates();
    for (const clinician of [s.actors.therapist, s.actors.prescriber]) {
      expect((await listProtocolTemplates(clinician)).map((t) => t.id)).toEqual([s.standard.id, s.short.id]);
    }
    for (const actor of [s.actors.therapist, s.actors.prescriber, s.actors.clientA]) {
      const writes = [
        () => createProtocolTemplate(actor, input("Mine")),
        () =>
          updateProtocolTemplate(actor, {
            ...input("Short series", { dosingSessions: 9 }),
            id: s.short.id,
            updatedAt: s.short.updatedAt.toISOString(),
          }),
        () => setDefaultProtocolTemplate(actor, s.short.id),
        () => archiveProtocolTemplate(actor, s.short.id),
      ];
      for (const w of writes) expect((await failure(w())).code).toBe("FORBIDDEN");
      const denied = await db().auditEvent.findMany({
        where: { actorUserId: actor.userId, outcome: "DENIED" },
      });
      expect(denied.map((d) => d.action)).toEqual(Array(4).fill("protocolTemplate.manage"));
    }
    expect((await failure(listProtocolTemplates(s.actors.clientA))).code).toBe("FORBIDDEN");
    expect(await db().protocolTemplate.count({ where: { practiceId: s.practice.id } })).toBe(2);
    const stored = await db().protocolTemplate.findUniqueOrThrow({ where: { id: s.short.id } });
    expect(stored).toMatchObject({ isDefault: false, archivedAt: null, plan: { dosingSessions: 3 } });
  });

  it("answers not-found for another practice's template, even to its admin", async () => {
    const s = await sceneWithTemplates();
    const other = await createScene();
    const admin = other.actors.admin;
    const attempts = [
      () =>
        updateProtocolTemplate(admin, {
          ...input("Taken over"),
          id: s.short.id,
          updatedAt: s.short.updatedAt.toISOString(),
        }),
      () => setDefaultProtocolTemplate(admin, s.short.id),
      () => archiveProtocolTemplate(admin, s.short.id),
    ];
    for (const a of attempts) expect((await failure(a())).code).toBe("NOT_FOUND");
    expect(await listProtocolTemplates(admin)).toEqual([]);
    const stored = await db().protocolTemplate.findUniqueOrThrow({ where: { id: s.short.id } });
    expect(stored).toMatchObject({ name: "Short series", isDefault: false, archivedAt: null });
    expect((await defaultsOf(s.practice.id)).map((t) => t.id)).toEqual([s.standard.id]);
  });
});
