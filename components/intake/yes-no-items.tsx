"use client";

import type * as React from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import { fieldError } from "@/components/forms/form-errors";
import { ChoiceGroup } from "@/components/ui/choice-group";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";

/** Yes/no questions, each with a details box that opens on "yes". */
export function YesNoItems({
  form,
  items,
  prefix = "",
  detailsLabel = "Please tell us more",
  after,
}: {
  form: UseFormReturn<FieldValues>;
  items: Record<string, string>;
  prefix?: string;
  detailsLabel?: string;
  /** A follow-up shown under one question when it is answered yes (e.g. "how long ago?"). */
  after?: Partial<Record<string, React.ReactNode>>;
}) {
  const errors = form.formState.errors;
  return (
    <div className="space-y-6">
      {Object.entries(items).map(([key, question]) => {
        const path = `${prefix}${key}`;
        const answer = form.watch(`${path}.answer`);
        return (
          <div key={key} className="space-y-3 border-b border-slate-100 pb-5 last:border-0">
            <ChoiceGroup
              id={`${path}.answer`}
              legend={question}
              required
              options={[
                { value: "yes", label: "Yes" },
                { value: "no", label: "No" },
              ]}
              error={fieldError(errors, `${path}.answer`)}
              inputProps={() => form.register(`${path}.answer`)}
            />
            {answer === "yes" ? (
              <Field
                label={detailsLabel}
                id={`${path}.details`}
                error={fieldError(errors, `${path}.details`)}
              >
                <Textarea rows={2} {...form.register(`${path}.details`)} />
              </Field>
            ) : null}
            {answer === "yes" ? after?.[key] : null}
          </div>
        );
      })}
    </div>
  );
}
