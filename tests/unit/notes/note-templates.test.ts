import { describe, expect, it } from "vitest";
import {
  DEFAULT_NOTE_TEMPLATES,
  defaultNoteFields,
  isDefaultNoteFields,
  readNoteTemplateFields,
} from "@/lib/domain/notes/default-note-templates";
import {
  fieldsForNote,
  fieldsToText,
  NOTE_KIND_LABEL,
  NOTE_KINDS,
  type NoteField,
  noteFieldSchema,
  noteTemplateFieldsSchema,
  slugForLabel,
  textToFields,
} from "@/lib/domain/notes/note-templates";
import { noteTemplateFormSchema, updateNoteTemplateSchema } from "@/lib/validation/note-templates";

const f = (key: string, over: Partial<NoteField> = {}): NoteField => ({
  key,
  label: key,
  prompt: "",
  couplesOnly: false,
  ...over,
});

const fieldsOf = (text: string) => {
  const r = textToFields(text);
  if (!r.ok) throw new Error(`did not parse: ${r.errors.map((e) => e.message).join(" / ")}`);
  return r.fields;
};
const errorsOf = (text: string) => {
  const r = textToFields(text);
  if (r.ok) throw new Error("parsed, but should not have");
  return r.errors;
};

describe("note field schema", () => {
  it("takes a slug key, a label of 1 to 80 characters, a prompt up to 300 and the couples flag", () => {
    expect(noteFieldSchema.safeParse(f("intention-2")).success).toBe(true);
    expect(noteFieldSchema.safeParse(f("x".repeat(40))).success).toBe(true);
    for (const key of ["", "Intention", "with space", "under_score", "x".repeat(41), "é"]) {
      expect(noteFieldSchema.safeParse(f(key, { label: "ok" })).success, key).toBe(false);
    }
    expect(noteFieldSchema.safeParse(f("a", { label: "" })).success).toBe(false);
    expect(noteFieldSchema.safeParse(f("a", { label: "   " })).success).toBe(false);
    expect(noteFieldSchema.safeParse(f("a", { label: "x".repeat(80) })).success).toBe(true);
    expect(noteFieldSchema.safeParse(f("a", { label: "x".repeat(81) })).success).toBe(false);
    expect(noteFieldSchema.safeParse(f("a", { label: "Plan: later" })).success).toBe(false);
    expect(noteFieldSchema.safeParse(f("a", { prompt: "p".repeat(300) })).success).toBe(true);
    expect(noteFieldSchema.safeParse(f("a", { prompt: "p".repeat(301) })).success).toBe(false);
    expect(noteFieldSchema.safeParse(f("a", { prompt: "two\nlines" })).success).toBe(false);
    expect(noteFieldSchema.safeParse({ key: "a", label: "A", prompt: "" }).success).toBe(false);
  });

  it("wants 1 to 20 fields with unique keys", () => {
    expect(noteTemplateFieldsSchema.safeParse([]).success).toBe(false);
    const twenty = Array.from({ length: 20 }, (_, i) => f(`f-${i}`));
    expect(noteTemplateFieldsSchema.safeParse(twenty).success).toBe(true);
    expect(noteTemplateFieldsSchema.safeParse([...twenty, f("f-20")]).success).toBe(false);
    const twice = noteTemplateFieldsSchema.safeParse([f("plan"), f("notes"), f("plan")]);
    expect(twice.success).toBe(false);
    expect(twice.error?.issues[0]).toMatchObject({
      path: [2, "key"],
      message: 'The key "plan" is used twice.',
    });
  });
});

describe("the built-in templates", () => {
  it("are valid for every kind, named and labelled", () => {
    for (const kind of NOTE_KINDS) {
      const t = DEFAULT_NOTE_TEMPLATES[kind];
      expect(noteTemplateFieldsSchema.parse(t.fields)).toEqual(t.fields);
      expect(t.name.length).toBeGreaterThan(3);
      expect(NOTE_KIND_LABEL[kind].length).toBeGreaterThan(3);
      expect(isDefaultNoteFields(t.fields, kind)).toBe(true);
    }
  });

  it("follow the KAP protocol: intention and safety first, the couples' attachment cycle in preparation", () => {
    const prep = DEFAULT_NOTE_TEMPLATES.PREPARATION.fields;
    expect(prep[0]).toMatchObject({ key: "intention-for-the-series", couplesOnly: false });
    const safety = prep.find((x) => x.key === "safety-plan-and-agreements");
    expect(safety?.prompt).toMatch(/no driving/);
    expect(safety?.prompt).toMatch(/overwhelming/);
    const cycle = prep.find((x) => x.key === "attachment-cycle-map");
    expect(cycle).toMatchObject({ couplesOnly: true });
    expect(cycle?.prompt).toMatch(/pursues/);
    expect(cycle?.prompt).toMatch(/withdraws/);
    expect(cycle?.prompt).toMatch(/triggers/);
    expect(prep.filter((x) => x.couplesOnly)).toHaveLength(1);

    expect(DEFAULT_NOTE_TEMPLATES.DOSING.fields.map((x) => x.prompt).join(" ")).toMatch(/dosing record/);
    const integration = DEFAULT_NOTE_TEMPLATES.INTEGRATION.fields;
    expect(integration.find((x) => x.couplesOnly)?.key).toBe("how-the-cycle-showed-up");
    expect(integration.at(-1)?.label).toMatch(/^Plan and practices/);
    expect(DEFAULT_NOTE_TEMPLATES.FOLLOW_UP.fields.map((x) => x.key)).toEqual([
      "response-so-far",
      "side-effects",
      "decision-about-further-doses",
    ]);
    expect(DEFAULT_NOTE_TEMPLATES.CLOSING.fields.map((x) => x.key)).toContain(
      "maintenance-and-aftercare-plan",
    );
  });

  it("are handed out as copies", () => {
    const copy = defaultNoteFields("DOSING");
    (copy[0] as NoteField).label = "Changed";
    expect(DEFAULT_NOTE_TEMPLATES.DOSING.fields[0]?.label).toBe("Observations during the session");
  });
});

describe("readNoteTemplateFields", () => {
  it("keeps valid stored fields and falls back to the kind's default otherwise", () => {
    const stored = [{ couplesOnly: false, prompt: "Why now?", label: "Reason", key: "reason", extra: 1 }];
    expect(readNoteTemplateFields(stored, "PREPARATION")).toEqual([
      f("reason", { label: "Reason", prompt: "Why now?" }),
    ]);
    for (const bad of [
      null,
      undefined,
      "text",
      {},
      [],
      [{ key: "Bad Key", label: "x", prompt: "", couplesOnly: false }],
    ]) {
      expect(readNoteTemplateFields(bad, "CLOSING")).toEqual(DEFAULT_NOTE_TEMPLATES.CLOSING.fields);
    }
  });
});

describe("the text format", () => {
  it("round-trips every built-in template", () => {
    for (const kind of NOTE_KINDS) {
      const fields = DEFAULT_NOTE_TEMPLATES[kind].fields;
      expect(fieldsOf(fieldsToText(fields))).toEqual(fields);
    }
    expect(fieldsToText(DEFAULT_NOTE_TEMPLATES.PREPARATION.fields).split("\n")[4]).toMatch(
      /^\[couples\] Attachment cycle map: Who pursues/,
    );
  });

  it("reads `Label: prompt`, a bare label, colons in the prompt, blank lines and spaces", () => {
    expect(fieldsOf("  Insights :  What feels new?  \n\n\nPlan\nTime: 10:30 or later")).toEqual([
      f("insights", { label: "Insights", prompt: "What feels new?" }),
      f("plan", { label: "Plan" }),
      f("time", { label: "Time", prompt: "10:30 or later" }),
    ]);
    expect(fieldsOf("Plan:\r\nRisk: Any?")).toEqual([
      f("plan", { label: "Plan" }),
      f("risk", { label: "Risk", prompt: "Any?" }),
    ]);
    expect(fieldsToText([f("plan", { label: "Plan" })])).toBe("Plan");
  });

  it("marks a line starting with [couples] as couples only, in any case", () => {
    const [a, b, c] = fieldsOf("[couples] The cycle: Who pursues?\n[COUPLES]Repair\nNot [couples]: here");
    expect(a).toEqual(f("the-cycle", { label: "The cycle", prompt: "Who pursues?", couplesOnly: true }));
    expect(b).toEqual(f("repair", { label: "Repair", couplesOnly: true }));
    expect(c).toMatchObject({ label: "Not [couples]", couplesOnly: false });
  });

  it("derives keys from labels as slugs and de-duplicates them", () => {
    expect(slugForLabel("Client's state at discharge")).toBe("clients-state-at-discharge");
    expect(slugForLabel("Réflexions — après")).toBe("reflexions-apres");
    expect(slugForLabel("???")).toBe("field");
    expect(slugForLabel(`${"word ".repeat(20)}`)).toMatch(/^[a-z0-9-]{1,40}$/);
    expect(slugForLabel(`${"a".repeat(39)} b`)).toBe("a".repeat(39));
    const keys = fieldsOf("Plan: one\nplan: two\nPLAN!\n???\n¿?").map((x) => x.key);
    expect(keys).toEqual(["plan", "plan-2", "plan-3", "field", "field-2"]);
    const long = "x".repeat(60);
    const longKeys = fieldsOf(`${long}\n${long}`).map((x) => x.key);
    expect(longKeys).toEqual(["x".repeat(40), `${"x".repeat(38)}-2`]);
  });

  it("names the line of every problem", () => {
    const errors = errorsOf(
      `Fine: ok\n: no label\n\n${"L".repeat(81)}: too long\nQ: ${"q".repeat(301)}\n[couples]`,
    );
    expect(errors).toEqual([
      { line: 2, message: expect.stringMatching(/^Line 2: write a label/) },
      { line: 4, message: "Line 4: keep the label to 80 characters (it has 81)." },
      { line: 5, message: "Line 5: keep the guiding question to 300 characters (it has 301)." },
      { line: 6, message: expect.stringMatching(/^Line 6: write a label/) },
    ]);
    expect(errorsOf("   \n\n")).toEqual([
      { line: null, message: expect.stringMatching(/at least one field/) },
    ]);
    const tooMany = Array.from({ length: 21 }, (_, i) => `Field ${i + 1}`);
    tooMany.splice(3, 0, "");
    expect(errorsOf(tooMany.join("\n"))).toEqual([
      { line: 22, message: "Line 22: a template has at most 20 fields; this line would be field 21." },
    ]);
  });
});

describe("the edit form's schema", () => {
  const ok = { name: "Preparation", fieldsText: "Intention: Why now?" };

  it("puts every problem of the text on fieldsText, each with its line", () => {
    expect(noteTemplateFormSchema.safeParse(ok).success).toBe(true);
    const bad = noteTemplateFormSchema.safeParse({ ...ok, fieldsText: "A\n: b\nC\n:" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path.join("."), i.message.slice(0, 7)])).toEqual([
      ["fieldsText", "Line 2:"],
      ["fieldsText", "Line 4:"],
    ]);
    expect(noteTemplateFormSchema.safeParse({ ...ok, name: "  " }).success).toBe(false);
    expect(noteTemplateFormSchema.safeParse({ ...ok, extra: true }).success).toBe(false);
  });

  it("needs the template's id and the version the form was opened with", () => {
    const update = { ...ok, id: "abc123", updatedAt: new Date().toISOString() };
    expect(updateNoteTemplateSchema.safeParse(update).success).toBe(true);
    expect(updateNoteTemplateSchema.safeParse({ ...update, updatedAt: "yesterday" }).success).toBe(false);
    expect(updateNoteTemplateSchema.safeParse({ ...update, id: "../x" }).success).toBe(false);
  });
});

describe("fieldsForNote", () => {
  const fields = [
    { key: "intention", label: "Intention", prompt: "What brings you?" },
    { key: "plan", label: "Plan", prompt: "" },
  ];
  it("keeps the template's fields and adds text written under a field the template no longer has", () => {
    const shown = fieldsForNote(fields, {
      intention: "Rest",
      "safety-plan": "Call Sam",
      plan: "",
      empty: "  ",
    });
    expect(shown.map((f) => f.key)).toEqual(["intention", "plan", "safety-plan"]);
    expect(shown[2]?.label).toBe("Safety plan (a field no longer in the template)");
  });
  it("adds nothing when every written field is in the template", () => {
    expect(fieldsForNote(fields, { intention: "Rest" })).toEqual(fields);
  });
});
