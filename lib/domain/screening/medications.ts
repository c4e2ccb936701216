import {
  INTERACTING_CLASS_CODES,
  INTERACTING_MEDICINES,
  type InteractingClass,
  namesOf,
} from "./interacting-medicines";

/**
 * Recognises the interacting medicines of docs/clinical-rules.md §2 in the client's free-text list.
 * The names, classes and reasons are data (./interacting-medicines.ts); this file only matches.
 * Matching is case-insensitive and whole-word, against every name the data lists for a medicine
 * (generic, brands, combination products, listed misspellings): no guessing beyond the data. It
 * only raises a flag for the prescriber to review, who still reads the full list.
 */
export { INTERACTING_CLASS_CODES, type InteractingClass };

/** The display label of each class, e.g. `INTERACTING_CLASSES.opioid === "Opioids"`. */
export const INTERACTING_CLASSES = Object.fromEntries(
  INTERACTING_CLASS_CODES.map((code) => [code, INTERACTING_MEDICINES[code].label]),
) as Record<InteractingClass, string>;

/** Why each class matters for ketamine, in the words the screening review shows. */
export const INTERACTING_CLASS_WHY = Object.fromEntries(
  INTERACTING_CLASS_CODES.map((code) => [code, INTERACTING_MEDICINES[code].why]),
) as Record<InteractingClass, string>;

/**
 * Words are runs of letters or runs of digits: "Xanax0.5mg" reads as "xanax 0 5 mg", "tylenol #3"
 * as "tylenol 3" and "oxycodone-acetaminophen" as two words. Whole-word comparison keeps "codeine"
 * from matching inside a longer, unrelated word, and "Tylenol" alone from matching "Tylenol #3".
 */
const words = (text: string): string[] => text.toLowerCase().match(/[a-z]+|[0-9]+/g) ?? [];

type Term = { code: InteractingClass; generic: string; name: string; words: string[] };
const TERMS: Term[] = INTERACTING_CLASS_CODES.flatMap((code) =>
  INTERACTING_MEDICINES[code].medicines.flatMap((medicine) =>
    namesOf(medicine).map((name) => ({ code, generic: medicine.generic, name, words: words(name) })),
  ),
);

const containsSequence = (haystack: string[], needle: string[]): boolean =>
  needle.length > 0 && haystack.some((_, start) => needle.every((word, i) => haystack[start + i] === word));

export type MedicationClassMatch = {
  code: InteractingClass;
  label: string;
  /** The listed name that matched, e.g. "Xanax" for "xanax 0.5mg at night". */
  matched: string;
  /** The generic name of the medicine that matched, e.g. "alprazolam". */
  generic: string;
  why: string;
};

/** Every interacting class a medicine name falls in (a combination product may hit two). */
function matchAll(name: string): MedicationClassMatch[] {
  const tokens = words(name);
  const found = new Map<InteractingClass, MedicationClassMatch>();
  for (const term of TERMS) {
    if (!found.has(term.code) && containsSequence(tokens, term.words)) {
      found.set(term.code, {
        code: term.code,
        label: INTERACTING_CLASSES[term.code],
        matched: term.name,
        generic: term.generic,
        why: INTERACTING_CLASS_WHY[term.code],
      });
    }
  }
  return INTERACTING_CLASS_CODES.flatMap((code) => {
    const match = found.get(code);
    return match ? [match] : [];
  });
}

/** Every interacting class of one medicine name, in class order; empty when none is recognised. */
export const classifyMedicationAll = (name: string): MedicationClassMatch[] => matchAll(name);

/** The first interacting class of one medicine name, or null when it is not one we recognise. */
export function classifyMedication(name: string): MedicationClassMatch | null {
  return matchAll(name)[0] ?? null;
}

export type MedicationClassGroup = {
  code: InteractingClass;
  label: string;
  why: string;
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
    return medicines
      ? [{ code, label: INTERACTING_CLASSES[code], why: INTERACTING_CLASS_WHY[code], medicines }]
      : [];
  });
}
