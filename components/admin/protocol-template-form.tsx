"use client";

import { useState } from "react";
import { Controller } from "react-hook-form";
import { FormNotice } from "@/components/forms/form-notice";
import { useAction } from "@/components/forms/use-action";
import { type ActionForm, useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { ChoiceGroup } from "@/components/ui/choice-group";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import {
  archiveProtocolTemplateAction,
  createProtocolTemplateAction,
  setDefaultProtocolTemplateAction,
  updateProtocolTemplateAction,
} from "@/lib/actions/admin";
import { SESSION_KIND_LABEL } from "@/lib/domain/core/format";
import { DEFAULT_PROTOCOL_PLAN, SESSION_KINDS } from "@/lib/domain/scheduling/protocol";
import { withUnit } from "@/lib/validation/practice-settings";
import {
  type ProtocolTemplateInput,
  protocolTemplateSchema,
  updateProtocolTemplateSchema,
} from "@/lib/validation/protocol-templates";

type CountKey = "preparationSessions" | "dosingSessions" | "integrationDaysAfterDose";

/** The counts of the plan, each with its unit and what published protocols say (docs/clinical-rules.md §1). */
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

type Props = {
  template?: { id: string; updatedAt: string };
  values: ProtocolTemplateInput;
  /** Makes the field ids unique when several forms share the page. */
  idPrefix: string;
};

/**
 * Creates a protocol template, or edits one (`template` given). Editing shapes the series planned
 * from now on; sessions already scheduled keep their dates and lengths. A save over someone
 * else's newer change is refused (409) and nothing typed here is lost.
 */
export function ProtocolTemplateForm({ template, ...props }: Props) {
  return template ? <EditTemplateForm template={template} {...props} /> : <NewTemplateForm {...props} />;
}

function NewTemplateForm({ values, idPrefix }: Omit<Props, "template">) {
  const f = useActionForm(createProtocolTemplateAction, {
    schema: protocolTemplateSchema,
    defaultValues: values,
    invalidMessage: "Please correct the highlighted fields.",
    successMessage: (t) =>
      `“${t.name}” is created${t.isDefault ? " and is the default for new series" : ""}.`,
    reset: () => ({ ...values, name: "" }),
    refresh: true,
  });
  return <TemplateFields f={f} idPrefix={idPrefix} label="New template" submit="Create template" />;
}

function EditTemplateForm({
  template,
  values,
  idPrefix,
}: Props & { template: { id: string; updatedAt: string } }) {
  // The version this form saves over: what the page showed, then what our own last save returned.
  const [seenUpdatedAt, setSeenUpdatedAt] = useState(template.updatedAt);
  const f = useActionForm(updateProtocolTemplateAction, {
    schema: updateProtocolTemplateSchema,
    defaultValues: values,
    toInput: (v: ProtocolTemplateInput) => ({ ...v, id: template.id, updatedAt: seenUpdatedAt }),
    invalidMessage: "Please correct the highlighted fields.",
    onSuccess: ({ updatedAt }) => setSeenUpdatedAt(updatedAt),
    successMessage: () =>
      "Saved. Series planned from now on use it; sessions already scheduled do not change.",
    reset: "submitted",
    refresh: true,
  });
  return <TemplateFields f={f} idPrefix={idPrefix} label={`Edit ${values.name}`} submit="Save changes" />;
}

function TemplateFields({
  f,
  idPrefix,
  label,
  submit,
}: {
  f: ActionForm<ProtocolTemplateInput>;
  idPrefix: string;
  label: string;
  submit: string;
}) {
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <form {...f.formProps} className="space-y-5" aria-label={label}>
      <Field label="Name" id={id("name")} error={f.error("name")} required>
        <Input autoComplete="off" {...f.register("name")} />
      </Field>
      <div className="grid gap-x-6 gap-y-5 sm:grid-cols-2">
        {COUNT_FIELDS.map((c) => (
          <Field
            key={c.key}
            label={c.label}
            id={id(c.key)}
            error={f.error(c.key)}
            hint={`Default ${withUnit(DEFAULT_PROTOCOL_PLAN[c.key], c.unit)} — a clinic setting; ${c.note}.`}
            required
          >
            <Input
              type="number"
              inputMode="numeric"
              step={1}
              {...f.register(c.key, { valueAsNumber: true })}
            />
          </Field>
        ))}
        <Controller
          control={f.form.control}
          name="followUpAfterDose"
          render={({ field }) => (
            <Field
              label="Prescriber follow-up"
              id={id("followUpAfterDose")}
              error={f.error("followUpAfterDose")}
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
        control={f.form.control}
        name="closingSession"
        render={({ field }) => (
          <ChoiceGroup
            id={id("closingSession")}
            legend="Closing session at the end of the series"
            hint={`Default ${DEFAULT_PROTOCOL_PLAN.closingSession ? "yes" : "no"} — a clinic setting.`}
            error={f.error("closingSession")}
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
              error={f.error(`durationsMinutes.${kind}`)}
              hint={`Default ${withUnit(DEFAULT_PROTOCOL_PLAN.durationsMinutes[kind], "min")} — a clinic setting.`}
              required
            >
              <Input
                type="number"
                inputMode="numeric"
                step={5}
                {...f.register(`durationsMinutes.${kind}`, { valueAsNumber: true })}
              />
            </Field>
          ))}
        </div>
      </fieldset>
      <FormNotice of={f} />
      <Button type="submit" disabled={!f.ready || f.pending}>
        {f.pending ? "Saving…" : submit}
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
  const { run, pending, message } = useAction({ refresh: false });
  const noteId = `archive-note-${template.id}`;

  return (
    <div className="flex flex-wrap items-center gap-2">
      {template.isDefault ? null : (
        <Button
          size="sm"
          variant="secondary"
          disabled={pending}
          onClick={() => void run(() => setDefaultProtocolTemplateAction({ templateId: template.id }))}
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
            void run(() => archiveProtocolTemplateAction({ templateId: template.id }));
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
      {message ? (
        <p className="w-full text-sm text-red-700" aria-live="assertive">
          {message}
        </p>
      ) : null}
    </div>
  );
}
