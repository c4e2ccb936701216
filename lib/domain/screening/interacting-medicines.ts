/**
 * Interacting medicines the screening recognises in the client's free-text medicine list
 * (docs/clinical-rules.md §2, "Interacting medicines"). One row per class: what the class is, why it
 * matters with ketamine (in plain words for the prescriber), and each medicine's generic name,
 * brand names, combination products that contain it and the misspellings we have seen typed.
 *
 * This is data, not matching logic: ./medications.ts reads it. Recognition only raises a relative
 * flag for the prescriber, who still reads the full list, so a row errs towards listing a medicine.
 * Misspellings are listed rather than fuzzy-matched: an edit-distance match could hit an unrelated
 * medicine whose name differs by a letter or two.
 */
export type InteractingMedicine = {
  generic: string;
  brands?: readonly string[];
  /** Products that contain the medicine with something else ("Percocet", "Tylenol #3"). */
  combinations?: readonly string[];
  /** Other spellings: common misspellings, and international names (rifampicin). */
  misspellings?: readonly string[];
};

export type InteractingClassRow = {
  label: string;
  /** Why the class matters for ketamine, conservative and factual. */
  why: string;
  medicines: readonly InteractingMedicine[];
};

const m = (
  generic: string,
  brands: readonly string[] = [],
  combinations: readonly string[] = [],
  misspellings: readonly string[] = [],
): InteractingMedicine => ({ generic, brands, combinations, misspellings });

/** Codes are stored in flag codes (`medication-<code>`): never rename one. */
export const INTERACTING_MEDICINES = {
  opioid: {
    label: "Opioids",
    why: "Opioids add to ketamine's sedation and can slow breathing; buprenorphine and other opioids may also change the antidepressant response.",
    medicines: [
      m(
        "oxycodone",
        ["OxyContin", "Roxicodone", "Xtampza", "Oxaydo"],
        ["Percocet", "Endocet", "Roxicet"],
        ["oxycontine", "percoset", "oxycodon", "oxicodone"],
      ),
      m(
        "hydrocodone",
        ["Hysingla", "Zohydro"],
        ["Norco", "Vicodin", "Lortab", "Lorcet"],
        ["hydrocodon", "hydrocodeine"],
      ),
      m("morphine", ["MS Contin", "Kadian"], [], ["morphin"]),
      m("fentanyl", ["Duragesic", "Actiq", "Fentora"], [], ["fentanil", "fentanyle"]),
      m("tramadol", ["Ultram", "ConZip"], ["Ultracet"], ["tramadal", "tramadole"]),
      m("methadone", ["Dolophine", "Methadose"], [], ["methadon"]),
      m(
        "buprenorphine",
        ["Subutex", "Sublocade", "Butrans", "Belbuca", "Brixadi"],
        ["Suboxone", "Zubsolv", "Bunavail"],
        ["buprenorphin", "suboxon"],
      ),
      m(
        "codeine",
        [],
        [
          "Tylenol #3",
          "Tylenol #4",
          "Tylenol No. 3",
          "Tylenol No. 4",
          "Tylenol with codeine",
          "Fioricet with codeine",
          "Tuzistra",
        ],
        ["codine", "codiene"],
      ),
      m("hydromorphone", ["Dilaudid", "Exalgo"], [], ["hydromorphon"]),
      m("tapentadol", ["Nucynta"]),
      m("oxymorphone", ["Opana"]),
      m("meperidine", ["Demerol"], [], ["pethidine"]),
      m("levorphanol"),
      m("butorphanol"),
      m("kratom"),
    ],
  },
  maoi: {
    label: "MAOIs (monoamine oxidase inhibitors)",
    why: "MAOIs may raise blood pressure further when taken with ketamine or esketamine; blood pressure needs closer watching.",
    medicines: [
      m("phenelzine", ["Nardil"], [], ["phenelzene", "nardill"]),
      m("tranylcypromine", ["Parnate"], [], ["tranylcipromine"]),
      m("isocarboxazid", ["Marplan"]),
      m("selegiline", ["Emsam", "Eldepryl", "Zelapar"], [], ["selegeline"]),
      m("rasagiline", ["Azilect"]),
      m("safinamide", ["Xadago"]),
      // Not marketed in the US, but a client who moved from abroad may list it.
      m("moclobemide", ["Manerix", "Aurorix"]),
      // An antibiotic and a dye that also inhibit monoamine oxidase.
      m("linezolid", ["Zyvox"], [], ["linezolide"]),
      m("methylene blue", ["ProvayBlue"], [], ["methylthioninium"]),
    ],
  },
  benzodiazepine: {
    label: "Benzodiazepines",
    why: "Benzodiazepines may blunt the response to ketamine and add to its sedation; the prescriber may ask about the timing of doses around sessions.",
    medicines: [
      m("alprazolam", ["Xanax", "Niravam"], [], ["xanex", "zanax", "alprazolan", "alprazalam"]),
      m("lorazepam", ["Ativan"], [], ["lorazapam", "lorazepan"]),
      m("clonazepam", ["Klonopin"], [], ["klonopine", "clonopin", "clonazapam", "klonipin"]),
      m("diazepam", ["Valium", "Diastat", "Valtoco"], [], ["diazapam"]),
      m("temazepam", ["Restoril"], [], ["temazapam"]),
      m("chlordiazepoxide", ["Librium"], ["Librax"]),
      m("oxazepam"),
      m("clorazepate", ["Tranxene"]),
      m("triazolam", ["Halcion"]),
      m("estazolam"),
      m("flurazepam"),
      m("quazepam", ["Doral"]),
      m("midazolam", ["Nayzilam"]),
      m("clobazam", ["Onfi", "Sympazan"]),
    ],
  },
  hypnotic: {
    label: "Non-benzodiazepine sleeping medicines (Z-drugs)",
    why: "Z-drug sleeping medicines act like benzodiazepines: they add to ketamine's sedation and may blunt its effect.",
    medicines: [
      m("zolpidem", ["Ambien", "Edluar", "Intermezzo", "Zolpimist"], [], ["zolpidum", "ambian"]),
      m("zopiclone", ["Imovane", "Zimovane"]),
      m("eszopiclone", ["Lunesta"], [], ["eszopiclon"]),
      m("zaleplon", ["Sonata"]),
    ],
  },
  barbiturate: {
    label: "Barbiturates",
    why: "Barbiturates add to ketamine's sedation and to its effect on breathing, and may prolong recovery.",
    medicines: [
      m("phenobarbital", ["Luminal", "Sezaby"], ["Donnatal"], ["phenobarbitone", "phenobarb"]),
      m("butalbital", [], ["Fioricet", "Fiorinal", "Esgic"]),
      m("secobarbital", ["Seconal"]),
      m("pentobarbital", ["Nembutal"]),
      m("primidone", ["Mysoline"]),
    ],
  },
  stimulant: {
    label: "Stimulants and sympathomimetics",
    why: "Stimulants and sympathomimetics may raise blood pressure and heart rate further when taken with ketamine.",
    // Modafinil and armodafinil are wakefulness-promoting agents rather than classic stimulants;
    // they are listed because the esketamine label names them with amphetamines and methylphenidate.
    // Atomoxetine and bupropion are not stimulants and are deliberately absent.
    medicines: [
      m(
        "amphetamine",
        ["Evekeo", "Adzenys", "Dyanavel"],
        ["Adderall", "Mydayis"],
        ["adderal", "aderall", "adderol", "amphetamin"],
      ),
      m("lisdexamfetamine", ["Vyvanse"], [], ["vyvance", "vivanse", "lisdexamphetamine"]),
      m(
        "dextroamphetamine",
        ["Dexedrine", "Zenzedi", "ProCentra"],
        [],
        ["dexamphetamine", "dextroamphetamin"],
      ),
      m("methamphetamine", ["Desoxyn"]),
      m(
        "methylphenidate",
        [
          "Ritalin",
          "Concerta",
          "Metadate",
          "Methylin",
          "Daytrana",
          "Quillivant",
          "QuilliChew",
          "Aptensio",
          "Jornay",
          "Cotempla",
          "Relexxii",
        ],
        [],
        ["methylphenidat", "ritilin"],
      ),
      m("dexmethylphenidate", ["Focalin", "Azstarys"]),
      m("modafinil", ["Provigil"]),
      m("armodafinil", ["Nuvigil"]),
      m("phentermine", ["Adipex", "Lomaira"], ["Qsymia"], ["phentermin"]),
      m("pseudoephedrine", ["Sudafed"], ["Claritin-D", "Allegra-D", "Zyrtec-D"]),
      m("phenylephrine"),
      m("ephedrine"),
      m("solriamfetol", ["Sunosi"]),
    ],
  },
  gabapentinoid: {
    label: "Gabapentinoids",
    why: "Gabapentin and pregabalin add to ketamine's sedation and dizziness, and may blunt its effect.",
    medicines: [
      m("gabapentin", ["Neurontin", "Gralise", "Horizant"], [], ["gabapentine", "gabapenton", "neurontine"]),
      m("pregabalin", ["Lyrica"], [], ["pregabaline", "lyrika"]),
    ],
  },
  lamotrigine: {
    label: "Lamotrigine",
    why: "Lamotrigine may blunt ketamine's effect (it reduces the glutamate release ketamine relies on).",
    medicines: [
      m(
        "lamotrigine",
        ["Lamictal", "Subvenite"],
        [],
        ["lamotrigene", "lamictol", "lamotrigin", "lamotragine"],
      ),
    ],
  },
  naltrexone: {
    label: "Naltrexone",
    why: "Naltrexone blocks opioid receptors and may blunt ketamine's antidepressant effect.",
    medicines: [
      m(
        "naltrexone",
        ["Vivitrol", "Revia", "Depade"],
        ["Contrave"],
        ["naltrexon", "naltraxone", "naltrexzone"],
      ),
    ],
  },
  theophylline: {
    label: "Theophylline and aminophylline",
    why: "Theophylline and aminophylline with ketamine may lower the seizure threshold.",
    medicines: [
      m(
        "theophylline",
        ["Theo-24", "Elixophyllin", "Theochron", "Uniphyl"],
        [],
        ["theophyline", "theophylin"],
      ),
      m("aminophylline", [], [], ["aminophyline"]),
    ],
  },
  thyroid: {
    label: "Thyroid hormone",
    why: "Thyroid hormone with ketamine may raise blood pressure and heart rate.",
    medicines: [
      m(
        "levothyroxine",
        ["Synthroid", "Levoxyl", "Unithroid", "Euthyrox", "Tirosint", "Levo-T"],
        [],
        ["levothyroxin", "levothyroxene", "levothyroxyne", "synthyroid", "levothroid"],
      ),
      m("liothyronine", ["Cytomel", "Triostat"], [], ["liothyronin"]),
      m("liotrix", ["Thyrolar"]),
      m(
        "desiccated thyroid",
        ["Armour Thyroid", "NP Thyroid", "Nature-Throid", "Westhroid", "WP Thyroid"],
        [],
        ["armor thyroid"],
      ),
    ],
  },
  "cyp-inhibitor": {
    label: "Strong CYP3A4 or CYP2B6 inhibitors",
    why: "These slow the liver's breakdown of ketamine and can raise ketamine levels: more sedation and dissociation at the same dose.",
    medicines: [
      m("ticlopidine", ["Ticlid"]),
      m("clopidogrel", ["Plavix"]),
      m("clarithromycin", ["Biaxin"], [], ["clarythromycin"]),
      m("ketoconazole", ["Nizoral"], [], ["ketaconazole"]),
      m("itraconazole", ["Sporanox", "Tolsura"]),
      m("posaconazole", ["Noxafil"]),
      m("voriconazole", ["Vfend"]),
      m("ritonavir", ["Norvir"], ["Paxlovid", "Kaletra"]),
      m("cobicistat", ["Tybost"], ["Genvoya", "Stribild", "Prezcobix", "Evotaz", "Symtuza"]),
      m("nefazodone"),
    ],
  },
  "cyp-inducer": {
    label: "Strong CYP3A4 or CYP2B6 inducers",
    why: "These speed up the liver's breakdown of ketamine and can lower ketamine levels, so the usual dose may do less.",
    medicines: [
      m("rifampin", ["Rifadin", "Rimactane"], ["Rifamate", "Rifater"], ["rifampicin", "rifampine"]),
      m("rifabutin", ["Mycobutin"]),
      m(
        "carbamazepine",
        ["Tegretol", "Carbatrol", "Equetro", "Epitol"],
        [],
        ["carbamazapine", "carbamazepin", "tegretal"],
      ),
      m("phenytoin", ["Dilantin", "Phenytek"], [], ["phenytoine", "dilantine"]),
      m("phenobarbital", [], [], ["phenobarbitone"]),
      m("St John's wort", [], [], ["St Johns wort", "Saint John's wort", "St John wort", "Hypericum"]),
      m("efavirenz", ["Sustiva"], ["Atripla", "Symfi"]),
      m("enzalutamide", ["Xtandi"]),
      m("apalutamide", ["Erleada"]),
      m("mitotane", ["Lysodren"]),
    ],
  },
} as const satisfies Record<string, InteractingClassRow>;

export type InteractingClass = keyof typeof INTERACTING_MEDICINES;
export const INTERACTING_CLASS_CODES = Object.keys(INTERACTING_MEDICINES) as InteractingClass[];

/** Every name of one medicine: generic, brands, combinations and misspellings. */
export const namesOf = (medicine: InteractingMedicine): string[] => [
  medicine.generic,
  ...(medicine.brands ?? []),
  ...(medicine.combinations ?? []),
  ...(medicine.misspellings ?? []),
];
