"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Controller, useForm } from "react-hook-form";
import { fieldError } from "@/components/forms/form-errors";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useHydrated } from "@/components/forms/use-hydrated";
import { Button } from "@/components/ui/button";
import { ChoiceGroup } from "@/components/ui/choice-group";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import {
  archiveProtocolTemplateAction,
  createProtocolTemplateAction,
  setDefaultProtocolTemplateAction,
  updateProtocolTemplateAction,
} from "@/lib/actions/admin";
import { SESSION_KIND_LABEL } from "@/lib/domain/core/format";
import { DEFAULT_PROTOCOL_PLAN, SESSION_KINDS } from "@/lib/domain/scheduling/protocol";
import { withUnit } from "@/lib/validation/practice-settings";
import { type ProtocolTemplateInput, protocolTemplateSchema } from "@/lib/validation/protocol-templates";

type CountKey = "preparationSessions" | "dosingSessions" | "integrationDaysAfterDose";

/** The counts of the plan, each with its unit and what published protocols say (CLINICAL.md §1). */
const COUNT_FIELDS: { key: CountKey; label: string; unit: string; note: string }[] = [
  {
    key: "preparationSessions",
    label: "Preparation sessions",
    unit: "sessions",
    note: "published protocols use 1 to 3",
  },
  {
    key: "dosingSessions",
    label: "Dosing sessions",
    unit: "sessions",
    note: "usually 6 to 8 in a full series",
  },
  {
    key: "integrationDaysAfterDose",
    label: "Integration session (days after each dose)",
    unit: "days",
    note: "ideally 24 to 72 hours after",
  },
];

const MAX_FOLLOW_UP_DOSE = 12;

function defaultFollowUp() {
  const dose = DEFAULT_PROTOCOL_PLAN.followUpAfterDose;
  return dose === null ? "none" : `after dose ${dose}`;
}

/**
 * Creates a protocol template, or edits one (`template` given). Editing shapes the series planned
 * from now on; sessions already scheduled keep their dates and lengths. A save over someone
 * else's newer change is refused (409) and nothing typed here is lost.
 */
export function ProtocolTemplateForm({
  template,
  values,
  idPrefix,
}: {
  template?: { id: string; updatedAt: string };
  values: ProtocolTemplateInput;
  /** Makes the field ids unique when several forms share the page. */
  idPrefix: string;
}) {
  const router = useRouter();
  const ready = useHydrated();
  const [message, setMessage] = useState<{ tone: "danger" | "success"; text: string } | null>(null);
  // The version this form saves over: what the page showed, then what our own last save returned.
  const [seenUpdatedAt, setSeenUpdatedAt] = useState(template?.updatedAt);
  const form = useForm<ProtocolTemplateInput>({
    resolver: zodResolver(protocolTemplateSchema),
    defaultValues: values,
  });
  const { errors, isSubmitting } = form.formState;
  const id = (name: string) => `${idPrefix}-${name}`;

  const onSubmit = form.handleSubmit(
    async (input) => {
      setMessage(null);
      if (template && seenUpdatedAt) {
        const r = await updateProtocolTemplateAction({ ...input, id: template.id, updatedAt: seenUpdatedAt });
        if (!r.ok) {
          setMessage({ tone: "danger", text: applyServerErrors(form, r) });
          return;
        }
        setSeenUpdatedAt(r.data.updatedAt);
        setMessage({
          tone: "success",
          text: "Saved. Series planned from now on use it; sessions already scheduled do not change.",
        });
        form.reset(input);
      } else {
        const r = await createProtocolTemplateAction(input);
        if (!r.ok) {
          setMessage({ tone: "danger", text: applyServerErrors(form, r) });
          return;
        }
        setMessage({
          tone: "success",
          text: `“${r.data.name}” is created${r.data.isDefault ? " and is the default for new series" : ""}.`,
        });
        form.reset({ ...values, name: "" });
      }
      router.refresh();
    },
    () => setMessage({ tone: "danger", text: "Please correct the highlighted fields." }),
  );

  return (
    <form
      onSubmit={onSubmit}
      method="post"
      noValidate
      data-ready={ready || undefined}
      className="space-y-5"
      aria-label={template ? `Edit ${values.name}` : "New template"}
    >
      <Field label="Name" id={id("name")} error={errors.name?.message} required>
        <Input autoComplete="off" {...form.register("name")} />
      </Field>
      <div className="grid gap-x-6 gap-y-5 sm:grid-cols-2">
        {COUNT_FIELDS.map((f) => (
          <Field
            key={f.key}
            label={f.label}
            id={id(f.key)}
            error={errors[f.key]?.message}
            hint={`Default ${withUnit(DEFAULT_PROTOCOL_PLAN[f.key], f.unit)} — a clinic setting; ${f.note}.`}
            required
          >
            <Input
              type="number"
              inputMode="numeric"
              step={1}
              {...form.register(f.key, { valueAsNumber: true })}
            />
          </Field>
        ))}
        <Controller
          control={form.control}
          name="followUpAfterDose"
          render={({ field }) => (
            <Field
              label="Prescriber follow-up"
              id={id("followUpAfterDose")}
              error={errors.followUpAfterDose?.message}
              hint={`Default ${defaultFollowUp()} — a clinic setting; before more doses are given.`}
            >
              <Select
                ref={field.ref}
                name={field.name}
                value={field.value === null ? "" : String(field.value)}
                onChange={(e) => field.onChange(e.target.value === "" ? null : Number(e.target.value))}
                onBlur={field.onBlur}
              >
                <option value="">No follow-up planned</option>
                {Array.from({ length: MAX_FOLLOW_UP_DOSE }, (_, i) => i + 1).map((dose) => (
                  <option key={dose} value={dose}>
                    After dose {dose}
                  </option>
                ))}
              </Select>
            </Field>
          )}
        />
      </div>
      <Controller
        control={form.control}
        name="closingSession"
        render={({ field }) => (
          <ChoiceGroup
            id={id("closingSession")}
            legend="Closing session at the end of the series"
            hint={`Default ${DEFAULT_PROTOCOL_PLAN.closingSession ? "yes" : "no"} — a clinic setting.`}
            error={errors.closingSession?.message}
            options={[
              { value: "yes", label: "Yes" },
              { value: "no", label: "No" },
            ]}
            inputProps={(v) => ({
              name: `${idPrefix}-closingSession`,
              checked: field.value === (v === "yes"),
              onChange: () => field.onChange(v === "yes"),
              onBlur: field.onBlur,
            })}
          />
        )}
      />
      <fieldset className="min-w-0">
        <legend className="text-sm font-medium text-slate-900">Session lengths</legend>
        <p className="text-sm text-slate-600">
          In minutes. Dosing defaults to 180 (2 to 3 hours with the therapist present, at least 2 hours of
          monitoring); the others are scheduling defaults. All are clinic settings.
        </p>
        <div className="mt-3 grid gap-x-6 gap-y-4 sm:grid-cols-2 lg:grid-cols-3">
          {SESSION_KINDS.map((kind) => (
            <Field
              key={kind}
              label={`${SESSION_KIND_LABEL[kind] ?? kind} (minutes)`}
              id={id(`duration-${kind}`)}
              error={fieldError(errors, `durationsMinutes.${kind}`)}
              hint={`Default ${withUnit(DEFAULT_PROTOCOL_PLAN.durationsMinutes[kind], "min")} — a clinic setting.`}
              required
            >
              <Input
                type="number"
                inputMode="numeric"
                step={5}
                {...form.register(`durationsMinutes.${kind}`, { valueAsNumber: true })}
              />
            </Field>
          ))}
        </div>
      </fieldset>
      {message ? (
        <Notice
          tone={message.tone}
          live={message.tone === "danger" ? "assertive" : "polite"}
          data-testid={message.tone === "danger" ? "form-error" : "form-success"}
        >
          {message.text}
        </Notice>
      ) : null}
      <Button type="submit" disabled={!ready || isSubmitting}>
        {isSubmitting ? "Saving…" : template ? "Save changes" : "Create template"}
      </Button>
    </form>
  );
}

/** "Make default" and "Archive" for one template; the default cannot be archived. */
export function ProtocolTemplateActions({
  template,
}: {
  template: { id: string; name: string; isDefault: boolean };
}) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const noteId = `archive-note-${template.id}`;

  const run = (fn: () => Promise<{ ok: boolean; message?: string }>) =>
    start(async () => {
      setError(null);
      const r = await fn();
      if (!r.ok) setError(r.message ?? "That did not work.");
    });

  return (
    <div className="flex flex-wrap items-center gap-2">
      {template.isDefault ? null : (
        <Button
          size="sm"
          variant="secondary"
          disabled={pending}
          onClick={() => run(() => setDefaultProtocolTemplateAction({ templateId: template.id }))}
        >
          Make default<span className="sr-only">: {template.name}</span>
        </Button>
      )}
      <Button
        size="sm"
        variant="secondary"
        className="text-red-800"
        disabled={pending || template.isDefault}
        aria-describedby={template.isDefault ? noteId : undefined}
        onClick={() => {
          if (
            window.confirm(
              `Archive “${template.name}”? New series can no longer use it; series already planned from it keep their sessions.`,
            )
          ) {
            run(() => archiveProtocolTemplateAction({ templateId: template.id }));
          }
        }}
      >
        Archive<span className="sr-only">: {template.name}</span>
      </Button>
      {template.isDefault ? (
        <p id={noteId} className="text-sm text-slate-600">
          To archive the default, make another template the default first.
        </p>
      ) : null}
      {error ? (
        <p className="w-full text-sm text-red-700" aria-live="assertive">
          {error}
        </p>
      ) : null}
    </div>
  );
}
