import {
  DEFAULT_KAP_CONSENT,
  DEFAULT_RELEASE,
  RELEASE_CATEGORIES,
} from "@/lib/domain/consents/consent-documents";
import { type Intake, intakeSchema } from "@/lib/domain/intake/intake-answers";
import { EXPERIENCE_ITEMS, MEDICAL_ITEMS, PSYCHIATRIC_ITEMS } from "@/lib/domain/intake/intake-questions";
import type { ScaleId } from "@/lib/domain/measures/measure-types";
import { scoreMeasure } from "@/lib/domain/measures/scales";
import type { EligibilityFlag } from "@/lib/domain/screening/eligibility";
import { screeningFlags } from "@/lib/domain/screening/screening-input";
import type { Tx } from "@/lib/server/core/db";
import demo from "../demo-accounts.json" with { type: "json" };
import { daysAgo } from "./time";

const no = () => ({ answer: "no" as const });
const yes = (details?: string) => ({ answer: "yes" as const, details });
const allNo = <K extends string>(items: Record<K, string>) =>
  Object.fromEntries(Object.keys(items).map((k) => [k, no()])) as Record<K, { answer: "no" }>;

type Overrides = {
  first: string;
  state: string;
  medical?: Partial<Intake["medical"]>;
  psychiatric?: Partial<Intake["psychiatric"]>;
  experience?: Partial<Intake["experience"]>;
  medications?: { name: string; dose?: string; frequency?: string }[];
  intention: string;
  relationalGoals?: string;
  outsideTherapist?: Intake["outsideTherapist"];
};

/** A complete intake for a demo client; parsed with the real schema so it stays honest. */
function demoIntake(o: Overrides): Intake {
  return intakeSchema.parse({
    contact: {
      phone: "(555) 010-2200",
      addressLine: "100 Demo Street, Springfield",
      emergencyContactName: "Sam Demo",
      emergencyContactPhone: "(555) 010-2299",
      emergencyContactRelation: "Friend",
    },
    residence: { state: o.state },
    medical: { ...allNo(MEDICAL_ITEMS), heightFeet: 5, heightInches: 7, weightPounds: 155, ...o.medical },
    medications: { takesMedications: o.medications?.length ? "yes" : "no", medications: o.medications ?? [] },
    psychiatric: { ...allNo(PSYCHIATRIC_ITEMS), ...o.psychiatric },
    substances: { alcohol: "monthly-or-less", cannabis: "never", uncontrolledUse: no() },
    pregnancy: {
      pregnant: "not-applicable",
      breastfeeding: "not-applicable",
      planningPregnancy: "not-applicable",
    },
    experience: { ...allNo(EXPERIENCE_ITEMS), ...o.experience },
    intention: { intention: o.intention, relationalGoals: o.relationalGoals },
    outsideTherapist: o.outsideTherapist ?? { hasOutsideTherapist: "no" },
  });
}

const phq9 = (a: number[]) => Object.fromEntries(a.map((v, i) => [`q${i + 1}`, v]));
const MEASURES = {
  moderate: {
    PHQ9: phq9([2, 2, 1, 2, 1, 2, 1, 1, 0]),
    GAD7: phq9([1, 2, 1, 1, 1, 0, 1]),
    PCL5: phq9([1, 1, 2, 1, 1, 0, 1, 1, 1, 2, 1, 1, 1, 1, 1, 2, 1, 1, 0, 1]),
    CSSRS: { q1: false, q2: false, q3: false, q4: false, q5: false, q6: false },
  },
  severe: {
    PHQ9: phq9([3, 3, 2, 3, 2, 2, 2, 1, 0]),
    GAD7: phq9([2, 3, 2, 2, 2, 1, 2]),
    PCL5: phq9([2, 2, 3, 2, 2, 2, 2, 1, 2, 3, 2, 2, 2, 2, 2, 3, 2, 2, 1, 2]),
    CSSRS: { q1: true, q2: false, q3: false, q4: false, q5: false, q6: false },
  },
} as const;

/** Intakes for the demo clients, by stage: submitted ones carry measures, consents and flags. */
const SUBMITTED: Record<string, Overrides & { measures: keyof typeof MEASURES }> = {
  riley: {
    first: "Riley",
    state: "CA",
    medications: [
      { name: "Klonopin", dose: "0.5 mg", frequency: "as needed" },
      { name: "Sertraline", dose: "100 mg", frequency: "daily" },
    ],
    experience: { priorKetamine: yes("Two IV ketamine infusions in 2023") },
    intention: "I want to break out of a depression that has come back every winter for ten years.",
    measures: "moderate",
  },
  taylor: {
    first: "Taylor",
    state: "WA",
    medical: {
      highBloodPressure: yes("Diagnosed 2019"),
      uncontrolledHypertension: yes("Ran out of my BP medicine in October"),
    },
    intention: "Grief after my brother's death has flattened everything; I want to feel something again.",
    measures: "severe",
  },
  morgan: {
    first: "Morgan",
    state: "CA",
    intention: "Treatment-resistant depression; I want my energy and curiosity back.",
    measures: "moderate",
  },
  jamie: {
    first: "Jamie",
    state: "OR",
    intention: "Anxiety runs my days. I want to understand where it comes from.",
    outsideTherapist: {
      hasOutsideTherapist: "yes",
      name: "Dana Whitfield",
      credentials: "LPC",
      organization: "Riverbend Counseling",
    },
    measures: "moderate",
  },
  quinn: {
    first: "Quinn",
    state: "CA",
    intention: "Loosen the grip of long-standing depression and reconnect with creative work.",
    measures: "severe",
  },
  noah: {
    first: "Noah",
    state: "CA",
    intention: "Stop shutting down when Emma and I argue.",
    relationalGoals: "When Emma pursues I withdraw; I want to stay present.",
    measures: "moderate",
  },
  emma: {
    first: "Emma",
    state: "CA",
    intention: "Feel safe enough to say what I need without chasing Noah.",
    relationalGoals: "Our pursue-withdraw cycle after a hard year.",
    measures: "moderate",
  },
  avery: {
    first: "Avery",
    state: "CA",
    intention: "Process grief and treatment-resistant depression.",
    measures: "severe",
  },
  drew: {
    first: "Drew",
    state: "CA",
    psychiatric: { psychoticDisorder: yes("Diagnosed with schizoaffective disorder in 2017") },
    intention: "Help with depression that medicines have not touched.",
    measures: "moderate",
  },
};

type ClientRef = {
  id: string;
  dateOfBirth: Date;
  userId: string | null;
  legalFirstName: string;
  legalLastName: string;
};

/** Consent documents, intakes, measures and signatures; returns the screening input per client. */
export async function loadDemoIntakes(tx: Tx, practiceId: string, clients: Record<string, ClientRef>) {
  const kap = await tx.consentDocument.create({
    data: {
      practiceId,
      kind: "KAP_INFORMED_CONSENT",
      version: 1,
      title: DEFAULT_KAP_CONSENT.title,
      body: DEFAULT_KAP_CONSENT.body,
      publishedAt: daysAgo(200),
    },
  });
  const release = await tx.consentDocument.create({
    data: {
      practiceId,
      kind: "RELEASE_OF_INFORMATION",
      version: 1,
      title: DEFAULT_RELEASE.title,
      body: DEFAULT_RELEASE.body,
      publishedAt: daysAgo(200),
    },
  });

  // In progress: Alex has three sections done; Casey more, with a PHQ-9 that raised a safety flag.
  const alex = demoIntake({ first: "Alex", state: "CA", intention: "placeholder intention text" });
  await tx.formResponse.create({
    data: {
      clientId: ref(clients, "alex").id,
      kind: "INTAKE",
      data: {
        contact: { ...alex.contact, preferredName: "Alex", pronouns: "they/them" },
        residence: alex.residence,
        medical: alex.medical,
      },
      currentStep: "medical",
      version: 4,
    },
  });
  const casey = demoIntake({
    first: "Casey",
    state: "CA",
    intention: "Find a way through postpartum depression that lingered.",
  });
  await tx.formResponse.create({
    data: {
      clientId: ref(clients, "casey").id,
      kind: "INTAKE",
      data: {
        contact: casey.contact,
        residence: casey.residence,
        medical: casey.medical,
        medications: casey.medications,
        psychiatric: casey.psychiatric,
      },
      currentStep: "psychiatric",
      version: 7,
    },
  });
  const caseyPhq9 = await createMeasure(
    tx,
    ref(clients, "casey").id,
    "PHQ9",
    phq9([2, 2, 2, 1, 1, 2, 1, 1, 1]),
    daysAgo(1),
  );
  await tx.safetyFlag.create({
    data: {
      clientId: ref(clients, "casey").id,
      kind: "SUICIDE_RISK",
      reason: "PHQ-9 item 9 (thoughts of self-harm) answered above 0",
      measureResponseId: caseyPhq9.id,
      raisedAt: daysAgo(1),
    },
  });

  const out: Record<string, { intakeId: string; flags: EligibilityFlag[] }> = {};
  for (const [key, o] of Object.entries(SUBMITTED)) {
    const client = ref(clients, key);
    const intake = demoIntake(o);
    const submittedAt = daysAgo(key === "avery" ? 140 : key === "quinn" ? 40 : 8);
    const response = await tx.formResponse.create({
      data: {
        clientId: client.id,
        kind: "INTAKE",
        status: "SUBMITTED",
        data: intake,
        submittedAt,
        version: 12,
        createdAt: submittedAt,
      },
    });
    const measures = [];
    for (const scale of ["PHQ9", "GAD7", "PCL5", "CSSRS"] as const) {
      measures.push(await createMeasure(tx, client.id, scale, MEASURES[o.measures][scale], submittedAt));
    }
    await tx.consentSignature.create({
      data: {
        clientId: client.id,
        documentId: kap.id,
        typedName: `${client.legalFirstName} ${client.legalLastName}`,
        signedAt: submittedAt,
        ip: "203.0.113.10",
        signedByUserId: client.userId ?? "",
      },
    });
    const outside = intake.outsideTherapist;
    if (outside.hasOutsideTherapist === "yes" && outside.name) {
      const signature = await tx.consentSignature.create({
        data: {
          clientId: client.id,
          documentId: release.id,
          typedName: `${client.legalFirstName} ${client.legalLastName}`,
          signedAt: submittedAt,
          ip: "203.0.113.10",
          signedByUserId: client.userId ?? "",
        },
      });
      const provider = await tx.externalProvider.create({
        data: {
          practiceId,
          clientId: client.id,
          name: outside.name,
          credentials: outside.credentials,
          organization: outside.organization,
        },
      });
      await tx.release.create({
        data: {
          clientId: client.id,
          externalProviderId: provider.id,
          categories: [...RELEASE_CATEGORIES],
          expiresAt: new Date(submittedAt.getTime() + 365 * 86_400_000),
          signatureId: signature.id,
        },
      });
    }
    out[key] = {
      intakeId: response.id,
      flags: screeningFlags({
        intake,
        dateOfBirth: client.dateOfBirth,
        residenceState: o.state,
        measures,
        prescriberLicenseStates: null,
        now: submittedAt,
        timeZone: demo.practice.timeZone,
      }),
    };
  }
  return out;
}

async function createMeasure(
  tx: Tx,
  clientId: string,
  scale: ScaleId,
  answers: Record<string, number | boolean>,
  takenAt: Date,
) {
  const s = scoreMeasure(scale, answers);
  return tx.measureResponse.create({
    data: {
      clientId,
      scale,
      context: "INTAKE",
      answers,
      total: s.total,
      band: s.band,
      flags: [...s.flags],
      takenAt,
    },
  });
}

function ref(clients: Record<string, ClientRef>, key: string): ClientRef {
  const c = clients[key];
  if (!c) throw new Error(`demo: unknown client ${key}`);
  return c;
}
