/**
 * Qualifying ICD-10-CM diagnoses for KAP (docs/clinical-rules.md §2: e.g. F32.x, F33.x, F41.1, F43.10),
 * for the screening's diagnosis picker and the superbill. Descriptions are the official
 * ICD-10-CM titles (the tabular / "long" descriptions, word for word, including their quirks
 * such as F33.2 having no comma after "recurrent" and F33.3 saying "symptoms"), not CMS's
 * abbreviated 60-character forms, which are unreadable in a picker. Only billable codes are
 * listed; a clinic needing another code should add it here after checking the current code set.
 */
export type Icd10Diagnosis = {
  code: string;
  description: string;
  /** Everyday names and abbreviations that search should also find (not part of the code set). */
  keywords: readonly string[];
};

const dx = (code: string, description: string, keywords: readonly string[] = []): Icd10Diagnosis => ({
  code,
  description,
  keywords,
});

const MDD = ["MDD", "depression"];
const BIPOLAR_DEPRESSION = ["bipolar depression"];
const PTSD = ["PTSD", "trauma"];
const OCD = ["OCD"];

export const ICD10_DIAGNOSES: readonly Icd10Diagnosis[] = [
  dx("F32.0", "Major depressive disorder, single episode, mild", MDD),
  dx("F32.1", "Major depressive disorder, single episode, moderate", MDD),
  dx("F32.2", "Major depressive disorder, single episode, severe without psychotic features", MDD),
  dx("F32.4", "Major depressive disorder, single episode, in partial remission", MDD),
  dx("F32.5", "Major depressive disorder, single episode, in full remission", MDD),
  dx("F32.81", "Premenstrual dysphoric disorder", ["PMDD"]),
  dx("F32.89", "Other specified depressive episodes", ["depression"]),
  dx("F32.9", "Major depressive disorder, single episode, unspecified", MDD),
  dx("F32.A", "Depression, unspecified"),
  dx("F33.0", "Major depressive disorder, recurrent, mild", MDD),
  dx("F33.1", "Major depressive disorder, recurrent, moderate", MDD),
  dx("F33.2", "Major depressive disorder, recurrent severe without psychotic features", MDD),
  dx("F33.40", "Major depressive disorder, recurrent, in remission, unspecified", MDD),
  dx("F33.41", "Major depressive disorder, recurrent, in partial remission", MDD),
  dx("F33.42", "Major depressive disorder, recurrent, in full remission", MDD),
  dx("F33.8", "Other recurrent depressive disorders", ["depression"]),
  dx("F33.9", "Major depressive disorder, recurrent, unspecified", MDD),
  dx("F34.1", "Dysthymic disorder", ["persistent depressive disorder", "dysthymia", "depression"]),
  dx("F41.0", "Panic disorder [episodic paroxysmal anxiety]", ["panic attacks"]),
  dx("F41.1", "Generalized anxiety disorder", ["GAD"]),
  dx("F41.9", "Anxiety disorder, unspecified"),
  dx("F42.2", "Mixed obsessional thoughts and acts", OCD),
  dx("F42.9", "Obsessive-compulsive disorder, unspecified", OCD),
  dx("F43.10", "Post-traumatic stress disorder, unspecified", PTSD),
  dx("F43.11", "Post-traumatic stress disorder, acute", PTSD),
  dx("F43.12", "Post-traumatic stress disorder, chronic", PTSD),
  // Bipolar depression: listed because bipolar disorder is a relative, not absolute,
  // contraindication (docs/clinical-rules.md §2); the prescriber decides.
  dx(
    "F31.30",
    "Bipolar disorder, current episode depressed, mild or moderate severity, unspecified",
    BIPOLAR_DEPRESSION,
  ),
  dx("F31.31", "Bipolar disorder, current episode depressed, mild", BIPOLAR_DEPRESSION),
  dx("F31.32", "Bipolar disorder, current episode depressed, moderate", BIPOLAR_DEPRESSION),
  dx(
    "F31.4",
    "Bipolar disorder, current episode depressed, severe, without psychotic features",
    BIPOLAR_DEPRESSION,
  ),
  dx("F31.81", "Bipolar II disorder", ["bipolar 2"]),
];

/**
 * Diagnoses with psychotic features: never qualifying (a primary psychotic disorder or psychotic
 * features are usually excluding, docs/clinical-rules.md §2), so the picker does not offer them. They
 * are known here so that a stored or submitted code (old data, a direct request) is recognised,
 * shown with its title, and raises the psychotic-features flag. Titles are the ICD-10-CM tabular ones.
 */
export const PSYCHOTIC_FEATURES_DIAGNOSES: readonly Icd10Diagnosis[] = [
  dx("F32.3", "Major depressive disorder, single episode, severe with psychotic features", MDD),
  dx("F33.3", "Major depressive disorder, recurrent, severe with psychotic symptoms", MDD),
  dx("F31.2", "Bipolar disorder, current episode manic severe with psychotic features"),
  dx(
    "F31.5",
    "Bipolar disorder, current episode depressed, severe, with psychotic features",
    BIPOLAR_DEPRESSION,
  ),
  dx("F31.64", "Bipolar disorder, current episode mixed, severe, with psychotic features"),
  dx("F30.2", "Manic episode, severe with psychotic symptoms"),
  dx("F06.0", "Psychotic disorder with hallucinations due to known physiological condition"),
  dx("F06.2", "Psychotic disorder with delusions due to known physiological condition"),
  dx("F20.9", "Schizophrenia, unspecified"),
  dx("F22", "Delusional disorders"),
  dx("F23", "Brief psychotic disorder"),
  dx("F25.9", "Schizoaffective disorder, unspecified"),
  dx("F28", "Other psychotic disorder not due to a substance or known physiological condition"),
  dx("F29", "Unspecified psychosis not due to a substance or known physiological condition"),
  dx("F53.1", "Puerperal psychosis"),
];

/** Upper case without the dot, so "f33.1", "F331" and "F33.1" compare equal. */
const compactCode = (code: string): string => code.replace(/\./g, "").trim().toUpperCase();
const words = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

type Indexed = { dx: Icd10Diagnosis; compact: string; words: string[] };
const index = (list: readonly Icd10Diagnosis[]): Indexed[] =>
  list.map((d) => ({
    dx: d,
    compact: compactCode(d.code),
    words: words([d.description, ...d.keywords].join(" ")),
  }));
/** The qualifying diagnoses: what search (and so the picker) offers. */
const INDEX: readonly Indexed[] = index(ICD10_DIAGNOSES);
const PSYCHOTIC_INDEX: readonly Indexed[] = index(PSYCHOTIC_FEATURES_DIAGNOSES);

/**
 * Codes with psychotic features, by compact prefix: all of F20–F29 (schizophrenia spectrum and
 * other psychotic disorders), F06.0 and F06.2 (psychotic disorder due to a physiological condition),
 * F53.1 (puerperal psychosis), and the mood codes whose title says "with psychotic features/symptoms".
 * Substance-induced psychotic disorders (F1x.x5x) are psychotic too.
 */
const PSYCHOTIC_PREFIXES = [
  "F20",
  "F21",
  "F22",
  "F23",
  "F24",
  "F25",
  "F26",
  "F27",
  "F28",
  "F29",
  "F060",
  "F062",
  "F531",
  "F323",
  "F333",
  "F312",
  "F315",
  "F3164",
  "F302",
];
const SUBSTANCE_PSYCHOSIS = /^F1[0-9][0-9]5/;

/** True when the code (any case, dot optional) is a diagnosis with psychotic features. */
export function hasPsychoticFeatures(code: string): boolean {
  const compact = compactCode(code);
  return PSYCHOTIC_PREFIXES.some((p) => compact.startsWith(p)) || SUBSTANCE_PSYCHOSIS.test(compact);
}

/**
 * Diagnoses matching a query, code matches first. A query matches a code when it is a prefix of
 * it (with or without the dot: "F33", "f33.4", "F334"), and a description when every query word
 * starts a word of the description or keywords ("recur sev", "ptsd chronic"). An empty query
 * lists the first `limit` diagnoses, in list order, so a picker can show them before typing.
 */
export function searchIcd10(query: string, limit = 20): Icd10Diagnosis[] {
  const trimmed = query.trim();
  if (limit <= 0) return [];
  if (trimmed === "") return ICD10_DIAGNOSES.slice(0, limit);

  const compact = compactCode(trimmed);
  const byCode = /^[A-Z]\d/.test(compact) ? INDEX.filter((e) => e.compact.startsWith(compact)) : [];
  const queryWords = words(trimmed);
  const byWords =
    queryWords.length === 0
      ? []
      : INDEX.filter((e) => queryWords.every((q) => e.words.some((w) => w.startsWith(q))));

  const seen = new Set<string>();
  const results: Icd10Diagnosis[] = [];
  for (const entry of [...byCode, ...byWords]) {
    if (seen.has(entry.dx.code)) continue;
    seen.add(entry.dx.code);
    results.push(entry.dx);
    if (results.length === limit) break;
  }
  return results;
}

/**
 * The listed diagnosis with this code (any case, dot optional), or null when it is not listed.
 * Finds the psychotic-features codes too (so old data and direct requests are recognised and
 * flagged); use `hasPsychoticFeatures` to tell them apart.
 */
export function findIcd10(code: string): Icd10Diagnosis | null {
  const compact = compactCode(code);
  return [...INDEX, ...PSYCHOTIC_INDEX].find((e) => e.compact === compact)?.dx ?? null;
}
