"use client";

import { FormNotice } from "@/components/forms/form-notice";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { recordDoseAction } from "@/lib/actions/dosing";
import { type DosingRoute, orderedMg, ROUTE_LABEL } from "@/lib/domain/dosing/order";
import { recordDoseSchema } from "@/lib/validation/dosing";
import { LateReasonField, lateReasonCheck, typedTimeIsLate } from "./late-entry";
import { nowLocalTime, typedTimeToday } from "./local-time";
import { type ActiveOrder, orderSummary } from "./order-summary";

type Dose = {
  orderId: string;
  mg: number;
  route: DosingRoute;
  lotNumber: string;
  givenAt: string;
  lateReason: string;
};

/** The dose given, from an active order: never above it (checked again on the server). */
export function DoseForm({
  recordId,
  version,
  orders,
  timeZone,
}: {
  recordId: string;
  version: number;
  orders: ActiveOrder[];
  timeZone: string;
}) {
  const f = useActionForm(recordDoseAction, {
    schema: recordDoseSchema,
    defaultValues: {
      orderId: orders[0]?.id ?? "",
      route: orders[0]?.route,
      lotNumber: "",
      givenAt: nowLocalTime(timeZone),
      lateReason: "",
    },
    toInput: (v: Dose) => ({ ...v, recordId, version, givenAt: typedTimeToday(v.givenAt, timeZone) }),
    check: (v) => {
      const late = lateReasonCheck(v.givenAt, v.lateReason, timeZone);
      return late ? { lateReason: late } : undefined;
    },
    refresh: true,
  });
  const late = typedTimeIsLate(f.form.watch("givenAt"), timeZone);
  const order = orders.find((o) => o.id === f.form.watch("orderId"));
  if (orders.length === 0) {
    return (
      <Notice tone="warning">
        No active dosing order for this client. A prescriber writes one on the client&apos;s record.
      </Notice>
    );
  }
  return (
    <form {...f.formProps} className="space-y-3" data-testid="dose-form">
      <FormNotice of={f} testId="dose-error" />
      <Field label="Order" id={`order-${recordId}`} error={f.error("orderId")}>
        <Select
          {...f.register("orderId", {
            // The route starts as the chosen order's.
            onChange: (e) => {
              const chosen = orders.find((o) => o.id === e.target.value);
              if (chosen) f.form.setValue("route", chosen.route);
            },
          })}
        >
          {orders.map((o) => (
            <option key={o.id} value={o.id}>
              {orderSummary(o, timeZone)}
            </option>
          ))}
        </Select>
      </Field>
      {order?.instructions ? (
        <p className="text-sm text-slate-700">Instructions: {order.instructions}</p>
      ) : null}
      <div className="flex flex-wrap gap-3">
        <Field
          label="Dose given (mg)"
          id={`mg-${recordId}`}
          hint={order ? `Ordered: ${orderedMg(order)} mg at most` : undefined}
          error={f.error("mg")}
          required
        >
          <Input
            type="number"
            step="0.01"
            min="0"
            className="w-32"
            {...f.register("mg", { valueAsNumber: true })}
          />
        </Field>
        <Field label="Route" id={`route-${recordId}`} error={f.error("route")} required>
          <Select className="w-40" {...f.register("route")}>
            {(Object.keys(ROUTE_LABEL) as DosingRoute[]).map((r) => (
              <option key={r} value={r}>
                {ROUTE_LABEL[r]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Lot number" id={`lot-${recordId}`} error={f.error("lotNumber")} required>
          <Input className="w-36" {...f.register("lotNumber")} />
        </Field>
        <Field label="Time given" id={`time-${recordId}`} error={f.error("givenAt")} required>
          <Input type="time" className="w-32" {...f.register("givenAt")} />
        </Field>
      </div>
      <LateReasonField
        id={`dose-late-${recordId}`}
        show={late}
        error={f.error("lateReason")}
        registration={f.register("lateReason")}
        className="max-w-xl"
      />
      <Button type="submit" disabled={!f.ready || f.pending}>
        Record the dose
      </Button>
    </form>
  );
}
