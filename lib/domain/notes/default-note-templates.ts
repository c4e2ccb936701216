import {
  type NoteField,
  type NoteKind,
  noteTemplateFieldsSchema,
  sameNoteFields,
  withKeys,
} from "./note-templates";

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

/** True when `fields` are exactly the built-in fields for the kind. */
export function isDefaultNoteFields(fields: readonly NoteField[], kind: NoteKind): boolean {
  return sameNoteFields(fields, DEFAULT_NOTE_TEMPLATES[kind].fields);
}
