"use client";

import { useState } from "react";
import { FormNotice } from "@/components/forms/form-notice";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import { createDosingOrderAction } from "@/lib/actions/dosing";
import { DOSING_ROUTES, type DosingRoute, ROUTE_LABEL } from "@/lib/domain/dosing/order";
import { createDosingOrderSchema } from "@/lib/validation/dosing";

type Amount = number | null;
type Order = {
  route: DosingRoute;
  doseMg: Amount;
  doseMgPerKg: Amount;
  weightKg: Amount;
  maxDoses: Amount;
  validUntil: string;
  instructions: string;
};

/** An empty box is no amount (null), not zero. */
const amount = { setValueAs: (v: unknown): Amount => (v === "" || v == null ? null : Number(v)) };

/**
 * A prescriber's dosing order. Kapstone records what the prescriber decides and
 * never proposes a dose: every amount field starts empty.
 */
export function NewOrderForm({ clientId }: { clientId: string }) {
  const [byWeight, setByWeight] = useState(false);
  const f = useActionForm(createDosingOrderAction, {
    schema: createDosingOrderSchema,
    defaultValues: { order: { route: DOSING_ROUTES[0], validUntil: "", instructions: "" } },
    // Only the way of dosing that is shown is sent.
    toInput: ({ order }: { order: Order }) => ({
      clientId,
      order: {
        ...order,
        maxDoses: order.maxDoses ?? Number.NaN,
        doseMg: byWeight ? null : order.doseMg,
        doseMgPerKg: byWeight ? order.doseMgPerKg : null,
        weightKg: byWeight ? order.weightKg : null,
      },
    }),
    reset: () => ({ order: { route: DOSING_ROUTES[0], validUntil: "", instructions: "" } }),
    refresh: true,
  });
  return (
    <form {...f.formProps} className="space-y-3" data-testid="new-order-form">
      <FormNotice of={f} />
      <div className="flex flex-wrap gap-3">
        <Field label="Route" id="route" error={f.error("order.route")} required>
          <Select className="w-44" {...f.register("order.route")}>
            {DOSING_ROUTES.map((r) => (
              <option key={r} value={r}>
                {ROUTE_LABEL[r]}
              </option>
            ))}
          </Select>
        </Field>
        <label className="flex items-center gap-2 self-end pb-2 text-sm">
          <input
            type="checkbox"
            className="size-4 accent-teal-700"
            checked={byWeight}
            onChange={(e) => setByWeight(e.target.checked)}
          />{" "}
          Dose by weight (mg/kg)
        </label>
      </div>
      <div className="flex flex-wrap gap-3">
        {byWeight ? (
          <>
            <Field label="Dose (mg/kg)" id="doseMgPerKg" error={f.error("order.doseMgPerKg")} required>
              <Input
                type="number"
                step="0.001"
                className="w-32"
                {...f.register("order.doseMgPerKg", amount)}
              />
            </Field>
            <Field label="Weight used (kg)" id="weightKg" error={f.error("order.weightKg")} required>
              <Input type="number" step="0.1" className="w-32" {...f.register("order.weightKg", amount)} />
            </Field>
          </>
        ) : (
          <Field label="Dose (mg)" id="doseMg" error={f.error("order.doseMg")} required>
            <Input type="number" step="0.01" className="w-32" {...f.register("order.doseMg", amount)} />
          </Field>
        )}
        <Field label="Doses before review" id="maxDoses" error={f.error("order.maxDoses")} required>
          <Input type="number" min={1} max={12} className="w-28" {...f.register("order.maxDoses", amount)} />
        </Field>
        <Field label="Valid until" id="validUntil" error={f.error("order.validUntil")} required>
          <Input type="date" className="w-44" {...f.register("order.validUntil")} />
        </Field>
      </div>
      <Field
        label="Instructions"
        id="instructions"
        error={f.error("order.instructions")}
        hint="Optional, e.g. split in two halves 20 min apart."
      >
        <Textarea rows={2} {...f.register("order.instructions")} />
      </Field>
      <Button type="submit" disabled={!f.ready || f.pending}>
        Sign the order
      </Button>
    </form>
  );
}
