import { describe, expect, it } from "vitest";
import { consentStatusesFrom } from "@/lib/domain/consents/consent-status";
import {
  contactStep,
  INTAKE_STEPS,
  medicalStep,
  medicationsStep,
  outsideTherapistStep,
} from "@/lib/domain/intake/intake-answers";
import { intakeChecklist } from "@/lib/domain/intake/intake-checklist";
import { stepValues } from "@/lib/domain/intake/intake-form-values";
import {
  completedStepCount,
  firstIncompleteStep,
  intakeStepStatus,
} from "@/lib/domain/intake/intake-progress";
import { MEDICAL_ITEMS } from "@/lib/domain/intake/intake-questions";
import { answersToSubmit, measureFormSpec, visibleQuestions } from "@/lib/domain/measures/form-spec";
import { saveIntakeStepSchema } from "@/lib/validation/intake";
import { completeIntake } from "../../fixtures/intake";

describe("intake step schemas", () => {
  it("accept a complete intake and refuse each step's gaps with field paths", () => {
    expect(() => completeIntake()).not.toThrow();
    const contact = contactStep.safeParse({ phone: "abc", addressLine: "" });
    expect(contact.success).toBe(false);
    const paths = contact.error?.issues.map((i) => i.path.join(".")) ?? [];
    expect(paths).toEqual(expect.arrayContaining(["phone", "addressLine", "emergencyContactName"]));
  });

  it("asks every contraindication as yes/no, with optional details, and height and weight", () => {
    const empty = medicalStep.safeParse({});
    expect(empty.success).toBe(false);
    const paths = empty.error?.issues.map((i) => i.path.join(".")) ?? [];
    // Every field but "how long ago", which is asked only after a heart attack.
    expect(paths.sort()).toEqual(
      Object.keys(medicalStep.shape)
        .filter((k) => k !== "heartAttackWhen")
        .sort(),
    );
    const answered = stepValues("medical", {});
    for (const key of Object.keys(MEDICAL_ITEMS)) {
      expect((answered[key] as { answer: string }).answer).toBe("");
    }
    expect(answered).toMatchObject({
      heightFeet: "",
      heightInches: "",
      weightPounds: "",
      heartAttackWhen: "",
    });
  });

  it("needs at least one medicine when the client says they take some", () => {
    expect(medicationsStep.safeParse({ takesMedications: "yes", medications: [] }).success).toBe(false);
    expect(medicationsStep.safeParse({ takesMedications: "no", medications: [] }).success).toBe(true);
    const named = medicationsStep.safeParse({ takesMedications: "yes", medications: [{ name: "  " }] });
    expect(named.error?.issues[0]?.path).toEqual(["medications", 0, "name"]);
  });

  it("needs the outside therapist's name when there is one, and checks their e-mail", () => {
    expect(outsideTherapistStep.safeParse({ hasOutsideTherapist: "yes" }).success).toBe(false);
    expect(
      outsideTherapistStep.safeParse({ hasOutsideTherapist: "yes", name: "Dana", email: "nope" }).success,
    ).toBe(false);
    const ok = outsideTherapistStep.parse({
      hasOutsideTherapist: "yes",
      name: "Dana",
      email: "Dana@Clinic.example",
    });
    expect(ok.email).toBe("dana@clinic.example");
  });

  it("keeps drafts JSON-shaped and bounded", () => {
    const base = { step: "contact", version: 1, mode: "autosave" } as const;
    expect(saveIntakeStepSchema.safeParse({ ...base, values: { phone: "x" } }).success).toBe(true);
    expect(saveIntakeStepSchema.safeParse({ ...base, values: { phone: "x".repeat(5001) } }).success).toBe(
      false,
    );
    expect(saveIntakeStepSchema.safeParse({ ...base, step: "nonsense", values: {} }).success).toBe(false);
    expect(saveIntakeStepSchema.safeParse({ ...base, version: 0, values: {} }).success).toBe(false);
  });
});

describe("intake progress and checklist", () => {
  it("counts finished steps and resumes at the first unfinished one", () => {
    const full = completeIntake();
    expect(completedStepCount(full)).toBe(INTAKE_STEPS.length);
    expect(firstIncompleteStep(full)).toBeNull();
    const partial = {
      contact: full.contact,
      residence: full.residence,
      medical: { ketamineAllergy: { answer: "no" } },
    };
    expect(completedStepCount(partial)).toBe(2);
    expect(firstIncompleteStep(partial)).toBe("medical");
    expect(intakeStepStatus(null).contact).toBe(false);
  });

  it("lists six items, seven with a release, and is ready only when all are done", () => {
    const steps = intakeStepStatus(completeIntake());
    const base = {
      steps,
      measuresDone: [],
      kapConsentCurrent: false,
      releaseNeeded: false,
      releaseCurrent: false,
    };
    const none = intakeChecklist(base);
    expect([none.doneCount, none.total, none.ready]).toEqual([1, 6, false]);
    const all = intakeChecklist({
      ...base,
      measuresDone: ["PHQ9", "GAD7", "PCL5", "CSSRS"],
      kapConsentCurrent: true,
    });
    expect([all.doneCount, all.total, all.ready]).toEqual([6, 6, true]);
    const withRelease = intakeChecklist({
      ...base,
      measuresDone: ["PHQ9", "GAD7", "PCL5", "CSSRS"],
      kapConsentCurrent: true,
      releaseNeeded: true,
    });
    expect([withRelease.doneCount, withRelease.total, withRelease.ready]).toEqual([6, 7, false]);
  });

  it("treats a signature on an older version as not current", () => {
    const docs = [
      { id: "v1", kind: "KAP_INFORMED_CONSENT", version: 1 },
      { id: "v2", kind: "KAP_INFORMED_CONSENT", version: 2 },
    ];
    const signed = (version: number) => [
      { signedAt: new Date(), document: { kind: "KAP_INFORMED_CONSENT", version }, withdrawal: null },
    ];
    expect(consentStatusesFrom(docs, signed(1))[0]).toMatchObject({
      current: false,
      signedVersion: 1,
      currentVersion: 2,
      documentId: "v2",
    });
    expect(consentStatusesFrom(docs, signed(2))[0]?.current).toBe(true);
    expect(consentStatusesFrom([], [])[1]).toMatchObject({
      kind: "RELEASE_OF_INFORMATION",
      documentId: null,
      current: false,
    });
  });
});

describe("the C-SSRS screener form", () => {
  const spec = measureFormSpec("CSSRS");
  it("asks questions 3-5 only after a yes to question 2, and the recency follow-up after a yes to 6", () => {
    expect(visibleQuestions(spec, {}).map((q) => q.id)).toEqual(["q1", "q2", "q6"]);
    expect(visibleQuestions(spec, { q2: "true", q6: "true" }).map((q) => q.id)).toEqual([
      "q1",
      "q2",
      "q3",
      "q4",
      "q5",
      "q6",
      "q6Recent",
    ]);
  });
  it("sends skipped questions as no, and drops a stale follow-up", () => {
    expect(
      answersToSubmit(spec, { q1: "true", q2: "false", q4: "true", q6: "false", q6Recent: "true" }),
    ).toEqual({
      q1: true,
      q2: false,
      q3: false,
      q4: false,
      q5: false,
      q6: false,
    });
  });
  it("sends numbers for the scored scales and leaves the optional PHQ-9 difficulty out when blank", () => {
    const phq = measureFormSpec("PHQ9");
    expect(phq.questions.at(-1)).toMatchObject({ id: "difficulty", optional: true });
    expect(answersToSubmit(phq, { q1: "2", q9: "0" })).toEqual({ q1: 2, q9: 0 });
  });
});
