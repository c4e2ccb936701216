"use client";

import { type FieldValues, type UseFormReturn, useFieldArray } from "react-hook-form";
import { fieldError } from "@/components/forms/form-errors";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ChoiceGroup } from "@/components/ui/choice-group";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { classifyMedication } from "@/lib/domain/screening/medications";
import { PlusIcon, TrashIcon } from "./icons";

/** The client's medicines as a list; medicines that interact with ketamine are pointed out. */
export function MedicationsFields({ form }: { form: UseFormReturn<FieldValues> }) {
  const { fields, append, remove } = useFieldArray({ control: form.control, name: "medications" });
  const takes = form.watch("takesMedications");
  const errors = form.formState.errors;
  return (
    <div className="space-y-4">
      <ChoiceGroup
        id="takesMedications"
        legend="Do you take any prescription or over-the-counter medicines or supplements?"
        required
        options={[
          { value: "yes", label: "Yes" },
          { value: "no", label: "No" },
        ]}
        error={fieldError(errors, "takesMedications")}
        inputProps={() => form.register("takesMedications")}
      />
      {takes === "yes" ? (
        <>
          <ol className="space-y-3">
            {fields.map((f, i) => {
              const name = form.watch(`medications.${i}.name`) as string | undefined;
              const match = name ? classifyMedication(name) : null;
              return (
                <li key={f.id} className="rounded-md border border-slate-200 p-3">
                  <div className="grid gap-3 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-end">
                    <Field
                      label={`Medicine ${i + 1}`}
                      id={`medications.${i}.name`}
                      error={fieldError(errors, `medications.${i}.name`)}
                      required
                    >
                      <Input autoComplete="off" {...form.register(`medications.${i}.name`)} />
                    </Field>
                    <Field
                      label="Dose"
                      id={`medications.${i}.dose`}
                      error={fieldError(errors, `medications.${i}.dose`)}
                    >
                      <Input placeholder="e.g. 20 mg" {...form.register(`medications.${i}.dose`)} />
                    </Field>
                    <Field
                      label="How often"
                      id={`medications.${i}.frequency`}
                      error={fieldError(errors, `medications.${i}.frequency`)}
                    >
                      <Input placeholder="e.g. daily" {...form.register(`medications.${i}.frequency`)} />
                    </Field>
                    <Button
                      type="button"
                      variant="ghost"
                      onClick={() => remove(i)}
                      aria-label={`Remove medicine ${i + 1}`}
                    >
                      <TrashIcon aria-hidden="true" className="size-4" />
                    </Button>
                  </div>
                  {match ? (
                    <p className="mt-2 text-sm text-amber-900" data-testid="medication-interaction">
                      <Badge tone="warning">{match.label}</Badge> This medicine can interact with ketamine.
                      Keep taking it as prescribed; your prescriber will review it with you.
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ol>
          {fieldError(errors, "medications") ? (
            <p className="text-sm font-medium text-red-700" data-testid="error-medications">
              {fieldError(errors, "medications")}
            </p>
          ) : null}
          <Button
            type="button"
            variant="secondary"
            onClick={() => append({ name: "", dose: "", frequency: "" })}
          >
            <PlusIcon aria-hidden="true" className="size-4" /> Add a medicine
          </Button>
        </>
      ) : null}
    </div>
  );
}
