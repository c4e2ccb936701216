import { describe, expect, it } from "vitest";
import {
  INTERACTING_CLASS_CODES,
  INTERACTING_MEDICINES,
  namesOf,
} from "@/lib/domain/screening/interacting-medicines";
import {
  classifyMedication,
  classifyMedicationAll,
  type InteractingClass,
} from "@/lib/domain/screening/medications";

/** What clients actually type, and the class (and generic) the matcher must recognise. */
const REAL_WORLD: [string, InteractingClass, string][] = [
  ["xanax 0.5mg prn", "benzodiazepine", "alprazolam"],
  ["Klonopin", "benzodiazepine", "clonazepam"],
  ["clonazepam", "benzodiazepine", "clonazepam"],
  ["klonipin 1mg", "benzodiazepine", "clonazepam"],
  ["Ativan as needed", "benzodiazepine", "lorazepam"],
  ["lorazapam", "benzodiazepine", "lorazepam"],
  ["valium", "benzodiazepine", "diazepam"],
  ["Restoril 15", "benzodiazepine", "temazepam"],
  ["zanax", "benzodiazepine", "alprazolam"],
  ["Ambien CR", "hypnotic", "zolpidem"],
  ["zolpidem 10mg at bedtime", "hypnotic", "zolpidem"],
  ["Lunesta 2 mg", "hypnotic", "eszopiclone"],
  ["zopiclone", "hypnotic", "zopiclone"],
  ["Sonata", "hypnotic", "zaleplon"],
  ["Fioricet", "barbiturate", "butalbital"],
  ["phenobarbital 30mg", "barbiturate", "phenobarbital"],
  ["tylenol #3", "opioid", "codeine"],
  ["Tylenol 3", "opioid", "codeine"],
  ["Tylenol no. 4", "opioid", "codeine"],
  ["codeine cough syrup", "opioid", "codeine"],
  ["Suboxone", "opioid", "buprenorphine"],
  ["buprenorphine/naloxone 8/2", "opioid", "buprenorphine"],
  ["Percocet 5/325", "opioid", "oxycodone"],
  ["percoset", "opioid", "oxycodone"],
  ["Norco", "opioid", "hydrocodone"],
  ["tramadol 50", "opioid", "tramadol"],
  ["methadone maintenance", "opioid", "methadone"],
  ["fentanyl patch", "opioid", "fentanyl"],
  ["adderall xr", "stimulant", "amphetamine"],
  ["aderall", "stimulant", "amphetamine"],
  ["vyvanse", "stimulant", "lisdexamfetamine"],
  ["Vyvance 30mg", "stimulant", "lisdexamfetamine"],
  ["Ritalin LA", "stimulant", "methylphenidate"],
  ["concerta 36 mg", "stimulant", "methylphenidate"],
  ["Focalin XR", "stimulant", "dexmethylphenidate"],
  ["phentermine", "stimulant", "phentermine"],
  ["Sudafed", "stimulant", "pseudoephedrine"],
  ["nardil", "maoi", "phenelzine"],
  ["Parnate 10mg", "maoi", "tranylcypromine"],
  ["Emsam patch", "maoi", "selegiline"],
  ["Zyvox", "maoi", "linezolid"],
  ["linezolid IV", "maoi", "linezolid"],
  ["methylene blue", "maoi", "methylene blue"],
  ["lamictal", "lamotrigine", "lamotrigine"],
  ["Lamotrigine 200 mg", "lamotrigine", "lamotrigine"],
  ["lamotrigene", "lamotrigine", "lamotrigine"],
  ["neurontin", "gabapentinoid", "gabapentin"],
  ["Gabapentin 300mg TID", "gabapentinoid", "gabapentin"],
  ["lyrica", "gabapentinoid", "pregabalin"],
  ["pregabaline", "gabapentinoid", "pregabalin"],
  ["vivitrol", "naltrexone", "naltrexone"],
  ["Naltrexone 50 mg", "naltrexone", "naltrexone"],
  ["Contrave", "naltrexone", "naltrexone"],
  ["theophylline ER", "theophylline", "theophylline"],
  ["aminophylline", "theophylline", "aminophylline"],
  ["synthroid", "thyroid", "levothyroxine"],
  ["levothyroxin", "thyroid", "levothyroxine"],
  ["Levothyroxine 75mcg", "thyroid", "levothyroxine"],
  ["Cytomel", "thyroid", "liothyronine"],
  ["liothyronine", "thyroid", "liothyronine"],
  ["Armour Thyroid 60 mg", "thyroid", "desiccated thyroid"],
  ["NP thyroid", "thyroid", "desiccated thyroid"],
  ["ticlopidine", "cyp-inhibitor", "ticlopidine"],
  ["clarithromycin 500", "cyp-inhibitor", "clarithromycin"],
  ["Biaxin", "cyp-inhibitor", "clarithromycin"],
  ["ketoconazole cream", "cyp-inhibitor", "ketoconazole"],
  ["itraconazole", "cyp-inhibitor", "itraconazole"],
  ["Paxlovid", "cyp-inhibitor", "ritonavir"],
  ["rifampicin", "cyp-inducer", "rifampin"],
  ["Rifampin 600mg", "cyp-inducer", "rifampin"],
  ["carbamazepine", "cyp-inducer", "carbamazepine"],
  ["Tegretol XR", "cyp-inducer", "carbamazepine"],
  ["St John's wort", "cyp-inducer", "St John's wort"],
  ["st. johns wort supplement", "cyp-inducer", "St John's wort"],
  ["Saint John's Wort", "cyp-inducer", "St John's wort"],
  ["Dilantin", "cyp-inducer", "phenytoin"],
];

describe("the interacting medicine matcher recognises real-world spellings", () => {
  it("covers at least 60 spellings", () => {
    expect(REAL_WORLD.length).toBeGreaterThanOrEqual(60);
  });

  it.each(REAL_WORLD)("%j is %s (%s)", (typed, code, generic) => {
    const match = classifyMedicationAll(typed).find((m) => m.code === code);
    expect(match).toMatchObject({ code, generic, why: INTERACTING_MEDICINES[code].why });
  });
});

describe("the interacting medicine matcher leaves harmless names alone", () => {
  it.each([
    "tylenol",
    "Tylenol extra strength",
    "ibuprofen",
    "lamb",
    "sertraline",
    "Zoloft 50mg",
    "escitalopram",
    "bupropion XL",
    "atomoxetine",
    "lisinopril",
    "metoprolol",
    "lithium",
    "vitamin D",
    "fish oil",
    "naloxone",
    "Narcan",
    "apomorphine",
    "noncodeine cough syrup",
    "thyroid",
    "blue",
    "st",
    "",
  ])("%j matches no class", (typed) => {
    expect(classifyMedication(typed)).toBeNull();
  });
});

describe("a medicine in two classes", () => {
  it("reports both: phenobarbital is a barbiturate and an inducer", () => {
    expect(classifyMedicationAll("phenobarbital").map((m) => m.code)).toEqual(["barbiturate", "cyp-inducer"]);
  });

  it("reports both for a list entry naming two medicines", () => {
    expect(classifyMedicationAll("Tylenol #3 and Xanax").map((m) => m.code)).toEqual([
      "opioid",
      "benzodiazepine",
    ]);
  });
});

describe("the interacting medicine data", () => {
  it.each(INTERACTING_CLASS_CODES)("%s has a label, a reason and medicines", (code) => {
    const row = INTERACTING_MEDICINES[code];
    expect(row.label.length).toBeGreaterThan(3);
    expect(row.why.length).toBeGreaterThan(30);
    expect(row.medicines.length).toBeGreaterThan(0);
  });

  it("recognises every name it lists as its own class", () => {
    for (const code of INTERACTING_CLASS_CODES) {
      for (const medicine of INTERACTING_MEDICINES[code].medicines) {
        for (const name of namesOf(medicine)) {
          expect(
            classifyMedicationAll(name).map((m) => m.code),
            name,
          ).toContain(code);
        }
      }
    }
  });
});
