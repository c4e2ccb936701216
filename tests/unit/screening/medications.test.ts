import { describe, expect, it } from "vitest";
import {
  classifyMedication,
  classifyMedications,
  INTERACTING_CLASS_WHY,
  INTERACTING_CLASSES,
  type InteractingClass,
} from "@/lib/domain/screening/medications";

describe("INTERACTING_CLASSES", () => {
  it("holds the classes of docs/clinical-rules.md §2, in display order", () => {
    expect(Object.keys(INTERACTING_CLASSES)).toEqual([
      "opioid",
      "maoi",
      "benzodiazepine",
      "hypnotic",
      "barbiturate",
      "stimulant",
      "gabapentinoid",
      "lamotrigine",
      "naltrexone",
      "theophylline",
      "thyroid",
      "cyp-inhibitor",
      "cyp-inducer",
    ]);
  });
});

const BY_CLASS: [InteractingClass, string[]][] = [
  [
    "opioid",
    [
      "oxycodone",
      "OxyContin",
      "Percocet",
      "hydrocodone",
      "Norco",
      "morphine",
      "MS Contin",
      "fentanyl",
      "tramadol",
      "methadone",
      "buprenorphine",
      "Suboxone",
      "codeine",
      "Tylenol with codeine",
      "hydromorphone",
      "Dilaudid",
      "tapentadol",
    ],
  ],
  [
    "maoi",
    [
      "phenelzine",
      "Nardil",
      "tranylcypromine",
      "Parnate",
      "isocarboxazid",
      "Marplan",
      "selegiline",
      "Emsam",
      "rasagiline",
    ],
  ],
  [
    "benzodiazepine",
    [
      "alprazolam",
      "Xanax",
      "lorazepam",
      "Ativan",
      "clonazepam",
      "Klonopin",
      "diazepam",
      "Valium",
      "temazepam",
      "chlordiazepoxide",
      "oxazepam",
    ],
  ],
  [
    "stimulant",
    [
      "amphetamine",
      "Adderall",
      "lisdexamfetamine",
      "Vyvanse",
      "methylphenidate",
      "Ritalin",
      "Concerta",
      "dexmethylphenidate",
      "Focalin",
      "dextroamphetamine",
      "modafinil",
      "armodafinil",
    ],
  ],
  ["gabapentinoid", ["gabapentin", "Neurontin", "pregabalin", "Lyrica"]],
  ["lamotrigine", ["lamotrigine", "Lamictal"]],
];

describe("classifyMedication: generic and brand names", () => {
  it.each(BY_CLASS.flatMap(([code, names]) => names.map((name): [string, InteractingClass] => [name, code])))(
    "%s is in %s",
    (name, code) => {
      expect(classifyMedication(name)).toMatchObject({ code, label: INTERACTING_CLASSES[code] });
    },
  );

  it("reports the listed name that matched", () => {
    expect(classifyMedication("xanax 0.5mg at night")?.matched).toBe("Xanax");
    expect(classifyMedication("MS Contin 15 mg")?.matched).toBe("MS Contin");
  });
});

describe("classifyMedication: free text", () => {
  it.each([
    ["Xanax 0.5mg", "benzodiazepine"],
    ["Xanax0.5mg", "benzodiazepine"],
    ["Adderall XR 20 mg once daily", "stimulant"],
    ["oxycodone-acetaminophen 5/325", "opioid"],
    ["Lamictal ODT 25mg", "lamotrigine"],
    ["gabapentin 300 mg TID", "gabapentinoid"],
    ["  Suboxone (8mg/2mg) film  ", "opioid"],
  ])("tolerates dose text: %s", (name, code) => {
    expect(classifyMedication(name)?.code).toBe(code);
  });

  it.each(["LORAZEPAM", "lorazepam", "LoRaZePaM", "kLoNoPiN"])("is case-insensitive: %s", (name) => {
    expect(classifyMedication(name)?.code).toBe("benzodiazepine");
  });

  it.each([
    ["Xanex", "benzodiazepine"],
    ["adderal", "stimulant"],
    ["clonazapam", "benzodiazepine"],
  ])("knows a few common misspellings: %s", (name, code) => {
    expect(classifyMedication(name)?.code).toBe(code);
  });
});

describe("classifyMedication: no false positives", () => {
  it.each([
    "sertraline",
    "Zoloft 50mg",
    "vitamin D",
    "escitalopram",
    "Lexapro",
    "bupropion",
    "Wellbutrin XL",
    "atomoxetine",
    "lisinopril",
    "metoprolol",
    "lithium",
    "ibuprofen",
    // Word-boundary checks: "morphine" and "codeine" inside longer words are not matches.
    "apomorphine",
    "noncodeine cough syrup",
    "",
  ])("%j is not an interacting medicine", (name) => {
    expect(classifyMedication(name)).toBeNull();
  });
});

describe("classifyMedications", () => {
  it("returns each class found once, in class order, with the names that raised it", () => {
    const list = ["Adderall XR 20mg", "sertraline", "Xanax 0.5mg", "oxycodone", "Klonopin", "vitamin D"];
    expect(classifyMedications(list)).toEqual([
      {
        code: "opioid",
        label: INTERACTING_CLASSES.opioid,
        why: INTERACTING_CLASS_WHY.opioid,
        medicines: ["oxycodone"],
      },
      {
        code: "benzodiazepine",
        label: INTERACTING_CLASSES.benzodiazepine,
        why: INTERACTING_CLASS_WHY.benzodiazepine,
        medicines: ["Xanax 0.5mg", "Klonopin"],
      },
      {
        code: "stimulant",
        label: INTERACTING_CLASSES.stimulant,
        why: INTERACTING_CLASS_WHY.stimulant,
        medicines: ["Adderall XR 20mg"],
      },
    ]);
  });

  it("lists a medicine once even when entered twice", () => {
    expect(classifyMedications(["Lyrica", "Lyrica", " Lyrica "])).toEqual([
      {
        code: "gabapentinoid",
        label: INTERACTING_CLASSES.gabapentinoid,
        why: INTERACTING_CLASS_WHY.gabapentinoid,
        medicines: ["Lyrica"],
      },
    ]);
  });

  it("returns nothing for an empty or harmless list", () => {
    expect(classifyMedications([])).toEqual([]);
    expect(classifyMedications(["escitalopram", "bupropion"])).toEqual([]);
  });
});
