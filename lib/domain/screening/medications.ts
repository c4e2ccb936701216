/**
 * Interacting medicine classes of docs/clinical-rules.md §2 ("needs clearance or a prescriber's judgement").
 * The client types medicine names freely, so recognition is a word match against generic and
 * common US brand names. It only raises a flag for the prescriber to review: a miss is possible
 * (an unusual brand), so the prescriber still reads the full list.
 */
export const INTERACTING_CLASSES = {
  opioid: "Opioids",
  maoi: "MAOIs (monoamine oxidase inhibitors)",
  benzodiazepine: "Benzodiazepines",
  stimulant: "Stimulants",
  gabapentinoid: "Gabapentinoids",
  lamotrigine: "Lamotrigine",
} as const;
export type InteractingClass = keyof typeof INTERACTING_CLASSES;
export const INTERACTING_CLASS_CODES = Object.keys(INTERACTING_CLASSES) as InteractingClass[];

/**
 * Names per class: each row is a generic name followed by its common US brands (and the
 * misspellings we see in free text). Multi-word names ("MS Contin") match as a sequence of words.
 * Misspellings are listed rather than fuzzy-matched: an edit-distance match could hit an unrelated
 * medicine whose name differs by a letter or two.
 */
const NAMES: Record<InteractingClass, readonly (readonly string[])[]> = {
  opioid: [
    ["oxycodone", "OxyContin", "Percocet", "Roxicodone", "Xtampza", "oxycontine", "percoset"],
    ["hydrocodone", "Norco", "Vicodin", "Lortab", "Hysingla", "Zohydro", "hydrocodon"],
    ["morphine", "MS Contin", "Kadian"],
    ["fentanyl", "Duragesic", "Actiq"],
    ["tramadol", "Ultram", "Ultracet"],
    ["methadone", "Dolophine", "Methadose"],
    ["buprenorphine", "Suboxone", "Subutex", "Zubsolv", "Sublocade", "Butrans", "Belbuca"],
    ["codeine"],
    ["hydromorphone", "Dilaudid"],
    ["tapentadol", "Nucynta"],
    ["oxymorphone", "Opana"],
    ["meperidine", "Demerol"],
    ["levorphanol"],
    ["butorphanol"],
  ],
  maoi: [
    ["phenelzine", "Nardil"],
    ["tranylcypromine", "Parnate"],
    ["isocarboxazid", "Marplan"],
    ["selegiline", "Emsam", "Eldepryl", "Zelapar"],
    ["rasagiline", "Azilect"],
    ["safinamide", "Xadago"],
    // Not marketed in the US, but a client who moved from abroad may list it.
    ["moclobemide"],
  ],
  benzodiazepine: [
    ["alprazolam", "Xanax", "xanex", "zanax", "alprazolan"],
    ["lorazepam", "Ativan", "lorazapam"],
    ["clonazepam", "Klonopin", "klonopine", "clonopin", "clonazapam"],
    ["diazepam", "Valium", "Diastat", "Valtoco", "diazapam"],
    ["temazepam", "Restoril"],
    ["chlordiazepoxide", "Librium", "Librax"],
    ["oxazepam"],
    ["clorazepate", "Tranxene"],
    ["triazolam", "Halcion"],
    ["estazolam"],
    ["flurazepam"],
    ["quazepam"],
    ["midazolam"],
    ["clobazam", "Onfi", "Sympazan"],
  ],
  // Modafinil and armodafinil are wakefulness-promoting agents rather than classic stimulants;
  // they are listed because the Spravato prescribing information names them, with amphetamines
  // and methylphenidate, among the psychostimulants that can raise blood pressure with esketamine.
  // Methylphenidate takes two rows only to keep lines short. Phentermine is an amphetamine-like
  // sympathomimetic. Atomoxetine and bupropion are not
  // stimulants and are deliberately absent.
  stimulant: [
    ["amphetamine", "Adderall", "Evekeo", "Adzenys", "Dyanavel", "Mydayis", "adderal", "aderall"],
    ["lisdexamfetamine", "Vyvanse", "vyvance"],
    ["dextroamphetamine", "Dexedrine", "Zenzedi", "ProCentra"],
    ["methamphetamine", "Desoxyn"],
    ["methylphenidate", "Ritalin", "Concerta", "Metadate", "Methylin", "Daytrana", "Quillivant"],
    ["methylphenidate", "QuilliChew", "Aptensio", "Jornay", "Cotempla"],
    ["dexmethylphenidate", "Focalin", "Azstarys"],
    ["modafinil", "Provigil"],
    ["armodafinil", "Nuvigil"],
    ["phentermine", "Adipex"],
  ],
  gabapentinoid: [
    ["gabapentin", "Neurontin", "Gralise", "Horizant", "gabapentine", "gabapenton"],
    ["pregabalin", "Lyrica", "pregabaline"],
  ],
  lamotrigine: [["lamotrigine", "Lamictal", "Subvenite", "lamotrigene", "lamictol"]],
};

/**
 * Letters only: digits, dots and units split words, so "Xanax0.5mg" reads as "xanax mg" and
 * "oxycodone-acetaminophen" as two words. Whole-word comparison keeps "codeine" from matching
 * inside a longer, unrelated word.
 */
const words = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);

type Term = { code: InteractingClass; name: string; words: string[] };
const TERMS: Term[] = INTERACTING_CLASS_CODES.flatMap((code) =>
  NAMES[code].flat().map((name) => ({ code, name, words: words(name) })),
);

const containsSequence = (haystack: string[], needle: string[]): boolean =>
  needle.length > 0 && haystack.some((_, start) => needle.every((word, i) => haystack[start + i] === word));

export type MedicationClassMatch = {
  code: InteractingClass;
  label: string;
  /** The listed name that matched, e.g. "Xanax" for "xanax 0.5mg at night". */
  matched: string;
};

/** Every interacting class a medicine name falls in (a combination product may hit two). */
function matchAll(name: string): MedicationClassMatch[] {
  const tokens = words(name);
  const found = new Map<InteractingClass, MedicationClassMatch>();
  for (const term of TERMS) {
    if (!found.has(term.code) && containsSequence(tokens, term.words)) {
      found.set(term.code, { code: term.code, label: INTERACTING_CLASSES[term.code], matched: term.name });
    }
  }
  return [...found.values()];
}

/** The interacting class of one medicine name, or null when it is not one we recognise. */
export function classifyMedication(name: string): MedicationClassMatch | null {
  return matchAll(name)[0] ?? null;
}

export type MedicationClassGroup = {
  code: InteractingClass;
  label: string;
  /** The client's medicine names (as typed) that fall in this class, in list order, distinct. */
  medicines: string[];
};

/** The distinct interacting classes in a medicine list, in `INTERACTING_CLASSES` order. */
export function classifyMedications(names: readonly string[]): MedicationClassGroup[] {
  const byClass = new Map<InteractingClass, string[]>();
  for (const raw of names) {
    const name = raw.trim();
    for (const match of matchAll(name)) {
      const list = byClass.get(match.code) ?? [];
      if (!list.includes(name)) list.push(name);
      byClass.set(match.code, list);
    }
  }
  return INTERACTING_CLASS_CODES.flatMap((code) => {
    const medicines = byClass.get(code);
    return medicines ? [{ code, label: INTERACTING_CLASSES[code], medicines }] : [];
  });
}
