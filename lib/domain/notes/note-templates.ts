import { z } from "zod";

/**
 * Session-note templates: the headings ("fields") a new note of each kind starts with, each with
 * a guiding question, stored per practice as NoteTemplate.fields and edited by the practice admin.
 * The defaults follow the KAP protocol in docs/clinical-rules.md §1: preparation sets intentions and the safety
 * rules (and, for couples, maps the attachment cycle), dosing notes point to the dosing record for
 * the medical facts, and an integration note follows every dose. Pure: no I/O.
 *
 * A note stores its text by field key, so a key must stay stable: keys are derived from labels
 * (`Intention for the series` → `intention-for-the-series`), and keeping a label keeps its key.
 */

/** Mirrors the Prisma enum so this module stays free of generated code (and of I/O). */
export const NOTE_KINDS = ["PREPARATION", "DOSING", "INTEGRATION", "FOLLOW_UP", "CLOSING"] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export const NOTE_KIND_LABEL: Record<NoteKind, string> = {
  PREPARATION: "Preparation",
  DOSING: "Dosing",
  INTEGRATION: "Integration",
  FOLLOW_UP: "Prescriber follow-up",
  CLOSING: "Closing",
};

export const NOTE_FIELD_LIMITS = {
  keyLength: 40,
  labelLength: 80,
  promptLength: 300,
  minFields: 1,
  maxFields: 20,
} as const;

/** The marker that starts a line of the text format for a field shown only in couples' joint notes. */
export const COUPLES_MARKER = "[couples]";

const LINE_BREAK = /[\r\n]/;

export const noteFieldSchema = z.object({
  key: z.string().regex(/^[a-z0-9-]{1,40}$/, "A key is 1 to 40 lower-case letters, digits or hyphens."),
  label: z
    .string()
    .trim()
    .min(1, "Enter a label.")
    .max(NOTE_FIELD_LIMITS.labelLength, `Keep a label to ${NOTE_FIELD_LIMITS.labelLength} characters.`)
    // The text format splits `Label: prompt` at the first colon, one field a line.
    .refine((v) => !v.includes(":") && !LINE_BREAK.test(v), "A label cannot hold a colon or a line break."),
  /** The guiding question shown under the label; may be empty. */
  prompt: z
    .string()
    .trim()
    .max(
      NOTE_FIELD_LIMITS.promptLength,
      `Keep a guiding question to ${NOTE_FIELD_LIMITS.promptLength} characters.`,
    )
    .refine((v) => !LINE_BREAK.test(v), "A guiding question cannot hold a line break."),
  /** Shown only in a couples series' joint note (never in a partner's private note). */
  couplesOnly: z.boolean(),
});
export type NoteField = z.infer<typeof noteFieldSchema>;

export const noteTemplateFieldsSchema = z
  .array(noteFieldSchema)
  .min(NOTE_FIELD_LIMITS.minFields, "A template needs at least one field.")
  .max(NOTE_FIELD_LIMITS.maxFields, `A template has at most ${NOTE_FIELD_LIMITS.maxFields} fields.`)
  .superRefine((fields, ctx) => {
    const seen = new Set<string>();
    fields.forEach((f, i) => {
      if (seen.has(f.key)) {
        ctx.addIssue({ code: "custom", path: [i, "key"], message: `The key "${f.key}" is used twice.` });
      }
      seen.add(f.key);
    });
  });

/** `Intention for the series` → `intention-for-the-series`; "field" when nothing is left. */
export function slugForLabel(label: string): string {
  const slug = label
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, NOTE_FIELD_LIMITS.keyLength)
    .replace(/-+$/, "");
  return slug || "field";
}

/** A key for `label` not yet in `taken` (`plan`, then `plan-2`, `plan-3`…), added to `taken`. */
function uniqueKey(label: string, taken: Set<string>): string {
  const base = slugForLabel(label);
  let key = base;
  for (let n = 2; taken.has(key); n++) {
    const suffix = `-${n}`;
    key = `${base.slice(0, NOTE_FIELD_LIMITS.keyLength - suffix.length).replace(/-+$/, "")}${suffix}`;
  }
  taken.add(key);
  return key;
}

/** Fields from (label, prompt, couplesOnly) rows, keys derived as the text format derives them. */
function withKeys(rows: { label: string; prompt: string; couplesOnly: boolean }[]): NoteField[] {
  const taken = new Set<string>();
  return rows.map((r) => ({ key: uniqueKey(r.label, taken), ...r }));
}

const field = (label: string, prompt: string, couplesOnly = false) => ({ label, prompt, couplesOnly });

/**
 * The built-in templates, written for KAP (docs/clinical-rules.md §1). A practice starts with these and its
 * admin may change them; "Reset to the default" puts these fields back.
 */
export const DEFAULT_NOTE_TEMPLATES: Record<NoteKind, { name: string; fields: NoteField[] }> = {
  PREPARATION: {
    name: "Preparation session note",
    fields: withKeys([
      field(
        "Intention for the series",
        "What does the client hope to explore or change through this series, in their own words?",
      ),
      field(
        "History and context",
        "What brings them to KAP now: history, current difficulties, supports, any earlier experience with ketamine or other medicines?",
      ),
      field(
        "Safety plan and agreements",
        "What was agreed for dosing days: no driving until the next day, who brings them home, what to do and whom to call if the experience becomes overwhelming?",
      ),
      field(
        "Medicine, set and setting",
        "How were the medicine, its likely effects and the set and setting prepared (fasting, substances to avoid, music, eyeshades, what helps them feel safe)?",
      ),
      field(
        "Attachment cycle map",
        "Who pursues and who withdraws? What triggers the cycle, and what does each partner feel and do once it starts?",
        true,
      ),
      field("Plan", "What comes next: more preparation, the first dosing date, practices until then?"),
    ]),
  },
  DOSING: {
    name: "Dosing session note",
    fields: withKeys([
      field(
        "Observations during the session",
        "Affect, depth of dissociation, themes the client voiced, and how the experience unfolded over time.",
      ),
      field(
        "Therapist interventions",
        "What did you offer (presence, grounding, music, words, consented touch), and how did the client respond?",
      ),
      field(
        "Client's state at discharge",
        "How was the client when the session ended: oriented, mood, anything they wanted to hold on to, who took them home?",
      ),
      field(
        "Dosing record",
        "Vitals, the dose given and any adverse events are in the linked dosing record, not here. Note only what the prescriber should know that the record does not show.",
      ),
    ]),
  },
  INTEGRATION: {
    name: "Integration session note",
    fields: withKeys([
      field(
        "What surfaced",
        "What came up during the dose and since: images, memories, feelings, body sensations?",
      ),
      field("Insights", "What meaning is the client making of it? What feels important or new?"),
      field(
        "Changes in relationships and behaviour",
        "What has shifted since the dose in mood, relationships, habits or how the client meets difficulty?",
      ),
      field(
        "How the cycle showed up",
        "How did the pursue–withdraw cycle show up during or since the session, and what did each partner notice in themselves and in the other?",
        true,
      ),
      field(
        "Plan and practices until the next session",
        "Practices agreed (journaling, meditation, movement, conversations) and what to bring to the next dose or session.",
      ),
    ]),
  },
  FOLLOW_UP: {
    name: "Prescriber follow-up note",
    fields: withKeys([
      field(
        "Response so far",
        "How has the client responded to the doses so far: symptoms, measures, daily functioning, what the therapist reports?",
      ),
      field(
        "Side effects",
        "Side effects or adverse events since the last dose (blood pressure, nausea, lingering dissociation, bladder symptoms, signs of misuse)?",
      ),
      field(
        "Decision about further doses",
        "Continue, change or stop dosing, and why. A change of dose is made in the dosing order itself.",
      ),
    ]),
  },
  CLOSING: {
    name: "Closing session note",
    fields: withKeys([
      field(
        "What changed over the series",
        "Looking back with the client: what is different now from the start of the series, and what has not changed?",
      ),
      field(
        "Measures at the end",
        "Scores at the end of the series against baseline (PHQ-9, GAD-7, PCL-5 as used) and what the client makes of them.",
      ),
      field(
        "Maintenance and aftercare plan",
        "Ongoing therapy, hand-back to the primary therapist, maintenance sessions if any, and what to do if symptoms return.",
      ),
    ]),
  },
};

const copyFields = (fields: readonly NoteField[]): NoteField[] => fields.map((f) => ({ ...f }));

/** The built-in fields for a kind, as a fresh copy. */
export function defaultNoteFields(kind: NoteKind): NoteField[] {
  return copyFields(DEFAULT_NOTE_TEMPLATES[kind].fields);
}

/**
 * Reads stored fields (JSON from the database, possibly written by an older version): the fields
 * when they are valid, else the built-in default for the kind, so a bad row never breaks a note.
 */
export function readNoteTemplateFields(stored: unknown, kind: NoteKind): NoteField[] {
  const parsed = noteTemplateFieldsSchema.safeParse(stored);
  return parsed.success ? parsed.data : defaultNoteFields(kind);
}

/** True when both lists have the same fields in the same order (whatever the order of their keys). */
export function sameNoteFields(a: readonly NoteField[], b: readonly NoteField[]): boolean {
  return (
    a.length === b.length &&
    a.every((f, i) => {
      const g = b[i];
      return (
        g !== undefined &&
        f.key === g.key &&
        f.label === g.label &&
        f.prompt === g.prompt &&
        f.couplesOnly === g.couplesOnly
      );
    })
  );
}

/** True when `fields` are exactly the built-in fields for the kind. */
export function isDefaultNoteFields(fields: readonly NoteField[], kind: NoteKind): boolean {
  return sameNoteFields(fields, DEFAULT_NOTE_TEMPLATES[kind].fields);
}

/*
 * The text format of the admin editor, one field a line:
 *
 *   Label: the guiding question
 *   [couples] Label: a field shown only in a couples series' joint note
 *   Label
 *
 * - The label runs to the first colon; the rest of the line is the guiding question (optional, so
 *   a line without a colon is a label alone). Labels hold no colon; questions may.
 * - `[couples]` at the start of a line (any case) marks the field couplesOnly.
 * - Blank lines are skipped; spaces around the parts are trimmed; the order is the note's order.
 * - 1 to 20 fields; labels up to 80 characters, questions up to 300.
 * - Keys are derived from labels as slugs and de-duplicated (`plan`, `plan-2`), so two fields may
 *   share a label and a field keeps its key for as long as its label is unchanged.
 */

/** The editor text for `fields` (the inverse of textToFields for valid fields). */
export function fieldsToText(fields: readonly Pick<NoteField, "label" | "prompt" | "couplesOnly">[]): string {
  return fields
    .map((f) => {
      const head = `${f.couplesOnly ? `${COUPLES_MARKER} ` : ""}${f.label}`;
      return f.prompt ? `${head}: ${f.prompt}` : head;
    })
    .join("\n");
}

export type FieldsTextError = {
  /** 1-based line of the text, or null for the text as a whole. */
  line: number | null;
  /** A sentence to show as is, starting "Line N:" when it concerns one line. */
  message: string;
};

export type FieldsTextResult = { ok: true; fields: NoteField[] } | { ok: false; errors: FieldsTextError[] };

const COUPLES_PREFIX = /^\[couples\]\s*/i;

/** Parses the editor text (format above) into fields, or every problem with its line number. */
export function textToFields(text: string): FieldsTextResult {
  const errors: FieldsTextError[] = [];
  const rows: { label: string; prompt: string; couplesOnly: boolean }[] = [];
  const lineError = (line: number, message: string) =>
    errors.push({ line, message: `Line ${line}: ${message}` });
  const { labelLength, promptLength, maxFields } = NOTE_FIELD_LIMITS;

  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = index + 1;
    let rest = raw.trim();
    if (!rest) return;
    const couplesOnly = COUPLES_PREFIX.test(rest);
    if (couplesOnly) rest = rest.replace(COUPLES_PREFIX, "");
    const colon = rest.indexOf(":");
    const label = (colon === -1 ? rest : rest.slice(0, colon)).trim();
    const prompt = colon === -1 ? "" : rest.slice(colon + 1).trim();
    rows.push({ label, prompt, couplesOnly });
    if (rows.length === maxFields + 1) {
      lineError(
        line,
        `a template has at most ${maxFields} fields; this line would be field ${maxFields + 1}.`,
      );
    }
    if (!label) {
      lineError(line, "write a label before the colon, e.g. “Insights: What feels new?”.");
    } else if (label.length > labelLength) {
      lineError(line, `keep the label to ${labelLength} characters (it has ${label.length}).`);
    }
    if (prompt.length > promptLength) {
      lineError(line, `keep the guiding question to ${promptLength} characters (it has ${prompt.length}).`);
    }
  });

  if (rows.length === 0) {
    errors.push({
      line: null,
      message: "Write at least one field, one a line: “Label: guiding question”.",
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  const fields = withKeys(rows);
  // The parts were checked line by line above; this is the schema's last word.
  const checked = noteTemplateFieldsSchema.safeParse(fields);
  if (!checked.success) {
    return { ok: false, errors: checked.error.issues.map((i) => ({ line: null, message: i.message })) };
  }
  return { ok: true, fields: checked.data };
}

/**
 * The fields to show a note with: the template's, then any the note has text for
 * that the template no longer has (an admin renamed or removed the field after
 * the note was written), so no written text is ever hidden.
 */
export function fieldsForNote<F extends { key: string; label: string; prompt: string }>(
  fields: F[],
  body: Record<string, unknown>,
): (F | { key: string; label: string; prompt: string })[] {
  const known = new Set(fields.map((f) => f.key));
  const earlier = Object.entries(body)
    .filter(([key, text]) => !known.has(key) && typeof text === "string" && text.trim().length > 0)
    .map(([key]) => ({
      key,
      label: `${key.charAt(0).toUpperCase()}${key.slice(1).replace(/-/g, " ")} (a field no longer in the template)`,
      prompt: "",
    }));
  return [...fields, ...earlier];
}
