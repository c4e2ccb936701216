"use client";

import {
  type ArrayPath,
  type FieldValues,
  type Path,
  type UseFormReturn,
  useFieldArray,
} from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { US_STATES } from "@/lib/domain/core/us-states";

/** One licence as the form holds it. */
export type LicenceRow = { state: string; expiresAt: string };

/**
 * A clinician's licences as rows of a form: a state and its expiry date each, added and
 * removed in place. `name` is the list's field ("licences"); its errors show on each row.
 */
export function LicenceRows<T extends FieldValues>({
  form,
  name,
  error,
  idPrefix,
  today,
}: {
  form: UseFormReturn<T>;
  name: ArrayPath<T>;
  error: (path: Path<T>) => string | undefined;
  idPrefix: string;
  /** The practice's date today ("YYYY-MM-DD"): a licence expiring before it is marked expired. */
  today: string;
}) {
  const { fields, append, remove } = useFieldArray({ control: form.control, name });
  const rowPath = (i: number, key: keyof LicenceRow) => `${name}.${i}.${key}` as Path<T>;
  const listError = error(name as unknown as Path<T>);
  const values = form.watch(name as unknown as Path<T>) as LicenceRow[] | undefined;
  return (
    <fieldset className="space-y-3" data-testid={`${idPrefix}-licences`}>
      <legend className="text-sm font-medium text-slate-800">Licences</legend>
      <p className="text-sm text-slate-600">
        Each state with its expiry date. A licence counts through its expiry date; prescribers only screen,
        order and dose for clients where they hold a current licence.
      </p>
      {fields.length === 0 ? <p className="text-sm text-slate-600">No licence on file.</p> : null}
      {fields.map((field, i) => {
        const expiresAt = values?.[i]?.expiresAt ?? "";
        const expired = /^\d{4}-\d{2}-\d{2}$/.test(expiresAt) && expiresAt < today;
        return (
          <div key={field.id} className="flex flex-wrap items-end gap-3">
            <Field label="State" id={`${idPrefix}-licence-${i}-state`} error={error(rowPath(i, "state"))}>
              <Select className="w-48" {...form.register(rowPath(i, "state"))}>
                <option value="">Choose a state</option>
                {Object.entries(US_STATES).map(([code, label]) => (
                  <option key={code} value={code}>
                    {label}
                  </option>
                ))}
              </Select>
            </Field>
            <Field
              label="Expires on"
              id={`${idPrefix}-licence-${i}-expiresAt`}
              error={error(rowPath(i, "expiresAt"))}
            >
              <Input type="date" className="w-44" {...form.register(rowPath(i, "expiresAt"))} />
            </Field>
            <Button type="button" size="sm" variant="secondary" onClick={() => remove(i)}>
              Remove
            </Button>
            {expired ? (
              <span className="pb-1 text-sm font-medium text-amber-800">Expired: it no longer counts.</span>
            ) : null}
          </div>
        );
      })}
      {listError && fields.length === 0 ? (
        <p className="text-sm font-medium text-red-700" data-testid={`error-${idPrefix}-licences`}>
          {listError}
        </p>
      ) : null}
      <Button
        type="button"
        size="sm"
        variant="secondary"
        onClick={() => append({ state: "", expiresAt: "" } as never)}
      >
        Add a licence
      </Button>
    </fieldset>
  );
}
