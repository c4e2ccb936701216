import { describe, expect, it } from "vitest";
import { DEFAULT_NOTE_TEMPLATES } from "@/lib/domain/notes/default-note-templates";
import { fieldsToText, NOTE_KINDS, type NoteKind } from "@/lib/domain/notes/note-templates";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/core/db";
import {
  ensureDefaultNoteTemplates,
  getNoteTemplateFor,
  listNoteTemplates,
  listNoteTemplatesForAdmin,
  type NoteTemplateView,
  resetNoteTemplate,
  updateNoteTemplate,
} from "@/lib/server/notes/note-templates";
import { failure } from "../../fixtures/errors";
import { auditRowsFor, createScene } from "../../fixtures/factory";

const ensure = (practiceId: string) => db().$transaction((tx) => ensureDefaultNoteTemplates(tx, practiceId));

const PREP_TEXT = [
  "Intention for the series: In their own words, what do they hope for?",
  "Safety plan and agreements: No driving, who brings them home, whom to call.",
  "[couples] Attachment cycle map: Who pursues, who withdraws, what sets it off?",
  "Plan",
].join("\n");

/** A practice with its five templates, and the preparation one. */
async function sceneWithTemplates() {
  const s = await createScene();
  const templates = await listNoteTemplatesForAdmin(s.actors.admin);
  const prep = templates.find((t) => t.kind === "PREPARATION");
  if (!prep) throw new Error("no preparation template");
  return { ...s, templates, prep };
}

const edit = (
  t: Pick<NoteTemplateView, "id" | "name" | "updatedAt">,
  over: { name?: string; fieldsText?: string } = {},
) => ({
  id: t.id,
  name: over.name ?? t.name,
  fieldsText: over.fieldsText ?? PREP_TEXT,
  updatedAt: t.updatedAt.toISOString(),
});

const stored = (id: string) => db().noteTemplate.findUniqueOrThrow({ where: { id } });

describe("the built-in templates", () => {
  it("are what a note starts from until the practice has its own, and reading writes nothing", async () => {
    const s = await createScene();
    for (const kind of NOTE_KINDS) {
      const t = await getNoteTemplateFor(db(), s.practice.id, kind);
      expect(t).toEqual({ id: null, kind, ...DEFAULT_NOTE_TEMPLATES[kind] });
    }
    expect(await db().noteTemplate.count({ where: { practiceId: s.practice.id } })).toBe(0);
    expect(await listNoteTemplates(s.actors.admin)).toEqual([]);
  });

  it("are created once per kind, even when asked for twice at once, and only where missing", async () => {
    const s = await createScene();
    const [a, b] = await Promise.all([ensure(s.practice.id), ensure(s.practice.id)]);
    expect([...a, ...b].sort()).toEqual([...NOTE_KINDS].sort());
    expect(await ensure(s.practice.id)).toEqual([]);
    expect(await db().noteTemplate.count({ where: { practiceId: s.practice.id } })).toBe(5);

    const list = await listNoteTemplates(s.actors.admin);
    expect(list.map((t) => t.kind)).toEqual([...NOTE_KINDS]);
    for (const t of list) {
      expect(t).toMatchObject({ name: DEFAULT_NOTE_TEMPLATES[t.kind].name, isDefault: true });
      expect(t.fields).toEqual(DEFAULT_NOTE_TEMPLATES[t.kind].fields);
      expect(await getNoteTemplateFor(db(), s.practice.id, t.kind)).toMatchObject({ id: t.id });
    }

    // An archived template is out of use: notes fall back to the built-in, and ensure replaces it.
    const dosing = list.find((t) => t.kind === "DOSING");
    await db().noteTemplate.update({ where: { id: dosing?.id }, data: { archivedAt: new Date() } });
    expect((await getNoteTemplateFor(db(), s.practice.id, "DOSING")).id).toBeNull();
    expect(await ensure(s.practice.id)).toEqual(["DOSING"]);
    expect(await db().noteTemplate.count({ where: { practiceId: s.practice.id, archivedAt: null } })).toBe(5);
  });

  it("leave a practice's own template alone", async () => {
    const s = await createScene();
    const own = await db().noteTemplate.create({
      data: {
        practiceId: s.practice.id,
        kind: "INTEGRATION",
        name: "Our integration note",
        fields: [{ key: "notes", label: "Notes", prompt: "", couplesOnly: false }],
      },
    });
    const created = await ensure(s.practice.id);
    expect(created).toEqual(NOTE_KINDS.filter((k: NoteKind) => k !== "INTEGRATION"));
    const integration = await getNoteTemplateFor(db(), s.practice.id, "INTEGRATION");
    expect(integration).toEqual({
      id: own.id,
      kind: "INTEGRATION",
      name: "Our integration note",
      fields: [{ key: "notes", label: "Notes", prompt: "", couplesOnly: false }],
    });
  });

  it("are set up for the admin page without audit rows (templates hold no PHI)", async () => {
    const s = await sceneWithTemplates();
    expect(s.templates.map((t) => t.kind)).toEqual([...NOTE_KINDS]);
    expect((await listNoteTemplatesForAdmin(s.actors.admin)).map((t) => t.id)).toEqual(
      s.templates.map((t) => t.id),
    );
    expect(await db().auditEvent.count({ where: { practiceId: s.practice.id } })).toBe(0);
  });
});

describe("editing a template", () => {
  it("saves the name and the parsed fields with the version the form saw, and audits the change", async () => {
    const s = await sceneWithTemplates();
    const saved = await updateNoteTemplate(s.actors.admin, edit(s.prep, { name: "Preparation (couples)" }));
    expect(saved).toMatchObject({ id: s.prep.id, name: "Preparation (couples)", isDefault: false });
    expect(saved.fields).toEqual([
      {
        key: "intention-for-the-series",
        label: "Intention for the series",
        prompt: "In their own words, what do they hope for?",
        couplesOnly: false,
      },
      {
        key: "safety-plan-and-agreements",
        label: "Safety plan and agreements",
        prompt: "No driving, who brings them home, whom to call.",
        couplesOnly: false,
      },
      {
        key: "attachment-cycle-map",
        label: "Attachment cycle map",
        prompt: "Who pursues, who withdraws, what sets it off?",
        couplesOnly: true,
      },
      { key: "plan", label: "Plan", prompt: "", couplesOnly: false },
    ]);
    expect(saved.updatedAt.getTime()).toBeGreaterThan(s.prep.updatedAt.getTime());
    expect(await getNoteTemplateFor(db(), s.practice.id, "PREPARATION")).toMatchObject({
      id: s.prep.id,
      name: "Preparation (couples)",
      fields: saved.fields,
    });

    const [row, ...rest] = await auditRowsFor(s.prep.id);
    expect(rest).toEqual([]);
    expect(row).toMatchObject({
      action: "note_template.update",
      outcome: "OK",
      actorUserId: s.admin.id,
      recordType: "NoteTemplate",
      detail: {
        kind: "PREPARATION",
        before: {
          name: DEFAULT_NOTE_TEMPLATES.PREPARATION.name,
          fields: DEFAULT_NOTE_TEMPLATES.PREPARATION.fields,
        },
        after: { name: "Preparation (couples)", fields: saved.fields },
      },
    });

    // Saving the same again changes nothing and writes no second row.
    const same = await updateNoteTemplate(
      s.actors.admin,
      edit(saved, { fieldsText: fieldsToText(saved.fields) }),
    );
    expect(same.updatedAt.getTime()).toBe(saved.updatedAt.getTime());
    expect(await auditRowsFor(s.prep.id)).toHaveLength(1);
  });

  it("refuses a stale save with 409 and overwrites nothing", async () => {
    const s = await sceneWithTemplates();
    const saved = await updateNoteTemplate(s.actors.admin, edit(s.prep));
    // Another tab still holds the version the page first showed.
    const stale = await failure(
      updateNoteTemplate(s.actors.admin, edit(s.prep, { fieldsText: "Only this" })),
    );
    expect(stale.code).toBe("CONFLICT");
    expect(new AppError("CONFLICT", "").status).toBe(409);
    expect(stale.message).toMatch(/Reload the page/);
    const row = await stored(s.prep.id);
    expect(row.fields).toEqual(saved.fields);
    expect(row.updatedAt.getTime()).toBe(saved.updatedAt.getTime());
    expect(await db().auditEvent.count({ where: { recordId: s.prep.id } })).toBe(1);
  });

  it("refuses bad input with field errors naming the line, and changes nothing", async () => {
    const s = await sceneWithTemplates();
    const before = await stored(s.prep.id);
    const bad = await failure(
      updateNoteTemplate(
        s.actors.admin,
        edit(s.prep, { fieldsText: `Intention: Why?\n: no label\n\n${"L".repeat(81)}` }),
      ),
    );
    expect(bad.code).toBe("VALIDATION");
    expect(bad.fieldErrors.fieldsText).toEqual([
      expect.stringMatching(/^Line 2: write a label/),
      "Line 4: keep the label to 80 characters (it has 81).",
    ]);
    const empty = await failure(
      updateNoteTemplate(s.actors.admin, edit(s.prep, { name: " ", fieldsText: "\n \n" })),
    );
    expect(empty.fieldErrors.name).toEqual(["Enter a name."]);
    expect(empty.fieldErrors.fieldsText).toEqual([expect.stringMatching(/at least one field/)]);
    const tooMany = Array.from({ length: 21 }, (_, i) => `Field ${i + 1}`).join("\n");
    expect(
      (await failure(updateNoteTemplate(s.actors.admin, edit(s.prep, { fieldsText: tooMany })))).fieldErrors
        .fieldsText,
    ).toEqual(["Line 21: a template has at most 20 fields; this line would be field 21."]);
    const typed = await failure(
      updateNoteTemplate(s.actors.admin, { ...edit(s.prep), fieldsText: ["A: b"] as unknown as string }),
    );
    expect(typed.code).toBe("VALIDATION");
    expect(typed.fieldErrors.fieldsText).toBeDefined();

    expect(await stored(s.prep.id)).toEqual(before);
    expect(await db().auditEvent.count({ where: { recordId: s.prep.id } })).toBe(0);
  });

  it("resets to the built-in fields, keeping the name, audited, and makes older edit forms stale", async () => {
    const s = await sceneWithTemplates();
    const saved = await updateNoteTemplate(s.actors.admin, edit(s.prep, { name: "Our preparation" }));
    const reset = await resetNoteTemplate(s.actors.admin, s.prep.id);
    expect(reset).toMatchObject({ id: s.prep.id, name: "Our preparation", isDefault: true });
    expect(reset.fields).toEqual(DEFAULT_NOTE_TEMPLATES.PREPARATION.fields);
    expect(reset.updatedAt.getTime()).toBeGreaterThan(saved.updatedAt.getTime());
    expect((await stored(s.prep.id)).fields).toEqual(DEFAULT_NOTE_TEMPLATES.PREPARATION.fields);
    const [row] = await auditRowsFor(s.prep.id);
    expect(row).toMatchObject({
      action: "note_template.reset",
      outcome: "OK",
      actorUserId: s.admin.id,
      detail: { kind: "PREPARATION", before: { fields: saved.fields } },
    });

    expect((await failure(updateNoteTemplate(s.actors.admin, edit(saved)))).code).toBe("CONFLICT");
    // Already the default: nothing to do, nothing audited.
    const again = await resetNoteTemplate(s.actors.admin, s.prep.id);
    expect(again.updatedAt.getTime()).toBe(reset.updatedAt.getTime());
    expect(
      await db().auditEvent.count({ where: { recordId: s.prep.id, action: "note_template.reset" } }),
    ).toBe(1);
  });

  it("resets stored fields that no longer parse", async () => {
    const s = await sceneWithTemplates();
    await db().noteTemplate.update({ where: { id: s.prep.id }, data: { fields: { broken: true } } });
    expect((await listNoteTemplates(s.actors.admin)).find((t) => t.id === s.prep.id)?.fields).toEqual(
      DEFAULT_NOTE_TEMPLATES.PREPARATION.fields,
    );
    await resetNoteTemplate(s.actors.admin, s.prep.id);
    expect((await stored(s.prep.id)).fields).toEqual(DEFAULT_NOTE_TEMPLATES.PREPARATION.fields);
  });
});

describe("who may see and change templates", () => {
  it("lets a therapist list templates but not change them (403, audited); others get neither", async () => {
    const s = await sceneWithTemplates();
    expect((await listNoteTemplates(s.actors.therapist)).map((t) => t.id)).toEqual(
      s.templates.map((t) => t.id),
    );
    const writes = [
      () => updateNoteTemplate(s.actors.therapist, edit(s.prep, { name: "Mine" })),
      () => resetNoteTemplate(s.actors.therapist, s.prep.id),
      () => listNoteTemplatesForAdmin(s.actors.therapist),
    ];
    for (const w of writes) expect((await failure(w())).code).toBe("FORBIDDEN");
    const denied = await db().auditEvent.findMany({
      where: { actorUserId: s.therapist.id, outcome: "DENIED" },
      orderBy: { at: "asc" },
    });
    expect(denied.map((d) => d.action)).toEqual(Array(3).fill("noteTemplate.manage"));
    expect(denied[0]).toMatchObject({ actorRole: "THERAPIST", practiceId: s.practice.id });

    for (const actor of [s.actors.prescriber, s.actors.clientA]) {
      expect((await failure(listNoteTemplates(actor))).code).toBe("FORBIDDEN");
      expect((await failure(updateNoteTemplate(actor, edit(s.prep)))).code).toBe("FORBIDDEN");
    }
    const row = await stored(s.prep.id);
    expect(row).toMatchObject({ name: s.prep.name, fields: DEFAULT_NOTE_TEMPLATES.PREPARATION.fields });
    expect(row.updatedAt.getTime()).toBe(s.prep.updatedAt.getTime());
  });

  it("answers not-found for another practice's template, even to its admin", async () => {
    const s = await sceneWithTemplates();
    const other = await createScene();
    const admin = other.actors.admin;
    expect((await failure(updateNoteTemplate(admin, edit(s.prep, { name: "Taken over" })))).code).toBe(
      "NOT_FOUND",
    );
    expect((await failure(resetNoteTemplate(admin, s.prep.id))).code).toBe("NOT_FOUND");
    expect((await failure(updateNoteTemplate(admin, { ...edit(s.prep), id: "doesnotexist" }))).code).toBe(
      "NOT_FOUND",
    );
    expect(await listNoteTemplates(admin)).toEqual([]);
    const theirs = await listNoteTemplatesForAdmin(admin);
    expect(theirs.map((t) => t.id).filter((id) => s.templates.some((t) => t.id === id))).toEqual([]);
    const row = await stored(s.prep.id);
    expect(row).toMatchObject({ name: s.prep.name, archivedAt: null });
    expect(row.updatedAt.getTime()).toBe(s.prep.updatedAt.getTime());
    expect(await db().auditEvent.count({ where: { recordId: s.prep.id } })).toBe(0);
  });
});
