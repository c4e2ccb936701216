import { EXPERIENCE_ITEMS, type IntakeStepId, MEDICAL_ITEMS, PSYCHIATRIC_ITEMS } from "./intake-questions";

/** Empty answers for each step, so every control starts controlled; "" means "not answered". */
const yesNo = () => ({ answer: "", details: "" });
const items = (keys: object) => Object.fromEntries(Object.keys(keys).map((k) => [k, yesNo()]));

const EMPTY: Record<IntakeStepId, Record<string, unknown>> = {
  contact: {
    preferredName: "",
    pronouns: "",
    phone: "",
    addressLine: "",
    emergencyContactName: "",
    emergencyContactPhone: "",
    emergencyContactRelation: "",
  },
  residence: { state: "" },
  medical: {
    ...items(MEDICAL_ITEMS),
    heartAttackWhen: "",
    heightFeet: "",
    heightInches: "",
    weightPounds: "",
  },
  medications: { takesMedications: "", medications: [] },
  psychiatric: items(PSYCHIATRIC_ITEMS),
  substances: { alcohol: "", cannabis: "", otherSubstances: "", uncontrolledUse: yesNo() },
  pregnancy: { pregnant: "", breastfeeding: "", planningPregnancy: "" },
  experience: items(EXPERIENCE_ITEMS),
  intention: { intention: "", relationalGoals: "" },
  outsideTherapist: {
    hasOutsideTherapist: "",
    name: "",
    credentials: "",
    organization: "",
    email: "",
    phone: "",
  },
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  Boolean(v) && typeof v === "object" && !Array.isArray(v);

/** A step's saved answers laid over its empty answers (one level deep, as the steps are). */
export function stepValues(step: IntakeStepId, saved: unknown): Record<string, unknown> {
  const base = EMPTY[step];
  if (!isRecord(saved)) return structuredClone(base);
  const out: Record<string, unknown> = structuredClone(base);
  for (const [k, v] of Object.entries(saved)) {
    out[k] = isRecord(v) && isRecord(base[k]) ? { ...(base[k] as object), ...v } : v;
  }
  return out;
}
