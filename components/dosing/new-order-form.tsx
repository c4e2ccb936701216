"use client";

import { useState } from "react";
import { FormNotice } from "@/components/forms/form-notice";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import { createDosingOrderAction } from "@/lib/actions/dosing";
import type { PracticeSettings } from "@/lib/domain/admin/practice-settings";
import {
  DOSING_ROUTES,
  type DosingRoute,
  describeCeiling,
  isPerKgRoute,
  orderCeilingIssues,
  ROUTE_LABEL,
  weightConfirmationMessage,
  weightNeedsConfirmation,
} from "@/lib/domain/dosing/order";
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
  boosterMg: Amount;
  boosterEarliestMinute: Amount;
  totalMaxMg: Amount;
  weightConfirmed: boolean;
};

/** An empty box is no amount (null), not zero. */
const amount = { setValueAs: (v: unknown): Amount => (v === "" || v == null ? null : Number(v)) };
/** Every field, so that starting again after an order leaves nothing of it behind. */
const EMPTY: { order: Order } = {
  order: {
    route: DOSING_ROUTES[0],
    doseMg: null,
    doseMgPerKg: null,
    weightKg: null,
    maxDoses: null,
    validUntil: "",
    instructions: "",
    boosterMg: null,
    boosterEarliestMinute: null,
    totalMaxMg: null,
    weightConfirmed: false,
  },
};

/**
 * A prescriber's dosing order. Kapstone records what the prescriber decides and
 * never proposes a dose: every amount field starts empty. The route's ceiling (a clinic
 * setting) and a weight far from the client's last one are checked here and on the server.
 */
export function NewOrderForm({
  clientId,
  settings,
  lastWeightKg,
}: {
  clientId: string;
  settings: PracticeSettings;
  lastWeightKg: number | null;
}) {
  const [byWeight, setByWeight] = useState(false);
  const [withBooster, setWithBooster] = useState(false);
  // The server may know a more recent weight than this page: its question shows the confirmation too.
  const [serverAsksWeight, setServerAsksWeight] = useState(false);
  const toOrder = (order: Order) => ({
    ...order,
    maxDoses: order.maxDoses ?? Number.NaN,
    // Only the way of dosing that is shown is sent.
    doseMg: byWeight ? null : order.doseMg,
    doseMgPerKg: byWeight ? order.doseMgPerKg : null,
    boosterMg: withBooster ? order.boosterMg : null,
    boosterEarliestMinute: withBooster ? order.boosterEarliestMinute : null,
    totalMaxMg: withBooster ? order.totalMaxMg : null,
  });
  const f = useActionForm(createDosingOrderAction, {
    schema: createDosingOrderSchema,
    defaultValues: EMPTY,
    toInput: ({ order }: { order: Order }) => ({ clientId, order: toOrder(order) }),
    check: ({ order }) => {
      const o = toOrder(order);
      const errors: Record<string, string> = {};
      for (const issue of orderCeilingIssues(o, settings)) errors[`order.${issue.path}`] ??= issue.message;
      if (
        !order.weightConfirmed &&
        order.weightKg !== null &&
        lastWeightKg !== null &&
        weightNeedsConfirmation(order.weightKg, lastWeightKg)
      ) {
        errors["order.weightKg"] ??= weightConfirmationMessage(order.weightKg, lastWeightKg);
      }
      return errors;
    },
    onError: (e) => {
      if (e.fieldErrors?.["order.weightKg"]?.some((m) => m.includes("kg, not lb?")))
        setServerAsksWeight(true);
    },
    onSuccess: () => {
      setByWeight(false);
      setWithBooster(false);
      setServerAsksWeight(false);
    },
    reset: () => EMPTY,
    refresh: true,
  });
  const route = f.form.watch("order.route") ?? DOSING_ROUTES[0];
  const weight = f.form.watch("order.weightKg");
  const perKg = isPerKgRoute(route);
  const askConfirm =
    serverAsksWeight ||
    (typeof weight === "number" && lastWeightKg !== null && weightNeedsConfirmation(weight, lastWeightKg));
  return (
    <form {...f.formProps} className="space-y-3" data-testid="new-order-form">
      <FormNotice of={f} />
      <div className="flex flex-wrap gap-3">
        <Field
          label="Route"
          id="route"
          error={f.error("order.route")}
          hint={`Ceiling ${describeCeiling(route, settings)} (a clinic setting).`}
          required
        >
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
          <Field label="Dose (mg/kg)" id="doseMgPerKg" error={f.error("order.doseMgPerKg")} required>
            <Input type="number" step="0.001" className="w-32" {...f.register("order.doseMgPerKg", amount)} />
          </Field>
        ) : (
          <Field label="Dose (mg)" id="doseMg" error={f.error("order.doseMg")} required>
            <Input type="number" step="0.01" className="w-32" {...f.register("order.doseMg", amount)} />
          </Field>
        )}
        <Field
          label={byWeight ? "Weight used (kg)" : "Weight (kg)"}
          id="weightKg"
          error={f.error("order.weightKg")}
          hint={
            lastWeightKg !== null
              ? `Last recorded: ${lastWeightKg} kg.`
              : byWeight || perKg
                ? undefined
                : "Optional for this route."
          }
          required={byWeight || perKg}
        >
          <Input type="number" step="0.1" className="w-32" {...f.register("order.weightKg", amount)} />
        </Field>
        <Field label="Doses before review" id="maxDoses" error={f.error("order.maxDoses")} required>
          <Input type="number" min={1} max={12} className="w-28" {...f.register("order.maxDoses", amount)} />
        </Field>
        <Field label="Valid until" id="validUntil" error={f.error("order.validUntil")} required>
          <Input type="date" className="w-44" {...f.register("order.validUntil")} />
        </Field>
      </div>
      {askConfirm ? (
        <label className="flex items-center gap-2 text-sm" data-testid="confirm-weight">
          <input
            type="checkbox"
            className="size-4 accent-teal-700"
            {...f.register("order.weightConfirmed")}
          />{" "}
          I confirm the weight is in kg and correct, though it is more than 15 % away from the last one.
        </label>
      ) : null}
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          className="size-4 accent-teal-700"
          checked={withBooster}
          onChange={(e) => setWithBooster(e.target.checked)}
        />{" "}
        Allow a booster in the session
      </label>
      {withBooster ? (
        <div className="flex flex-wrap gap-3">
          <Field label="Booster (mg)" id="boosterMg" error={f.error("order.boosterMg")} required>
            <Input type="number" step="0.01" className="w-32" {...f.register("order.boosterMg", amount)} />
          </Field>
          <Field
            label="Not before minute"
            id="boosterEarliestMinute"
            hint="After the first administration."
            error={f.error("order.boosterEarliestMinute")}
            required
          >
            <Input
              type="number"
              min={1}
              max={480}
              className="w-28"
              {...f.register("order.boosterEarliestMinute", amount)}
            />
          </Field>
          <Field
            label="Session total at most (mg)"
            id="totalMaxMg"
            hint="First dose and booster together."
            error={f.error("order.totalMaxMg")}
            required
          >
            <Input type="number" step="0.01" className="w-32" {...f.register("order.totalMaxMg", amount)} />
          </Field>
        </div>
      ) : null}
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
