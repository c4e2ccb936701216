"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Check } from "lucide-react";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { type FieldValues, type Resolver, useForm } from "react-hook-form";
import { reloadIntakeAction, saveIntakeStepAction } from "@/app/(portal)/portal/actions";
import { useHydrated } from "@/components/forms/use-hydrated";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { cn } from "@/lib/utils";
import { INTAKE_STEPS, type IntakeStepId } from "@/lib/validation/intake";
import { StepFields } from "./step-fields";

type Props = {
  step: IntakeStepId;
  values: Record<string, unknown>;
  version: number;
  done: Record<IntakeStepId, boolean>;
};
type SaveState = { kind: "idle" | "saving" | "saved" | "error" | "signed-out"; at?: Date; message?: string };

const AUTOSAVE_MS = 1000;
/** Server actions take plain JSON: drop undefined values. */
const plain = (v: unknown) => JSON.parse(JSON.stringify(v ?? {})) as Record<string, unknown>;

/**
 * One intake step. Every change is saved as a draft about a second after typing
 * stops, and again on Back/Next/step links, so closing the tab, timing out or
 * moving to another device loses nothing. "Next" also checks the step.
 */
export function IntakeWizard({ step, values, version, done }: Props) {
  const router = useRouter();
  const index = INTAKE_STEPS.findIndex((s) => s.id === step);
  const current = INTAKE_STEPS[index] ?? INTAKE_STEPS[0];
  const form = useForm<FieldValues>({
    // The step schemas differ; the form holds whichever step is open.
    resolver: zodResolver(current.schema as never) as unknown as Resolver<FieldValues>,
    defaultValues: values,
  });
  const versionRef = useRef(version);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [save, setSave] = useState<SaveState>({ kind: "idle" });
  const [summary, setSummary] = useState<string | null>(null);
  const ready = useHydrated();

  // One save at a time (autosave, Back, Next): two racing with the same version
  // would make the second look like another device's change.
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const saveOnce = useCallback(
    async (mode: "autosave" | "complete") => {
      setSave({ kind: "saving" });
      const send = () =>
        saveIntakeStepAction({ step, values: plain(form.getValues()), version: versionRef.current, mode });
      let result = await send();
      if (!result.ok && result.code === "CONFLICT") {
        // Another tab or device saved first: take its version, keep this step's answers on top.
        const latest = await reloadIntakeAction();
        if (latest.ok) {
          versionRef.current = latest.data.version;
          result = await send();
        }
      }
      if (!result.ok) {
        setSave(
          result.code === "UNAUTHENTICATED"
            ? {
                kind: "signed-out",
                message: "You were signed out. Sign in again; your answers up to the last save are kept.",
              }
            : { kind: "error", message: result.message },
        );
        return null;
      }
      versionRef.current = result.data.version;
      setSave({ kind: "saved", at: new Date(result.data.savedAt) });
      return result.data;
    },
    [form, step],
  );
  const saveNow = useCallback(
    (mode: "autosave" | "complete") => {
      clearTimeout(timer.current);
      const next = chain.current.then(
        () => saveOnce(mode),
        () => saveOnce(mode),
      );
      chain.current = next;
      return next;
    },
    [saveOnce],
  );

  useEffect(() => {
    const sub = form.watch(() => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void saveNow("autosave"), AUTOSAVE_MS);
    });
    return () => {
      sub.unsubscribe();
      clearTimeout(timer.current);
    };
  }, [form, saveNow]);

  const go = async (target: string) => {
    if ((await saveNow("autosave")) !== null) router.push(target);
  };

  const onNext = form.handleSubmit(
    async () => {
      setSummary(null);
      const saved = await saveNow("complete");
      if (!saved) return;
      if (saved.fieldErrors) {
        for (const [name, messages] of Object.entries(saved.fieldErrors)) {
          form.setError(name, { type: "server", message: messages[0] });
        }
        setSummary("Please check the answers marked below.");
        return;
      }
      const next = INTAKE_STEPS[index + 1];
      router.push(next ? `/portal/intake/${next.id}` : "/portal?intake=done");
      router.refresh();
    },
    async () => {
      setSummary(
        "Some answers are missing or need a change. They are marked below; what you typed is saved.",
      );
      await saveNow("autosave");
    },
  );

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
                className={cn(
                  "flex items-center gap-2 rounded-md px-2 py-1.5",
                  s.id === step
                    ? "bg-teal-50 font-medium text-teal-900"
                    : "text-slate-700 hover:bg-slate-100",
                )}
              >
                <span className="w-5 text-center text-xs text-slate-500">{i + 1}</span>
                <span className="flex-1">{s.title}</span>
                {done[s.id] ? <Check aria-label="complete" className="size-4 text-emerald-700" /> : null}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      <form
        onSubmit={onNext}
        method="post"
        noValidate
        data-ready={ready || undefined}
        className="space-y-6 rounded-lg border border-slate-200 bg-white p-5"
      >
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
        {summary ? (
          <Notice tone="danger" live="assertive" data-testid="step-errors">
            {summary}
          </Notice>
        ) : null}
        {save.kind === "signed-out" || save.kind === "error" ? (
          <Notice tone="warning" live="assertive" data-testid="save-problem">
            {save.message}
          </Notice>
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
            {save.kind === "saving" ? "Saving…" : null}
            {save.kind === "saved" && save.at
              ? `Saved at ${save.at.toLocaleTimeString([], { hour: "numeric", minute: "2-digit" })}`
              : null}
          </p>
          <Button type="submit" disabled={form.formState.isSubmitting || !ready}>
            {index + 1 < INTAKE_STEPS.length ? "Save and continue" : "Save and finish"}
          </Button>
        </div>
      </form>
    </div>
  );
}
