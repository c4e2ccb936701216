"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import type { FieldValues } from "react-hook-form";
import type { z } from "zod";
import { useDraftSaver } from "@/components/forms/draft-saver";
import {
  type ConflictRow,
  DraftConflict,
  DraftProblemNotice,
  draftStatusText,
} from "@/components/forms/draft-status";
import { FormNotice } from "@/components/forms/form-notice";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/classes";
import { reloadIntakeAction, saveIntakeStepAction } from "@/lib/actions/intake";
import type { ActionResult } from "@/lib/actions/result";
import { US_STATES } from "@/lib/domain/core/us-states";
import { stepValues } from "@/lib/domain/intake/intake-form-values";
import {
  EXPERIENCE_ITEMS,
  INTAKE_STEP_LIST as INTAKE_STEPS,
  type IntakeStepId,
  MEDICAL_ITEMS,
  PSYCHIATRIC_ITEMS,
  UNCONTROLLED_USE_QUESTION,
  USE_FREQUENCY_LABEL,
} from "@/lib/domain/intake/intake-questions";
import { CheckIcon } from "./icons";
import { StepFields } from "./step-fields";

type Values = Record<string, unknown>;
type Props = {
  step: IntakeStepId;
  values: Values;
  version: number;
  done: Record<IntakeStepId, boolean>;
};
type StepSaved = Extract<Awaited<ReturnType<typeof saveIntakeStepAction>>, { ok: true }>["data"];

const AUTOSAVE_MS = 1000;

/**
 * The step's rules, loaded when the form is first focused rather than with the
 * page, so the form shows sooner on a phone. The server checks the same rules.
 */
const stepRules = (step: IntakeStepId) => () =>
  import("@/lib/domain/intake/intake-answers").then(
    // The step schemas differ; the form holds whichever step is open.
    (m) => m.intakeStepSchema(step) as unknown as z.ZodType<FieldValues, FieldValues>,
  );
/** Server actions take plain JSON: drop undefined values. */
const plain = (v: unknown) => JSON.parse(JSON.stringify(v ?? {})) as Values;
/** JSON with keys in order, to compare two versions of a step. */
const canonical = (v: unknown) =>
  JSON.stringify(v, (_key, x: unknown) =>
    x && typeof x === "object" && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  );

/** How each answer is named when two versions of a step are shown side by side. */
const LABELS: Record<string, string> = {
  preferredName: "Preferred name",
  pronouns: "Pronouns",
  phone: "Mobile phone",
  addressLine: "Home address",
  emergencyContactName: "Emergency contact's name",
  emergencyContactPhone: "Emergency contact's phone",
  emergencyContactRelation: "How you know them",
  state: "State you live in",
  takesMedications: "Takes medicines or supplements",
  alcohol: "Alcohol",
  cannabis: "Cannabis",
  otherSubstances: "Other substances",
  uncontrolledUse: UNCONTROLLED_USE_QUESTION,
  pregnant: "Pregnant, or could be",
  breastfeeding: "Breastfeeding",
  planningPregnancy: "Planning a pregnancy",
  intention: "What you would like KAP to help you with",
  relationalGoals: "Relationships you hope this work touches",
  hasOutsideTherapist: "Sees a therapist outside this clinic",
  name: "Their name",
  credentials: "Their credentials",
  organization: "Their practice or organisation",
  email: "Their e-mail",
  ...MEDICAL_ITEMS,
  ...PSYCHIATRIC_ITEMS,
  ...EXPERIENCE_ITEMS,
};
const ANSWER: Record<string, string> = { yes: "Yes", no: "No", "not-applicable": "Does not apply to me" };
const text = (v: unknown) => (typeof v === "string" ? v : "");

/** One step's answers as labelled lines (medicines one per line). */
function describeStep(step: IntakeStepId, values: Values): { key: string; label: string; value: string }[] {
  const lines: { key: string; label: string; value: string }[] = [];
  for (const [key, v] of Object.entries(stepValues(step, values))) {
    const label = step === "outsideTherapist" && key === "phone" ? "Their phone" : (LABELS[key] ?? key);
    if (Array.isArray(v)) {
      v.forEach((m: Values, i) => {
        const value = [m?.name, m?.dose, m?.frequency].map(text).filter(Boolean).join(" · ");
        lines.push({ key: `${key}.${i}`, label: `Medicine ${i + 1}`, value });
      });
    } else if (v && typeof v === "object") {
      const item = v as Values;
      const answer = ANSWER[text(item.answer)] ?? text(item.answer);
      lines.push({ key, label, value: [answer, text(item.details)].filter(Boolean).join(" — ") });
    } else if (key === "state") {
      lines.push({ key, label, value: US_STATES[text(v) as keyof typeof US_STATES] ?? text(v) });
    } else if (key === "alcohol" || key === "cannabis") {
      lines.push({
        key,
        label,
        value: USE_FREQUENCY_LABEL[text(v) as keyof typeof USE_FREQUENCY_LABEL] ?? "",
      });
    } else {
      lines.push({ key, label, value: ANSWER[text(v)] ?? text(v) });
    }
  }
  return lines;
}

function conflictRows(step: IntakeStepId, mine: Values, theirs: Values): ConflictRow[] {
  const a = describeStep(step, mine);
  const b = describeStep(step, theirs);
  const keys = [...new Set([...a, ...b].map((l) => l.key))];
  return keys.map((key) => {
    const x = a.find((l) => l.key === key);
    const y = b.find((l) => l.key === key);
    return { key, label: x?.label ?? y?.label ?? key, mine: x?.value ?? "", theirs: y?.value ?? "" };
  });
}

/**
 * One intake step. Every change is saved as a draft about a second after typing
 * stops, again on Back/Next/step links, on leaving the page and when the tab is
 * hidden, so closing the tab, timing out or moving to another device loses
 * nothing. If another device changed this step meanwhile, both versions are
 * shown and the client chooses. "Next" also checks the step.
 */
export function IntakeWizard({ step, values, version, done }: Props) {
  const router = useRouter();
  const index = INTAKE_STEPS.findIndex((s) => s.id === step);
  const current = INTAKE_STEPS[index] ?? INTAKE_STEPS[0];
  const [draft, saver] = useDraftSaver<Values, StepSaved, "autosave" | "complete">({
    version,
    values,
    delayMs: AUTOSAVE_MS,
    read: () => plain(form.getValues()),
    same: (a, b) => canonical(stepValues(step, a)) === canonical(stepValues(step, b)),
    send: ({ values, version, mode }) =>
      saveIntakeStepAction({ step, values, version, mode: mode ?? "autosave" }),
    loadSaved: async () => {
      const r = await reloadIntakeAction();
      if (!r.ok) return { ok: false, message: r.message };
      return { ok: true, version: r.data.version, values: stepValues(step, r.data.data[step]) };
    },
  });

  /**
   * "Save and continue": the step is saved and checked on the server, which
   * keeps it even when answers are missing and says which; a failed save is
   * told by the draft's own notice above the step.
   */
  const completeStep = async (): Promise<ActionResult<boolean>> => {
    const saved = await saver.flush({ mode: "complete", force: true });
    if (!saved.ok) return { ok: true, data: false };
    const fieldErrors = saved.data?.fieldErrors;
    if (fieldErrors) {
      return {
        ok: false,
        code: "VALIDATION",
        message: "Please check the answers marked below.",
        fieldErrors,
      };
    }
    return { ok: true, data: true };
  };
  const f = useActionForm(completeStep, {
    schema: stepRules(step),
    defaultValues: values,
    invalidMessage:
      "Some answers are missing or need a change. They are marked below; what you typed is kept.",
    onInvalid: () => void saver.flush(),
    onSuccess: (moveOn) => {
      if (!moveOn) return;
      const next = INTAKE_STEPS[index + 1];
      router.push(next ? `/portal/intake/${next.id}` : "/portal?intake=done");
      router.refresh();
    },
  });
  const form = f.form;

  // Putting the saved version on the screen is not a change to save.
  const replacing = useRef(false);
  useEffect(() => {
    const sub = form.watch(() => {
      if (!replacing.current) saver.changed();
    });
    return () => sub.unsubscribe();
  }, [form, saver]);

  const takeSaved = () => {
    const theirs = saver.takeSaved();
    if (!theirs) return;
    replacing.current = true;
    form.reset(theirs);
    replacing.current = false;
  };

  const go = async (target: string) => {
    if ((await saver.flush()).ok) router.push(target);
  };

  return (
    <div className="grid gap-6 md:grid-cols-[14rem_1fr]">
      <nav aria-label="Intake sections" className="order-last md:order-first">
        <ol className="space-y-1 text-sm">
          {INTAKE_STEPS.map((s, i) => (
            <li key={s.id}>
              <a
                href={`/portal/intake/${s.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  void go(`/portal/intake/${s.id}`);
                }}
                aria-current={s.id === step ? "step" : undefined}
                className={cx(
                  "flex items-center gap-2 rounded-md px-2 py-1.5",
                  s.id === step
                    ? "bg-teal-50 font-medium text-teal-900"
                    : "text-slate-700 hover:bg-slate-100",
                )}
              >
                <span className="w-5 text-center text-xs text-slate-500">{i + 1}</span>
                <span className="flex-1">{s.title}</span>
                {done[s.id] ? (
                  <CheckIcon role="img" aria-label="complete" className="size-4 text-emerald-700" />
                ) : null}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      {/* The rules are fetched as soon as the client starts answering, before they are needed. */}
      <form {...f.formProps} className="space-y-6 rounded-lg border border-slate-200 bg-white p-5">
        <div>
          <p className="text-sm text-slate-600" id="step-progress">
            Section {index + 1} of {INTAKE_STEPS.length}
          </p>
          <div
            role="progressbar"
            aria-labelledby="step-progress"
            aria-valuemin={0}
            aria-valuemax={INTAKE_STEPS.length}
            aria-valuenow={index + 1}
            className="mt-1 h-1.5 overflow-hidden rounded bg-slate-100"
          >
            <div
              className="h-full bg-teal-600"
              style={{ width: `${((index + 1) / INTAKE_STEPS.length) * 100}%` }}
            />
          </div>
          <h1 className="mt-3 text-xl font-semibold">{current.title}</h1>
        </div>
        <FormNotice of={f} testId="step-errors" />
        {draft.conflict ? (
          <DraftConflict
            id={`intake-${step}-conflict`}
            testId="intake-conflict"
            message="This section was changed on another device or in another window. Which answers do you want to keep?"
            rows={conflictRows(step, plain(form.getValues()), draft.conflict.theirs)}
            onKeepMine={() => void saver.keepMine()}
            onTakeSaved={takeSaved}
          />
        ) : draft.problem ? (
          <DraftProblemNotice problem={draft.problem} saving={draft.saving} onRetry={() => saver.retry()} />
        ) : null}
        <StepFields step={step} form={form} />
        <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 pt-4">
          <Button
            type="button"
            variant="secondary"
            onClick={() => void go(index > 0 ? `/portal/intake/${INTAKE_STEPS[index - 1]?.id}` : "/portal")}
          >
            {index > 0 ? "Back" : "Back to checklist"}
          </Button>
          <p className="text-sm text-slate-600" aria-live="polite" data-testid="save-status">
            {draftStatusText(draft)}
          </p>
          <Button type="submit" disabled={f.pending || !f.ready || Boolean(draft.conflict)}>
            {index + 1 < INTAKE_STEPS.length ? "Save and continue" : "Save and finish"}
          </Button>
        </div>
      </form>
    </div>
  );
}
