"use client";

import { useRef, useState } from "react";
import { useHydrated } from "@/components/forms/use-hydrated";
import { Button } from "@/components/ui/button";
import { ChoiceGroup } from "@/components/ui/choice-group";
import { Notice } from "@/components/ui/notice";
import { submitMeasureAction } from "@/lib/actions/measures";
import { answersToSubmit, type MeasureFormSpec, visibleQuestions } from "@/lib/domain/measures/form-spec";
import { CrisisResources } from "./crisis-resources";

/** A questionnaire on one page; scored on the server. A risk answer shows crisis resources at once. */
export function MeasureForm({ spec, requestId }: { spec: MeasureFormSpec; requestId?: string }) {
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<{ safetyFlag: boolean } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const questions = visibleQuestions(spec, answers);

  // The radios are uncontrolled: the form itself is the source of truth.
  const readForm = () =>
    Object.fromEntries(
      [...new FormData(formRef.current ?? undefined).entries()].map(([k, v]) => [k, String(v)]),
    ) as Record<string, string>;
  const ready = useHydrated();

  if (result) {
    return (
      <div className="space-y-4" data-testid="measure-done">
        {result.safetyFlag ? <CrisisResources /> : null}
        <Notice tone="success" live="polite">
          Thank you. Your answers to the {spec.shortTitle} are with your care team.
        </Notice>
        <Button asChild>
          <a href="/portal">Back to your checklist</a>
        </Button>
      </div>
    );
  }

  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    const answers = readForm();
    setAnswers(answers);
    const questions = visibleQuestions(spec, answers);
    const missing = Object.fromEntries(
      questions.filter((q) => !q.optional && !answers[q.id]).map((q) => [q.id, "Choose an answer."]),
    );
    setErrors(missing);
    if (Object.keys(missing).length > 0) {
      setMessage(`Please answer every question (${Object.keys(missing).length} left).`);
      document
        .getElementById(Object.keys(missing)[0] ?? "")
        ?.querySelector("input")
        ?.focus();
      return;
    }
    setPending(true);
    setMessage(null);
    const r = await submitMeasureAction({
      scale: spec.scale,
      answers: answersToSubmit(spec, answers),
      requestId,
    });
    setPending(false);
    if (!r.ok) {
      setMessage(r.message);
      setErrors(Object.fromEntries(Object.entries(r.fieldErrors ?? {}).map(([k, v]) => [k, v[0] ?? ""])));
      return;
    }
    setResult({ safetyFlag: r.data.safetyFlag });
  };

  return (
    <form
      ref={formRef}
      data-ready={ready || undefined}
      onSubmit={onSubmit}
      onChange={(e) => {
        const target = e.target;
        setAnswers(readForm());
        if (target instanceof HTMLInputElement) setErrors(({ [target.name]: _, ...rest }) => rest);
      }}
      method="post"
      noValidate
      className="space-y-6"
    >
      <p className="font-medium text-slate-800">{spec.instructions}</p>
      {message ? (
        <Notice tone="danger" live="assertive" data-testid="form-error">
          {message}
        </Notice>
      ) : null}
      <ol className="space-y-6">
        {questions.map((q, i) => (
          <li key={q.id} className="rounded-lg border border-slate-200 bg-white p-4">
            <ChoiceGroup
              id={q.id}
              legend={
                <>
                  <span className="text-slate-500">{i + 1}. </span>
                  {q.text}
                  {q.optional ? <span className="text-slate-500"> (optional)</span> : null}
                </>
              }
              layout={q.options.length > 2 ? "column" : "row"}
              options={q.options}
              error={errors[q.id]}
              inputProps={() => ({ name: q.id })}
            />
          </li>
        ))}
      </ol>
      <Button type="submit" size="lg" className="w-full sm:w-auto" disabled={pending || !ready}>
        {pending ? "Sending…" : "Submit answers"}
      </Button>
    </form>
  );
}
