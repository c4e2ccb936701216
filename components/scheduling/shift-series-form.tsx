"use client";

import { FormNotice } from "@/components/forms/form-notice";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { shiftSeriesAction } from "@/lib/actions/scheduling";

/** Moves every upcoming session of the series by N days, keeping their times. */
export function ShiftSeriesForm({ seriesId }: { seriesId: string }) {
  const f = useActionForm(shiftSeriesAction, {
    schema: () => import("@/lib/validation/scheduling").then((m) => m.shiftSeriesSchema),
    defaultValues: { days: "7" },
    toInput: (v: { days: string }) => ({ ...v, seriesId }),
    successMessage: ({ moved }) => `Moved ${moved} upcoming sessions.`,
    refresh: true,
  });
  return (
    <form {...f.formProps} className="flex flex-wrap items-end gap-2">
      <Field
        label="Shift upcoming sessions by (days)"
        id="shift-days"
        hint="Negative moves them earlier."
        error={f.error("days")}
      >
        <Input type="number" min={-60} max={60} className="w-28" {...f.register("days")} />
      </Field>
      <Button type="submit" variant="secondary" disabled={!f.ready || f.pending}>
        Shift sessions
      </Button>
      <FormNotice of={f} className="w-full" />
    </form>
  );
}
