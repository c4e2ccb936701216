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
export function withKeys(rows: { label: string; prompt: string; couplesOnly: boolean }[]): NoteField[] {
  const taken = new Set<string>();
  return rows.map((r) => ({ key: uniqueKey(r.label, taken), ...r }));
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
